/** The /integrations page (admin): endpoints, deliveries and channels. */
import { IntegrationsAdmin } from '../components/admin';
import { t } from '../../shared/i18n/messages';
import { PERMISSIONS } from '../../shared/roles';
import { getApp } from '../../shared/app-context';
import { getLang } from '../../shared/i18n/request-lang';
import { requirePageUser } from '../../shared/page-guard';
import { listChannels } from '../channels';
import { listDeliveries } from '../deliveries';
import { listEndpoints } from '../endpoints';

export default async function IntegrationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser(PERMISSIONS.manageIntegrations);
  const lang = await getLang();
  const { db } = await getApp();
  const q = await searchParams;
  const selected = typeof q['endpoint'] === 'string' ? q['endpoint'] : null;
  const [endpoints, channels, deliveries] = await Promise.all([listEndpoints(db), listChannels(db), listDeliveries(db, { ...(selected === null ? {} : { endpointId: selected }), limit: 100 })]);
  return (
    <>
      <h1>{t(lang, 'int.title')}</h1>
      <p className="muted">{t(lang, 'int.intro')}</p>
      <IntegrationsAdmin endpoints={endpoints} channels={channels} deliveries={deliveries} selected={selected} />
    </>
  );
}
