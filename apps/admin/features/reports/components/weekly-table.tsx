/** The weekly report's table: one row per rep, then the totals. */
import Link from 'next/link';
import type { Lang } from '../../shared/i18n/lang';
import { t } from '../../shared/i18n/messages';
import type { MessageKey } from '../../shared/i18n/messages';
import { formatYuan } from '../../shared/money';
import { WEEKLY_FIELDS } from '../weekly';
import type { WeeklyNumbers, WeeklyReport } from '../weekly';

const show = (f: keyof WeeklyNumbers, n: WeeklyNumbers): string => (f === 'finesFen' ? formatYuan(n.finesFen) : String(n[f]));

/** The weekly report's table: one row per rep, then the totals. */
export function WeeklyTable({ report, lang }: { report: WeeklyReport; lang: Lang }) {
  if (report.rows.length === 0) return <p className="muted">{t(lang, 'people.report.noReps')}</p>;
  return (
    <div style={{ overflowX: 'auto' }}>
      <table data-testid="weekly">
        <thead>
          <tr>
            <th>{t(lang, 'people.report.col.staffId')}</th>
            <th>{t(lang, 'people.report.col.name')}</th>
            <th>{t(lang, 'people.report.col.level')}</th>
            {WEEKLY_FIELDS.map((f) => (
              <th key={f} className="num">
                {t(lang, `people.report.col.${f}` as MessageKey)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.rows.map((r) => (
            <tr key={r.staffId} data-staff={r.staffId}>
              <td>
                <Link href={`/people/${encodeURIComponent(r.staffId)}`}>{r.staffId}</Link>
              </td>
              <td>{r.name ?? '—'}</td>
              <td>{r.level ?? '—'}</td>
              {WEEKLY_FIELDS.map((f) => (
                <td key={f} className="num" data-field={f}>
                  {show(f, r)}
                </td>
              ))}
            </tr>
          ))}
          <tr data-testid="weekly-total" style={{ fontWeight: 600 }}>
            <td colSpan={3}>{t(lang, 'people.report.total')}</td>
            {WEEKLY_FIELDS.map((f) => (
              <td key={f} className="num" data-field={f}>
                {show(f, report.totals)}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
