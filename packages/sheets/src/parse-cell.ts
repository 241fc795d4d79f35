import { parseInstant } from '@allot/engine';
import type { Localized, Zone } from '@allot/engine';

/** One spreadsheet cell as a reader gives it: text (CSV, or a text cell), a number, a boolean, a date, or empty. */
export type Cell = string | number | boolean | Date | null;

/** A cell's parsed value, or the problem with it in both languages. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: Localized };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (zh: string, en: string): Parsed<never> => ({ ok: false, message: { zh, en } });

/** A cell as trimmed text ('' when empty); a whole number cell prints without a fraction. */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString();
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return cell.trim();
}

/** Whether a cell holds nothing (empty, or only spaces). */
export const isBlank = (cell: Cell): boolean => cellText(cell) === '';

const MAX_ID = 200;

/** An identifier (staff id, client id, record number): text without NUL or lone surrogates, at most 200 characters. */
export function parseId(cell: Cell): Parsed<string> {
  if (typeof cell === 'number' && !Number.isSafeInteger(cell)) return bad(`编号 ${cell} 不是整数,请按文本填写`, `id ${cell} is not a whole number: write it as text`);
  const text = cellText(cell);
  if (text === '') return bad('不能为空', 'must not be empty');
  if (text.length > MAX_ID) return bad(`超过 ${MAX_ID} 个字符`, `longer than ${MAX_ID} characters`);
  if (text.includes('\u0000') || !(text as unknown as { isWellFormed(): boolean }).isWellFormed()) return bad('含有无法保存的字符', 'holds a character that cannot be stored');
  return ok(text);
}

/** Free text (a note): NUL and lone surrogates refused, at most 2,000 characters. */
export function parseText(cell: Cell): Parsed<string> {
  const text = cellText(cell);
  if (text.length > 2000) return bad('超过 2000 个字符', 'longer than 2,000 characters');
  if (text.includes('\u0000') || !(text as unknown as { isWellFormed(): boolean }).isWellFormed()) return bad('含有无法保存的字符', 'holds a character that cannot be stored');
  return ok(text);
}

const MONEY = /^(\d+)(?:\.(\d+))?$/;

/**
 * An amount in 元 → integer fen. Accepts `1234.5`, `1,234.50`, `¥1234`, `1234元`; refuses a
 * negative amount and one with more than two decimals that are not zeros (a fraction of a fen).
 */
export function parseMoney(cell: Cell): Parsed<number> {
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return bad('不是金额', 'is not an amount');
    if (cell < 0) return bad(`金额 ${cell} 为负数`, `amount ${cell} is negative`);
    const fen = Math.round(cell * 100);
    if (Math.abs(cell * 100 - fen) > 1e-6 * Math.max(1, Math.abs(fen))) return bad(`金额 ${cell} 元不是整数分`, `amount ${cell} yuan is not a whole number of fen`);
    if (!Number.isSafeInteger(fen)) return bad('金额过大', 'amount too large');
    return ok(fen === 0 ? 0 : fen);
  }
  const text = cellText(cell).replace(/[\s,，]/g, '').replace(/^[¥￥]/, '').replace(/(元|RMB|CNY)$/i, '');
  if (text.startsWith('-') || text.startsWith('−')) return bad(`金额 ${cellText(cell)} 为负数`, `amount ${cellText(cell)} is negative`);
  const m = MONEY.exec(text);
  if (m === null) return bad(`"${cellText(cell)}" 不是金额(元)`, `"${cellText(cell)}" is not an amount in yuan`);
  const whole = m[1] as string;
  const frac = m[2] ?? '';
  if (/[1-9]/.test(frac.slice(2))) return bad(`金额 ${cellText(cell)} 元不是整数分`, `amount ${cellText(cell)} yuan is not a whole number of fen`);
  const fen = Number(whole) * 100 + Number((frac + '00').slice(0, 2));
  if (!Number.isSafeInteger(fen)) return bad('金额过大', 'amount too large');
  return ok(fen);
}

/** A positive whole count (pauses owed, prior violations); 0 and empty give null (nothing to open). */
export function parseCount(cell: Cell): Parsed<number | null> {
  const text = cellText(cell).replace(/次$/, '');
  if (text === '') return ok(null);
  if (!/^\d+(\.0+)?$/.test(text)) return bad(`"${cellText(cell)}" 不是非负整数`, `"${cellText(cell)}" is not a whole number ≥ 0`);
  const n = Number(text);
  if (!Number.isSafeInteger(n)) return bad('数字过大', 'number too large');
  return ok(n === 0 ? null : n);
}

