/**
 * Display formatting. Money stays integer fen until here; these functions only turn numbers
 * into text (no floating-point arithmetic on amounts).
 */

/** `1234567` → `"1,234,567"` (integers; a minus sign is kept). */
export function groupDigits(n: number): string {
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.abs(Math.trunc(n)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Integer fen as a number of 元 with two decimals, no unit: `2000` → `"20.00"`, `-123456` → `"-1,234.56"`. */
export function yuanDigits(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs - yuan * 100;
  return `${sign}${groupDigits(yuan)}.${String(cents).padStart(2, '0')}`;
}

/** Integer fen as 元 with two decimals: `2000` → `"20.00元"`, `-123456` → `"-1,234.56元"`. */
export function formatYuan(fen: number): string {
  return `${yuanDigits(fen)}元`;
}

/** A delta with an explicit sign: `+30.00元`, `-7`, `0`. */
export function signed(n: number, format: (n: number) => string = groupDigits): string {
  return n > 0 ? `+${format(n)}` : format(n);
}

/** `a → b`, or just `a` when nothing changed. */
export function change(a: number, b: number, format: (n: number) => string = groupDigits): string {
  return a === b ? format(a) : `${format(a)} → ${format(b)}`;
}

/** Columns of a full-width character (CJK, full-width forms) count 2 in a terminal. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** Terminal columns a string takes. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

const pad = (text: string, width: number, align: 'left' | 'right'): string => {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + fill : fill + text;
};

/**
 * Aligned columns: a header row, a rule, then the rows. The first column is left-aligned, the
 * others right-aligned (numbers), unless `align` says otherwise. Trailing spaces are trimmed.
 */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('left' | 'right')[]): string[] {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const alignOf = (i: number): 'left' | 'right' => align?.[i] ?? (i === 0 ? 'left' : 'right');
  const line = (cells: readonly string[]): string =>
    widths.map((w, i) => pad(cells[i] ?? '', w, alignOf(i))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}
