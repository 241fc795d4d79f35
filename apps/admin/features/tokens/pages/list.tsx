/** The /tokens page (admin): the API tokens. */
import { TokenAdmin } from '../components/admin';
import { t } from '../../shared/i18n/messages';
import { PERMISSIONS } from '../../shared/roles';
import { listTokens } from '../store';
import { getApp } from '../../shared/app-context';
import { getLang } from '../../shared/i18n/request-lang';
import { requirePageUser } from '../../shared/page-guard';

export default async function TokensPage() {
  await requirePageUser(PERMISSIONS.manageTokens);
  const lang = await getLang();
  const { db } = await getApp();
  const tokens = await listTokens(db);
  return (
    <>
      <h1>{t(lang, 'api.title')}</h1>
      <p className="muted">
        {t(lang, 'api.intro')}{' '}
        <a href="/api/v1/openapi.json" target="_blank" rel="noreferrer">
          {t(lang, 'api.docLink')}
        </a>
      </p>
      <section className="card">
        <TokenAdmin tokens={tokens} />
      </section>
    </>
  );
}
