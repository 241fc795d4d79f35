'use client';

/** The what-if's people table: each person's measures under both versions. */
import { useMemo, useState } from 'react';
import { peopleCsv } from '../csv';
import { METRICS } from '../metrics';
import type { Metric } from '../metrics';
import { metricLabel, roleText, showDelta, showMetric } from '../format';
import type { PersonRow } from '../types';
import { useLang, useT } from '../../shared/components/lang-context';

/** The measures the table shows as columns (the count of fines is in the totals and the CSV). */
const COLUMNS: readonly Metric[] = METRICS.filter((m) => m !== 'fines');
type SortKey = 'person' | 'role' | 'differing' | Metric;

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function sortValue(row: PersonRow, key: SortKey): number | string {
  if (key === 'person') return row.staffId;
  if (key === 'role') return `${row.role ?? ''}${row.level ?? ''}`;
  if (key === 'differing') return row.differing;
  return row.delta[key];
}

/** Saves text as a file through a temporary link (the browser's download). */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Everyone the candidate changes something for: each measure as base → candidate (change),
 * sortable by any column (by the change), filterable by id or name and by the measure that
 * changed; a row opens the person's decisions. The CSV export holds the rows as filtered and sorted.
 */
export function PeopleTable({ people, fileName, selected, onSelect }: { people: PersonRow[]; fileName: string; selected: string | null; onSelect: (staffId: string) => void }) {
  const lang = useLang();
  const t = useT();
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'finesFen', desc: true });
  const [text, setText] = useState('');
  const [changedIn, setChangedIn] = useState<Metric | ''>('');
  const rows = useMemo(() => {
    const q = text.trim().toLowerCase();
    const kept = people.filter((p) => (q === '' || p.staffId.toLowerCase().includes(q) || (p.name ?? '').toLowerCase().includes(q)) && (changedIn === '' || p.delta[changedIn] !== 0));
    const sign = sort.desc ? -1 : 1;
    return kept.sort((a, b) => {
      const x = sortValue(a, sort.key);
      const y = sortValue(b, sort.key);
      const primary = typeof x === 'number' && typeof y === 'number' ? (sort.key === 'differing' ? x - y : Math.abs(x) - Math.abs(y) || x - y) : byText(String(x), String(y));
      return sign * primary || byText(a.staffId, b.staffId);
    });
  }, [people, text, changedIn, sort]);

  const header = (key: SortKey, label: string, num = true) => (
    <th className={num ? 'num' : undefined} aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="link-button" onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : true }))} data-testid={`whatif-sort-${key}`}>
        {label}
        {sort.key === key ? (sort.desc ? ' ↓' : ' ↑') : ''}
      </button>
    </th>
  );

  if (people.length === 0) return <p className="muted">{t('whatif.noPeople')}</p>;
  return (
    <div>
      <div className="row" style={{ marginBottom: 8 }}>
        <input value={text} onChange={(e) => setText(e.target.value)} placeholder={t('whatif.filter')} aria-label={t('whatif.filter')} data-testid="whatif-filter" />
        <label className="small">
          {t('whatif.changedIn')}{' '}
          <select value={changedIn} onChange={(e) => setChangedIn(e.target.value as Metric | '')} data-testid="whatif-changed-in">
            <option value="">{t('whatif.any')}</option>
            {METRICS.map((m) => (
              <option key={m} value={m}>
                {metricLabel(m, lang)}
              </option>
            ))}
          </select>
        </label>
        <span className="muted small" data-testid="whatif-shown">
          {t('whatif.shown', { n: rows.length, total: people.length })}
        </span>
        <span className="spacer" />
        <button type="button" onClick={() => download(fileName, peopleCsv(rows))} data-testid="whatif-export">
          {t('whatif.exportCsv')}
        </button>
      </div>
      <p className="muted small">{t('whatif.sortHint')}</p>
      <div style={{ overflowX: 'auto' }}>
        <table data-testid="whatif-people">
          <thead>
            <tr>
              {header('person', t('whatif.person'), false)}
              {header('role', t('whatif.role'), false)}
              {header('differing', t('whatif.differing'))}
              {COLUMNS.map((m) => header(m, metricLabel(m, lang)))}
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr
                key={p.staffId}
                data-testid="whatif-person-row"
                data-staff-id={p.staffId}
                aria-selected={selected === p.staffId}
                style={{ cursor: 'pointer', background: selected === p.staffId ? 'var(--accent-soft)' : undefined }}
                onClick={() => onSelect(p.staffId)}
              >
                <td>
                  <button type="button" className="link-button" data-testid="whatif-open-person">
                    {p.name ?? p.staffId}
                  </button>{' '}
                  <span className="muted small">{p.staffId}</span>
                </td>
                <td className="small">{roleText(p, lang)}</td>
                <td className="num">{p.differing}</td>
                {COLUMNS.map((m) => (
                  <td key={m} className="num small" data-metric={m} data-delta={p.delta[m]}>
                    {p.delta[m] === 0 ? (
                      <span className="muted">{showMetric(m, p.base[m])}</span>
                    ) : (
                      <>
                        {showMetric(m, p.base[m])} → {showMetric(m, p.candidate[m])} <span className={p.delta[m] > 0 ? 'up' : 'down'}>({showDelta(m, p.delta[m])})</span>
                      </>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
