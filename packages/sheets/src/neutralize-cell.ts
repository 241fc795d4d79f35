/**
 * Characters that make a spreadsheet read a text cell as a formula (or, for tab and CR, let a
 * CSV cell start with one after a field split): `=`, `+`, `-`, `@`, tab, carriage return.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises a text cell against formula injection (OWASP "CSV injection"): a value starting
 * with one of `= + - @`, tab or CR gets a leading apostrophe, which Excel, WPS and LibreOffice
 * show as text and do not evaluate. Numbers are written as numbers and need nothing; a text
 * that merely looks like a negative number (`-20`) is neutralised too, because a cell starting
 * with `-` may also start a formula (`-1+HYPERLINK(…)`).
 */
export function neutralizeCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
