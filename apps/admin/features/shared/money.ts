/**
 * Money in the UI is 元 with at most two decimals; in policies and the database it is integer
 * fen (1 元 = 100 fen). Conversions are string ↔ integer, never through a float, so 800000 元 is
 * exactly 80000000 fen and back.
 */

const YUAN_PATTERN = /^(-)?(\d{1,13})(?:\.(\d{1,2}))?$/;

/** The result of reading a 元 amount typed by a person. */
export type YuanParse = { ok: true; fen: number } | { ok: false };

/** Reads "800000", "800,000", "20.5", "-5" (thousands separators allowed) as integer fen. */
export function parseYuan(text: string): YuanParse {
  const cleaned = text.trim().replace(/[,，\s]/g, '');
  const m = YUAN_PATTERN.exec(cleaned);
  if (m === null) return { ok: false };
  const whole = Number(m[2]);
  const cents = Number((m[3] ?? '').padEnd(2, '0'));
  const fen = whole * 100 + cents;
  return { ok: true, fen: m[1] === '-' && fen !== 0 ? -fen : fen };
}

/** Integer fen as a 元 string without separators: 80000000 → "800000", 2050 → "20.5", -500 → "-5". */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) return String(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.trunc(abs / 100);
  const cents = abs % 100;
  if (cents === 0) return `${sign}${whole}`;
  const frac = String(cents).padStart(2, '0').replace(/0$/, '');
  return `${sign}${whole}.${frac}`;
}

/** Integer fen for display with thousands separators: 80000000 → "800,000". */
export function formatYuan(fen: number): string {
  const plain = fenToYuan(fen);
  const [whole = '', frac] = plain.replace('-', '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}
