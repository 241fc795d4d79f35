/** The /people page: the roster with statuses and fines, and the ring. */
import Link from 'next/link';
import { formatInstant } from '../../shared/format';
import { t } from '../../shared/i18n/messages';
import { STAFF_ROLE_LABELS } from '../../shared/policy-labels';
import { PERMISSIONS } from '../../shared/roles';
import { getApp } from '../../shared/app-context';
import { getLang } from '../../shared/i18n/request-lang';
import { requirePageUser } from '../../shared/page-guard';
import { statusAt } from '../../shared/clock';
import { matchStaff } from '../../shared/staff-lookup';
import { listPeople, pagePeople, PEOPLE_SORTS, selectPeople } from '../list';
import type { PeopleSort } from '../list';
import { namesOf } from '../roster';
import { readRing } from '../ring';
import { PeopleTable } from '../components/table';
import { RingView } from '../components/ring-view';

export default async function PeoplePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requirePageUser(PERMISSIONS.viewPeople);
  const lang = await getLang();
  const q = await searchParams;
  const role = q['role'] ?? '';
  const sort: PeopleSort = (PEOPLE_SORTS as readonly string[]).includes(q['sort'] ?? '') ? (q['sort'] as PeopleSort) : 'joined';
  const desc = q['dir'] === 'desc';
  const { db, runtime, clock } = await getApp();
  const list = await listPeople({ db, runtime, clock });
  // One clock: every status and the ring are judged at the runtime's time the page states.
  const people = list.people.map((p) => ({ ...p, status: statusAt(p.status, list.asOf) }));
  const ring = await readRing(runtime, new Date(list.asOf));
  const search = (q['q'] ?? '').trim().slice(0, 64);
  const selected = selectPeople(matchStaff(search, people), { role, sort, desc });
  const paged = pagePeople(selected, q['page']);
  const rows = paged.rows;
  const pageHref = (n: number): string =>
    `/people?${new URLSearchParams({ ...(search === '' ? {} : { q: search }), ...(role === '' ? {} : { role }), sort, ...(desc ? { dir: 'desc' } : {}), page: String(n) }).toString()}`;
  const roles = [...new Set(list.people.map((p) => p.role))];
  const ringMembers = new Set(ring.rings[0]?.preview.seats.map((s) => s.staffId) ?? []);
  return (
    <>
      <h1>{t(lang, 'people.title')}</h1>
      <p className="muted">{t(lang, 'people.intro')}</p>
      <p className="muted small" data-testid="as-of">
        {t(lang, 'people.asOf', { time: formatInstant(list.asOf, lang), month: list.month.key })}
      </p>
      <form method="get" className="card row">
        <label>
          {t(lang, 'people.filterRole')}{' '}
          <select name="role" defaultValue={role} data-testid="role-filter">
            <option value="">{t(lang, 'people.allRoles')}</option>
            {roles.map((r) => (
              <option key={r} value={r}>
                {STAFF_ROLE_LABELS[r]?.[lang] ?? r}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(lang, 'people.search')} <input name="q" defaultValue={search} placeholder={t(lang, 'people.searchHint')} data-testid="people-search" size={12} />
        </label>
        <input type="hidden" name="sort" value={sort} />
        {desc && <input type="hidden" name="dir" value="desc" />}
        <button type="submit">{t(lang, 'people.filter')}</button>
        <span className="muted">{t(lang, 'people.count', { n: selected.length })}</span>
      </form>
      <section className="card">
        <PeopleTable rows={rows} ringMembers={ringMembers} sort={sort} desc={desc} role={role} search={search} lang={lang} />
        {paged.pages > 1 && (
          <nav className="row small" data-testid="people-pages">
            {paged.page > 1 && <Link href={pageHref(paged.page - 1)}>{t(lang, 'people.pagePrev')}</Link>}
            <span className="muted">{t(lang, 'people.pageOf', { page: paged.page, pages: paged.pages })}</span>
            {paged.page < paged.pages && <Link href={pageHref(paged.page + 1)}>{t(lang, 'people.pageNext')}</Link>}
          </nav>
        )}
      </section>
      <RingView ring={ring} names={namesOf(people)} lang={lang} />
    </>
  );
}
