/** The /clients page: the client list with its filters, contacts masked. */
import Link from 'next/link';
import { ClientTable } from '../components/table';
import { t } from '../../shared/i18n/messages';
import { can, PERMISSIONS } from '../../shared/roles';
import { getApp } from '../../shared/app-context';
import { listClients } from '../read';
import { namesOf, readRoster } from '../../people';
import { getLang } from '../../shared/i18n/request-lang';
import { requirePageUser } from '../../shared/page-guard';

const TIERS = ['A', 'B', 'C', 'D'] as const;

export default async function ClientsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser(PERMISSIONS.viewClients);
  const lang = await getLang();
  const raw = await searchParams;
  const param = (k: string): string => {
    const v = raw[k];
    return (typeof v === 'string' ? v : '').trim().slice(0, 64);
  };
  const filters = { q: param('q'), tier: param('tier'), owner: user.role === 'rep' ? '' : param('owner') };
  const { db } = await getApp();
  const page = await listClients(db, user, { ...filters, after: param('after'), limit: 50 });
  const keep = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== ''));
  const next = page.next === null ? null : `/clients?${new URLSearchParams({ ...keep, after: page.next }).toString()}`;
  return (
    <>
      <h1>{t(lang, 'clients.title')}</h1>
      <p className="muted">
        {user.role === 'rep' ? `${t(lang, 'clients.onlyOwn')} ` : ''}
        {t(lang, 'clients.listMasked')}
        {can(user.role, 'audit') && (
          <>
            {' '}
            <Link href="/access-log">{t(lang, 'clients.log.title')} →</Link>
          </>
        )}
      </p>
      <form method="get" className="card row">
        <label>
          {t(lang, 'clients.search')} <input name="q" defaultValue={filters.q} />
        </label>
        <label>
          {t(lang, 'clients.tier')}{' '}
          <select name="tier" defaultValue={filters.tier}>
            <option value="">{t(lang, 'clients.any')}</option>
            {TIERS.map((tier) => (
              <option key={tier} value={tier}>
                {tier}
              </option>
            ))}
          </select>
        </label>
        {user.role !== 'rep' && (
          <label>
            {t(lang, 'clients.owner')} <input name="owner" defaultValue={filters.owner} placeholder="s0002" />
          </label>
        )}
        <button type="submit">{t(lang, 'clients.filter')}</button>
      </form>
      <section className="card">
        <p className="muted">{t(lang, 'clients.total', { n: page.total })}</p>
        <ClientTable rows={page.items} names={namesOf(await readRoster(db))} lang={lang} />
        {next !== null && <Link href={next}>{t(lang, 'clients.next')} →</Link>}
      </section>
    </>
  );
}
