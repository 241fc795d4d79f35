/** The what-if's per-person CSV, money in 元. */
import Papa from 'papaparse';
import { neutralizeCell } from '@allot/sheets/neutralize-cell';
import { fenToYuan } from '../shared/money';
import { METRICS, MONEY_METRICS } from './metrics';
import type { Metric } from './metrics';
import type { PersonRow } from './types';

/** The column of a measure in the CSV: money is exported in 元 (`finesFen` → `finesYuan`). */
const columnOf = (m: Metric): string => (MONEY_METRICS.has(m) ? m.replace(/Fen$/, 'Yuan') : m);

/** The CSV's columns, in order: who, then base / candidate / delta of every measure. */
export const CSV_COLUMNS: readonly string[] = [
  'staffId',
  'name',
  'role',
  'level',
  'differingDecisions',
  ...METRICS.flatMap((m) => [`${columnOf(m)}_base`, `${columnOf(m)}_candidate`, `${columnOf(m)}_delta`]),
];

/** A value of a measure as exported: 元 as a plain decimal from integer fen ("20", "20.5"), else the count. */
const cell = (m: Metric, n: number): string | number => (MONEY_METRICS.has(m) ? fenToYuan(n) : n);

/** One CSV record per person, keyed by {@link CSV_COLUMNS}. No client data: staff only. */
export function csvRecords(rows: readonly PersonRow[]): Record<string, string | number>[] {
  return rows.map((r) => {
    // Text cells are neutralised against formula injection (a name `=HYPERLINK(…)` stays text).
    const out: Record<string, string | number> = { staffId: neutralizeCell(r.staffId), name: neutralizeCell(r.name ?? ''), role: neutralizeCell(r.role ?? ''), level: neutralizeCell(r.level ?? ''), differingDecisions: r.differing };
    for (const m of METRICS) {
      out[`${columnOf(m)}_base`] = cell(m, r.base[m]);
      out[`${columnOf(m)}_candidate`] = cell(m, r.candidate[m]);
      out[`${columnOf(m)}_delta`] = cell(m, r.delta[m]);
    }
    return out;
  });
}

/**
 * The per-person table as CSV (papaparse's `unparse`: quoting and escaping are its job), with a
 * byte-order mark so spreadsheet programs read the Chinese names as UTF-8.
 */
export function peopleCsv(rows: readonly PersonRow[]): string {
  return `\ufeff${Papa.unparse(csvRecords(rows), { columns: [...CSV_COLUMNS], newline: '\r\n' })}`;
}
