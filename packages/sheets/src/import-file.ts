import type { TextEncoding } from './decode-text.js';
import { KIND_DEFS } from './import-kinds.js';
import { importTable, type ImportOptions, type ImportResult } from './import-table.js';
import { matchColumns } from './match-columns.js';
import { readTableFile, SheetFileError, type Table } from './read-table.js';

/** An import of a whole file: the table's result plus how the file was read. */
export interface FileImport extends ImportResult {
  format: 'xlsx' | 'csv';
  encoding: TextEncoding | null;
  /** Every sheet of the workbook, for the mapping screen's sheet choice. */
  sheets: string[];
}

/** Options of {@link importFile}: those of `importTable`, and which sheet (default: the one whose headers fit the kind best). */
export interface FileImportOptions extends ImportOptions {
  sheet?: string;
}

/** The sheet whose header row finds the most required (then optional) columns of the kind. */
function bestSheet(tables: readonly Table[], options: FileImportOptions): Table {
  if (options.sheet !== undefined) {
    const named = tables.find((t) => t.sheet === options.sheet);
    if (named === undefined) throw new SheetFileError(`no sheet named "${options.sheet}" / 没有名为"${options.sheet}"的工作表`);
    return named;
  }
  const def = KIND_DEFS[options.kind];
  let best: { table: Table; score: number } | null = null;
  for (const table of tables) {
    const m = matchColumns(table.rows, def, options.mapping);
    const score = m.columns.reduce((s, c) => s + (c.index === null ? 0 : c.def.required ? 100 : 1), 0);
    if (best === null || score > best.score) best = { table, score };
  }
  if (best === null) throw new SheetFileError('the workbook has no sheet / 工作簿中没有工作表');
  return best.table;
}

/** Reads an .xlsx or .csv file and imports its best-fitting sheet as `options.kind`. */
export async function importFile(bytes: Uint8Array, fileName: string, options: FileImportOptions): Promise<FileImport> {
  const file = await readTableFile(bytes, fileName);
  const table = bestSheet(file.tables, options);
  return { ...importTable(table, options), format: file.format, encoding: file.encoding, sheets: file.tables.map((t) => t.sheet) };
}
