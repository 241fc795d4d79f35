/** The /access-log page (auditors): the access log with its filters and its download. */
import Link from 'next/link';
import { AccessLogTable } from '../components/log-table';
import { t } from '../../shared/i18n/messages';
import { PERMISSIONS } from '../../shared/roles';
import { getApp } from '../../shared/app-context';
import { accessLogQuery, searchAccessLog } from '../log';
import { getLang } from '../../shared/i18n/request-lang';
import { requirePageUser } from '../../shared/page-guard';
import { resolveStaff } from '../../shared/staff-lookup';
import { listUsers } from '../../auth';

const FIELDS = ['actor', 'clientId', 'action', 'since', 'until'] as const;

export default async function AccessLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser(PERMISSIONS.audit);
  const lang = await getLang();
  const raw = await searchParams;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(raw)) if (typeof v === 'string' && v.trim() !== '') params.set(k, v.trim().slice(0, 200));
  const { db } = await getApp();
  // The actor may be typed as a person's name (陈静) as well as a username.
  const users = (await listUsers(db)).map((u) => ({ staffId: u.username, name: u.displayName }));
  const typedActor = params.get('actor');
  const actor = typedActor === null ? null : resolveStaff(typedActor, users);
  const query = accessLogQuery(actor === null ? params : new URLSearchParams([...params].map(([k, v]) => [k, k === 'actor' ? actor : v])));
  const userNames = new Map(users.map((u) => [u.staffId, u.name]));
  const page = query === null ? null : await searchAccessLog(db, { ...query, limit: query.limit ?? 100 });
  const kept = new URLSearchParams([...params].filter(([k]) => (FIELDS as readonly string[]).includes(k)));
  const older = page?.next == null ? null : `/access-log?${new URLSearchParams([...kept, ['before', String(page.next)]]).toString()}`;
  const label = { actor: 'clients.log.actor', clientId: 'clients.log.client', action: 'clients.log.action', since: 'clients.log.since', until: 'clients.log.until' } as const;
  return (
    <>
      <h1>{t(lang, 'clients.log.title')}</h1>
      <p className="muted">{t(lang, 'clients.log.intro')}</p>
      <form method="get" className="card row">
        {FIELDS.map((f) => (
          <label key={f}>
            {t(lang, label[f])} <input name={f} defaultValue={params.get(f) ?? ''} type={f === 'since' || f === 'until' ? 'date' : 'text'} />
          </label>
        ))}
        <button type="submit">{t(lang, 'clients.log.search')}</button>
      </form>
      <section className="card">
        {page === null ? <p className="notice error">{t(lang, 'clients.log.bad')}</p> : <AccessLogTable rows={page.items} names={userNames} lang={lang} />}
        <div className="row" style={{ marginTop: 8 }}>
          {older !== null && <Link href={older}>{t(lang, 'clients.log.older')} →</Link>}
          <span className="spacer" />
          <a href={`/api/access-log?${new URLSearchParams([...kept, ['format', 'xlsx']]).toString()}`} download data-testid="access-xlsx">
            {t(lang, 'export.xlsx')}
          </a>
          <a href={`/api/access-log?${new URLSearchParams([...kept, ['format', 'csv']]).toString()}`} download>
            {t(lang, 'export.csv')}
          </a>
        </div>
      </section>
    </>
  );
}
