import { TokenAdmin } from '../../features/tokens/components/admin';
import { t } from '../../features/shared/i18n/messages';
import { PERMISSIONS } from '../../features/shared/roles';
import { listTokens } from '../../features/tokens/store';
import { getApp } from '../../features/shared/app-context';
import { getLang } from '../../features/shared/i18n/request-lang';
import { requirePageUser } from '../../features/shared/page-guard';

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