const DAY = 86_400_000;
const two = (n: number): string => String(n).padStart(2, '0');

function daysIn(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Wall time in the zone → instant, after checking the calendar. */
function localInstant(zone: Zone, y: number, mo: number, d: number, h: number, mi: number, s: number, raw: string): Parsed<number> {
  if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return bad(`"${raw}" 不是有效日期`, `"${raw}" is not a valid date`);
  if (h > 23 || mi > 59 || s > 59) return bad(`"${raw}" 不是有效时间`, `"${raw}" is not a valid time`);
  // Date.UTC maps years 0–99 to 1900–1999: start from a leap year and set the year explicitly.
  const local = new Date(Date.UTC(2000, mo - 1, d, h, mi, s));
  local.setUTCFullYear(y);
  return ok(zone.instantOfLocal(local.getTime()));
}

const YMD = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:：时](\d{2})(?:[:：分](\d{2}))?秒?)?$/;
const DMY = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A date or date-time, as an instant. A text with an offset (`2026-03-01T09:00:00+08:00`) is
 * taken as written; any other form is wall time in the policy's zone: `2026-03-01`,
 * `2026/3/1 9:30`, `2026年3月1日`, an Excel date cell, or an Excel serial day number. A date
 * without a time is 00:00. `03/04/2026` is refused as ambiguous (day/month or month/day);
 * `13/04/2026` and `04/13/2026` are read the only way they can be.
 */
export function parseDate(cell: Cell, zone: Zone): Parsed<number> {
  if (cell instanceof Date) {
    const t = cell.getTime();
    if (Number.isNaN(t)) return bad('不是有效日期', 'is not a valid date');
    // Years 0001–9999 only, as every instant of SPEC §3 (a Date can reach ±275,760).
    const year = cell.getUTCFullYear();
    if (year < 1 || year > 9999) return bad(`年份 ${year} 不在 0001–9999 之内`, `year ${year} is not within 0001–9999`);
    // Excel stores wall time without a zone (readers hand it over as UTC fields), as a fraction
    // of a day in floating point: 14:23:49 can come back as 14:23:48.999. Round to the second.
    return ok(zone.instantOfLocal(Math.round(t / 1000) * 1000));
  }
  if (typeof cell === 'number') {
    // An Excel serial day number (1900 date system) in a cell not formatted as a date.
    if (!Number.isFinite(cell) || cell < 1 || cell > 2_958_465) return bad(`${cell} 不是日期`, `${cell} is not a date`);
    return ok(zone.instantOfLocal(Math.round(((cell - 25_569) * DAY) / 1000) * 1000));
  }
  const raw = cellText(cell);
  if (raw === '') return bad('不能为空', 'must not be empty');
  const exact = parseInstant(raw);
  if (exact !== null) return ok(exact);
  let m = YMD.exec(raw);
  if (m !== null) {
    return localInstant(zone, Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), raw);
  }
  m = DMY.exec(raw);
  if (m !== null) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = Number(m[3]);
    const rest = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)] as const;
    if (a <= 12 && b <= 12 && a !== b) {
      return bad(
        `"${raw}" 日/月不明确(${a} 月 ${b} 日还是 ${b} 月 ${a} 日?),请写成 ${y}-${two(a)}-${two(b)} 这样的形式`,
        `"${raw}" is ambiguous (day/month or month/day?): write it as ${y}-${two(a)}-${two(b)} or ${y}-${two(b)}-${two(a)}`,
      );
    }
    const [month, day] = a > 12 ? [b, a] : [a, b];
    return localInstant(zone, y, month, day, ...rest, raw);
  }
  return bad(`"${raw}" 不是日期(例如 2026-03-01 或 2026-03-01 09:30)`, `"${raw}" is not a date (e.g. 2026-03-01 or 2026-03-01 09:30)`);
}

/** Matches a cell against code words (codes and their Chinese / English names), case- and width-insensitively. */
export function parseChoice<T extends string>(cell: Cell, words: ReadonlyMap<string, T>, what: Localized): Parsed<T> {
  const text = cellText(cell);
  const found = words.get(normalizeWord(text));
  if (found !== undefined) return ok(found);
  const known = [...new Set(words.values())].join(', ');
  return bad(`"${text}" 不是${what.zh}(可选:${known})`, `"${text}" is not a ${what.en} (one of: ${known})`);
}

/** Folds case, full-width letters and spaces, so `Ａ`, `a ` and `A` read the same. */
export function normalizeWord(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s_\-()（）:：]/g, '')
    .toLowerCase();
}
