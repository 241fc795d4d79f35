/**
 * Characters that make a spreadsheet read a text cell as a formula (or, for tab and CR, let a
 * CSV cell start with one after a field split): `=`, `+`, `-`, `@`, tab, carriage return.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A plain decimal number (`-12.50`): a spreadsheet reads it as a number, never as a formula. */
const PLAIN_NUMBER = /^[-+]?\d+(\.\d+)?$/;

/**
 * Neutralises a text cell against formula injection (OWASP "CSV injection"): a value starting
 * with one of `= + - @`, tab or CR gets a leading apostrophe, which Excel, WPS and LibreOffice
 * show as text and do not evaluate. A plain decimal number (`-12.50`, a what-if delta) is left
 * as it is: it cannot be a formula, and it stays a number for the person adding it up.
 */
export function neutralizeCell(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}
