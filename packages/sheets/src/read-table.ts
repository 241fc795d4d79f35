import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import { decodeText, type TextEncoding } from './decode-text.js';
import type { Cell } from './parse-cell.js';

/** One row of a sheet: its number as the spreadsheet shows it (1-based) and its cells. */
export interface TableRow {
  row: number;
  cells: Cell[];
}

/** One sheet of a workbook, or the whole of a CSV file. */
export interface Table {
  /** The sheet's name (a CSV file has one sheet, named after nothing: ''). */
  sheet: string;
  rows: TableRow[];
}

/** What a file held: its sheets, and for CSV the encoding it was decoded from. */
export interface ReadFile {
  format: 'xlsx' | 'csv';
  encoding: TextEncoding | null;
  tables: Table[];
}

/** A file that is not a readable .xlsx or .csv. */
export class SheetFileError extends Error {
  override readonly name = 'SheetFileError';
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** Whether the bytes start like a zip archive (an .xlsx is one). */
const isZip = (bytes: Uint8Array): boolean => ZIP.every((b, i) => bytes[i] === b);

/** Files this large are refused before parsing (an admin upload or a CLI file alike). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * Reads an .xlsx workbook (every sheet, through read-excel-file) or a CSV file (decoded by
 * {@link decodeText}, split by papaparse). The file name decides only when the bytes do not:
 * a zip archive is read as .xlsx, anything else as CSV. Rows keep their spreadsheet numbers,
 * so errors can name them. Throws {@link SheetFileError} for a file neither can read.
 */
export async function readTableFile(bytes: Uint8Array, fileName = ''): Promise<ReadFile> {
  if (bytes.byteLength > MAX_FILE_BYTES) throw new SheetFileError(`file larger than ${MAX_FILE_BYTES / 1024 / 1024} MB / 文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  if (isZip(bytes) || /\.xlsx$/i.test(fileName)) {
    if (!isZip(bytes)) throw new SheetFileError('not an .xlsx workbook (an .xlsx file is a zip archive) / 不是 .xlsx 工作簿');
    try {
      const sheets = await readXlsxFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return {
        format: 'xlsx',
        encoding: null,
        tables: sheets.map((s) => ({ sheet: s.sheet, rows: s.data.map((cells, i) => ({ row: i + 1, cells: cells as unknown as Cell[] })) })),
      };
    } catch (error) {
      throw new SheetFileError(`cannot read the workbook / 无法读取工作簿: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (/\.xls$/i.test(fileName)) throw new SheetFileError('old .xls workbooks are not read: save as .xlsx or CSV / 不支持旧的 .xls 格式,请另存为 .xlsx 或 CSV');
  const { text, encoding } = decodeText(bytes);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const rows: TableRow[] = [];
  parsed.data.forEach((cells, i) => {
    if (!Array.isArray(cells)) return;
    // papaparse gives one empty field for a blank line, and a last empty line after a final newline.
    if (cells.length === 1 && cells[0] === '' && i === parsed.data.length - 1) return;
    rows.push({ row: i + 1, cells: cells.map((c) => (c === '' ? null : c)) });
  });
  return { format: 'csv', encoding, tables: [{ sheet: '', rows }] };
}
