/** The /audit page (auditor): the decision explorer's search, its results and Verify. */
import Link from 'next/link';
import { DecisionTable } from '../components/decision-table';
import { SearchForm } from '../components/search-form';
import type { SearchValues } from '../components/search-form';
import { VerifyPanel } from '../components/verify-panel';
import { t } from '../../shared/i18n/messages';
import { PERMISSIONS } from '../../shared/roles';
import { storeDb } from '../../shared/database';
import { getApp } from '../../shared/app-context';
import { parseAuditQuery, searchChoices, searchDecisions } from '../search';
import { getLang } from '../../shared/i18n/request-lang';
import { requirePageUser } from '../../shared/page-guard';
import { resolveStaff } from '../../shared/staff-lookup';
import { namesOf, readRoster } from '../../people';

const FILTERS = ['staffId', 'clientId', 'kind', 'rule', 'from', 'to', 'policy', 'order', 'limit'] as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser(PERMISSIONS.audit);
  const lang = await getLang();
  const raw = await searchParams;
  // The filters as typed (the first of a repeated parameter), so links keep them as they are.
  const params = new URLSearchParams();
  for (const name of [...FILTERS, 'cursor']) {
    const v = raw[name];
    const s = Array.isArray(v) ? v[0] : v;
    if (s !== undefined && s.trim() !== '') params.set(name, s.trim());
  }
  const { db, clock } = await getApp();
  const store = storeDb(db);
  // A person may be searched by name (高桂飞) as well as by id: the name becomes the id it names.
  const roster = await readRoster(db);
  const names = namesOf(roster);
  const typedStaff = params.get('staffId');
  const query = new URLSearchParams(params);
  const resolved = typedStaff === null ? null : resolveStaff(typedStaff, roster);
  if (resolved !== null) query.set('staffId', resolved);
  const parsed = parseAuditQuery(query);
  const [choices, page] = await Promise.all([searchChoices(store), parsed.ok ? searchDecisions(store, parsed.query, user.username, clock.now()) : Promise.resolve(null)]);
  const values: SearchValues = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? undefined]));
  const linkWith = (cursor: number | null): string => {
    const p = new URLSearchParams(params);
    if (cursor === null) p.delete('cursor');
    else p.set('cursor', String(cursor));
    const s = p.toString();
    return s === '' ? '/audit' : `/audit?${s}`;
  };
  const exportQuery = (format: string): string => {
    const p = new URLSearchParams(params);
    p.delete('cursor');
    p.set('format', format);
    return p.toString();
  };
  return (
    <>
      <h1>{t(lang, 'audit.title')}</h1>
      <p className="muted">{t(lang, 'audit.intro')}</p>
      <VerifyPanel />
      <SearchForm values={values} choices={choices} lang={lang} names={names} />
      {resolved !== null && typedStaff !== resolved && (
        <p className="muted small" data-testid="staff-resolved">
          {typedStaff} → {names.get(resolved) ?? resolved} ({resolved})
        </p>
      )}
      {!parsed.ok && (
        <div className="notice error" data-testid="audit-errors">
          {t(lang, 'audit.invalid')}
          <ul>
            {parsed.errors.map((e) => (
              <li key={e.field}>
                {e.field}: {e.message[lang]}
              </li>
            ))}
          </ul>
        </div>
      )}
      {page !== null && (
        <section className="card">
          <h2 style={{ marginTop: 0 }}>{t(lang, 'audit.results', { n: page.items.length })}</h2>
          {page.items.length === 0 ? <p className="muted">{t(lang, 'audit.noResults')}</p> : <DecisionTable rows={page.items} lang={lang} testId="audit-results" names={names} />}
          <div className="row" style={{ marginTop: 8 }}>
            {params.has('cursor') && <Link href={linkWith(null)}>{t(lang, 'audit.first')}</Link>}
            <span className="spacer" />
            <a href={`/api/audit/decisions?${exportQuery('xlsx')}`} download data-testid="audit-xlsx">
              {t(lang, 'export.xlsx')}
            </a>
            <a href={`/api/audit/decisions?${exportQuery('csv')}`} download>
              {t(lang, 'export.csv')}
            </a>
            {page.next !== null && (
              <Link href={linkWith(page.next)} data-testid="audit-next">
                {t(lang, 'audit.next')}
              </Link>
            )}
          </div>
        </section>
      )}
    </>
  );
}
