import { TokenAdmin } from '../../components/tokens/token-admin';
import { t } from '../../lib/i18n/messages';
import { PERMISSIONS } from '../../lib/roles';
import { listTokens } from '../../lib/server/api-tokens';
import { getApp } from '../../lib/server/app-context';
import { getLang } from '../../lib/server/lang';
import { requirePageUser } from '../../lib/server/page-guard';

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
