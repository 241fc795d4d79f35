import Papa from 'papaparse';
import { neutralizeCell } from './neutralize-cell.js';

/** A cell of an exported table: text, a number, or empty. */
export type OutCell = string | number | null | undefined;

/**
 * A CSV file as Chinese Excel and WPS open it without a prompt: UTF-8 with a byte-order mark,
 * CRLF line ends, every text cell neutralised against formula injection (numbers stay numbers).
 */
export function toCsv(headers: readonly string[], rows: readonly (readonly OutCell[])[]): string {
  const cell = (c: OutCell): string => (c === null || c === undefined ? '' : typeof c === 'number' ? String(c) : neutralizeCell(c));
  const body = Papa.unparse([headers.map((h) => cell(h)), ...rows.map((r) => r.map((c) => cell(c)))], { newline: '\r\n', quotes: false, escapeFormulae: false });
  return `\uFEFF${body}\r\n`;
}
