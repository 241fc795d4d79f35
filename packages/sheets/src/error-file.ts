import type { CellError } from './import-table.js';
import { toCsv } from './write-csv.js';

/**
 * The downloadable error file of an import: one line per problem, with the row, the column
 * letter, the header and the message in Chinese and English (UTF-8 CSV with a BOM).
 */
export function errorFileCsv(errors: readonly CellError[]): string {
  return toCsv(
    ['行 Row', '列 Column', '表头 Header', '问题', 'Problem'],
    errors.map((e) => [e.row, e.column, e.header, e.message.zh, e.message.en]),
  );
}
