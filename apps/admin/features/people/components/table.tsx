/** The people list as a table; each column header sorts by it. */
import Link from 'next/link';
import { formatDay } from '../../shared/format';
import type { Lang } from '../../shared/i18n/lang';
import { t } from '../../shared/i18n/messages';
import type { MessageKey } from '../../shared/i18n/messages';
import { STAFF_ROLE_LABELS } from '../../shared/policy-labels';
import { formatYuan } from '../../shared/money';
import type { PeopleSort, PersonRow } from '../list';
import { StatusBadges } from './status-badges';

const COLUMNS: { sort: PeopleSort; label: MessageKey; num?: boolean }[] = [
  { sort: 'id', label: 'people.col.id' },
  { sort: 'name', label: 'people.col.name' },
  { sort: 'role', label: 'people.col.role' },
  { sort: 'level', label: 'people.col.level' },
  { sort: 'joined', label: 'people.col.joined' },
  { sort: 'status', label: 'people.col.status' },
  { sort: 'fines', label: 'people.col.finesMonth', num: true },
];

/** The people list; each column header sorts by it (a link: works without scripts), again to reverse. */
export function PeopleTable({ rows, ringMembers, sort, desc, role, search = '', lang }: { rows: PersonRow[]; ringMembers: ReadonlySet<string>; sort: PeopleSort; desc: boolean; role: string; search?: string; lang: Lang }) {
  const href = (s: PeopleSort): string => {
    const q = new URLSearchParams({ ...(role === '' ? {} : { role }), ...(search === '' ? {} : { q: search }), sort: s, ...(s === sort && !desc ? { dir: 'desc' } : {}) });
    return `/people?${q.toString()}`;
  };
  return (
    <table data-testid="people">
      <thead>
        <tr>
          {COLUMNS.map((c) => (
            <th key={c.sort} className={c.num === true ? 'num' : undefined} aria-sort={c.sort === sort ? (desc ? 'descending' : 'ascending') : undefined}>
              <Link href={href(c.sort)} data-sort={c.sort}>
                {t(lang, c.label)}
                {c.sort === sort ? (desc ? ' ↓' : ' ↑') : ''}
              </Link>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.staffId} data-staff={r.staffId}>
            <td>
              <Link href={`/people/${encodeURIComponent(r.staffId)}`}>{r.staffId}</Link>
            </td>
            <td>{r.name ?? '—'}</td>
            <td>{STAFF_ROLE_LABELS[r.role]?.[lang] ?? r.role}</td>
            <td>{r.level ?? '—'}</td>
            <td>
              {formatDay(r.joinedAt, lang)}
              {r.leftAt !== null && <span className="muted small"> → {formatDay(r.leftAt, lang)}</span>}
            </td>
            <td>
              <StatusBadges status={r.status} inRing={ringMembers.has(r.staffId)} lang={lang} />
            </td>
            <td className="num" data-testid="fines-month">
              {formatYuan(r.finesThisMonth.fen)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
