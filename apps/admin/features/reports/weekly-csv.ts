import Papa from 'papaparse';
import type { Lang } from '../shared/i18n/lang';
import { t } from '../shared/i18n/messages';
import type { MessageKey } from '../shared/i18n/messages';
import { fenToYuan } from '../shared/money';
import { WEEKLY_FIELDS } from './weekly';
import type { WeeklyNumbers, WeeklyReport } from './weekly';

/** Excel reads a CSV as UTF-8 (and so shows Chinese) only when it starts with a byte-order mark. */
const BOM = '\uFEFF';

const cell = (field: keyof WeeklyNumbers, n: WeeklyNumbers): string | number => (field === 'finesFen' ? fenToYuan(n.finesFen) : n[field]);

/**
 * The weekly report as CSV (papaparse's `unparse`, CRLF, UTF-8 with a BOM): one row per rep and
 * a total row, column names in the UI language, money in 元 (from integer fen, no float).
 */
export function weeklyCsv(report: WeeklyReport, lang: Lang): string {
  const head = (['staffId', 'name', 'level', ...WEEKLY_FIELDS] as const).map((f) => t(lang, `people.report.col.${f}` as MessageKey));
  const data: (string | number)[][] = report.rows.map((r) => [r.staffId, r.name ?? '', r.level ?? '', ...WEEKLY_FIELDS.map((f) => cell(f, r))]);
  data.push([t(lang, 'people.report.total'), '', '', ...WEEKLY_FIELDS.map((f) => cell(f, report.totals))]);
  return BOM + Papa.unparse({ fields: head, data }, { newline: '\r\n' });
}

/** The file name of a week's CSV. */
export function weeklyCsvName(report: WeeklyReport): string {
  return `weekly-report-${report.week.key}.csv`;
}
