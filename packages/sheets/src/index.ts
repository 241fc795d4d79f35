/**
 * @allot/sheets — a company's spreadsheets in and out. Import: staff rosters, client books,
 * open sanctions at go-live and past records from .xlsx (read-excel-file) and CSV (papaparse,
 * UTF-8 or GB18030 through iconv-lite) become allot events with per-cell errors. Export:
 * formatted .xlsx (exceljs) and UTF-8-with-BOM CSV, every text cell neutralised against
 * formula injection.
 */
export { IMPORT_KINDS, KIND_DEFS, isImportKind } from './import-kinds.js';
export type { ColumnDef, ColumnType, ImportKind, KindDef } from './import-kinds.js';
export { decodeText } from './decode-text.js';
export type { DecodedText, TextEncoding } from './decode-text.js';
export { readTableFile, SheetFileError, MAX_FILE_BYTES } from './read-table.js';
export type { ReadFile, Table, TableRow } from './read-table.js';
export { cellText, parseDate, parseMoney } from './parse-cell.js';
export type { Cell, Parsed } from './parse-cell.js';
export { columnLetter, matchColumns } from './match-columns.js';
export type { ColumnMapping, ColumnMatch, MatchedColumn } from './match-columns.js';
export { importTable, staffDirectory } from './import-table.js';
export type { CellError, ImportedRow, ImportOptions, ImportResult, StaffDirectory } from './import-table.js';
export { importFile } from './import-file.js';
export type { FileImport, FileImportOptions } from './import-file.js';
export { errorFileCsv } from './error-file.js';
export { neutralizeCell } from './neutralize-cell.js';
export { toCsv } from './write-csv.js';
export type { OutCell } from './write-csv.js';
export { dryRun } from './dry-run.js';
export type { DryRun, FineComparison, GoLiveStanding } from './dry-run.js';
export { toXlsx, sheetCsv } from './write-xlsx.js';
export type { OutColumn, OutKind, OutSheet } from './write-xlsx.js';
