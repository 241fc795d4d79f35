/** The weekly report as a download: one sheet, as CSV or .xlsx. */
import { zoneOf } from '@allot/engine';
import { sheetCsv, toXlsx } from '@allot/sheets';
import type { OutSheet } from '@allot/sheets';
import type { Lang } from '../shared/i18n/lang';
import { t } from '../shared/i18n/messages';
import type { MessageKey } from '../shared/i18n/messages';
import { WEEKLY_FIELDS } from './weekly';
import type { WeeklyNumbers, WeeklyReport } from './weekly';

const cell = (field: keyof WeeklyNumbers, n: WeeklyNumbers): number => n[field];

/**
 * The weekly report as one sheet: a row per rep and a total row, column names in the UI
 * language, money in 元 (the `finesFen` column is written from integer fen).
 */
export function weeklySheet(report: WeeklyReport, lang: Lang): OutSheet {
  return {
    name: `${t(lang, 'people.report.title')} ${report.week.key}`,
    columns: [
      { header: t(lang, 'people.report.col.staffId') },
      { header: t(lang, 'people.report.col.name') },
      { header: t(lang, 'people.report.col.level') },
      ...WEEKLY_FIELDS.map((f) => ({ header: t(lang, `people.report.col.${f}` as MessageKey), kind: f === 'finesFen' ? ('yuan' as const) : ('int' as const) })),
    ],
    rows: [
      ...report.rows.map((r) => [r.staffId, r.name ?? '', r.level ?? '', ...WEEKLY_FIELDS.map((f) => cell(f, r))]),
      [t(lang, 'people.report.total'), '', '', ...WEEKLY_FIELDS.map((f) => cell(f, report.totals))],
    ],
  };
}

/**
 * The weekly report as CSV (CRLF, UTF-8 with a BOM, money in 元 with two decimals). Every text
 * cell is neutralised against formula injection: a staff name `=HYPERLINK(…)` arrives as text.
 */
export function weeklyCsv(report: WeeklyReport, lang: Lang): string {
  return sheetCsv(weeklySheet(report, lang), zoneOf(report.timezone));
}

/** The weekly report as a formatted .xlsx (exceljs): bold frozen header, widths, 元 amounts. */
export function weeklyXlsx(report: WeeklyReport, lang: Lang): Promise<Uint8Array> {
  return toXlsx([weeklySheet(report, lang)], zoneOf(report.timezone));
}

/** The file name of a week's export. */
export function weeklyCsvName(report: WeeklyReport, ext: 'csv' | 'xlsx' = 'csv'): string {
  return `weekly-report-${report.week.key}.${ext}`;
}
