/**
 * Calendar arithmetic hard-coded for Asia/Shanghai, which has kept a fixed +08:00 offset since
 * 1991: the hand-written reducer needs no `Intl`. Instants are epoch milliseconds.
 */

const HOUR = 3_600_000;
/** Asia/Shanghai's offset from UTC. */
export const SHANGHAI_OFFSET_MS = 8 * HOUR;
/** One calendar day (no DST in a fixed-offset zone). */
export const DAY_MS = 24 * HOUR;
/** One minute. */
export const MINUTE_MS = 60_000;

const ZERO = 48;

/** The digit at position `i` (a module-level function: a closure here would be rebuilt per call). */
function digitAt(text: string, i: number): number {
  return text.charCodeAt(i) - ZERO;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (month 1–12), in integer arithmetic
 * (H. Hinnant's `days_from_civil`): no `Date` object on the hot path.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The inverse of {@link daysFromCivil}: year × 10000 + month × 100 + day, packed in one number. */
function civilFromDays(days: number): number {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 10_000 + month * 100 + day;
}

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (year: number, month: number): number => (month === 2 && isLeap(year) ? 29 : MONTH_DAYS[month - 1]!);


let lastDateKey = Number.NaN;
let lastDateDays = 0;

/**
 * Parses an ISO-8601 date-time with an offset (`Z` or `±hh:mm`, seconds and fraction optional)
 * into epoch ms. Input is assumed valid (the generator and the engine's parser vouch for it);
 * anything else throws.
 */
export function parseAt(text: string): number {
  // Fixed positions: YYYY-MM-DDTHH:MM
  const year = digitAt(text, 0) * 1000 + digitAt(text, 1) * 100 + digitAt(text, 2) * 10 + digitAt(text, 3);
  const month = digitAt(text, 5) * 10 + digitAt(text, 6);
  const day = digitAt(text, 8) * 10 + digitAt(text, 9);
  const hour = digitAt(text, 11) * 10 + digitAt(text, 12);
  const minute = digitAt(text, 14) * 10 + digitAt(text, 15);
  let pos = 16;
  let second = 0;
  let ms = 0;
  if (text.charCodeAt(pos) === 58 /* : */) {
    second = digitAt(text, 17) * 10 + digitAt(text, 18);
    pos = 19;
    if (text.charCodeAt(pos) === 46 /* . */) {
      pos++;
      let scale = 100;
      while (pos < text.length) {
        const digit = digitAt(text, pos);
        if (digit < 0 || digit > 9) break;
        ms += digit * scale;
        scale /= 10;
        pos++;
      }
      ms = Math.floor(ms);
    }
  }
  let offset = 0;
  const sign = text.charCodeAt(pos);
  if (sign === 43 /* + */ || sign === 45 /* - */) {
    offset = ((digitAt(text, pos + 1) * 10 + digitAt(text, pos + 2)) * 60 + digitAt(text, pos + 4) * 10 + digitAt(text, pos + 5)) * MINUTE_MS;
    if (sign === 45) offset = -offset;
  } else if (sign !== 90 /* Z */) {
    throw new RangeError(`not an ISO-8601 date-time with offset: ${JSON.stringify(text)}`);
  }
  const dateKey = year * 10_000 + month * 100 + day;
  if (dateKey !== lastDateKey) {
    // Events come in time order: thousands share a day, so the calendar math runs once a day.
    lastDateKey = dateKey;
    lastDateDays = daysFromCivil(year, month, day);
  }
  const t = (lastDateDays * 86_400 + hour * 3600 + minute * 60 + second) * 1000 + ms - offset;
  if (!(t === t) || month < 1 || month > 12) throw new RangeError(`not an ISO-8601 date-time with offset: ${JSON.stringify(text)}`);
  return t;
}

/** True when `text` is already in the form {@link formatAt} produces (so it can be reused as is). */
export function isShanghaiForm(text: string): boolean {
  return text.length === 25 && text.endsWith('+08:00') && text.charCodeAt(19) === 43;
}

const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : `${i}`));
let lastFormatted = Number.NaN;
let lastText = '';
let lastDay = Number.NaN;
let lastDate = '';

/** `2026-03-01T00:00:00+08:00`; milliseconds only when not zero. */
export function formatAt(instant: number): string {
  if (instant === lastFormatted) return lastText;
  const wall = instant + SHANGHAI_OFFSET_MS;
  const day = Math.floor(wall / DAY_MS);
  if (day !== lastDay) {
    const civil = civilFromDays(day);
    const year = Math.floor(civil / 10_000);
    lastDate = `${year}-${TWO_DIGITS[Math.floor(civil / 100) - year * 100]}-${TWO_DIGITS[civil % 100]}T`;
    lastDay = day;
  }
  const ms = wall - day * DAY_MS;
  const seconds = Math.floor(ms / 1000);
  const fraction = ms - seconds * 1000;
  const time = `${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}`;
  const text = `${lastDate}${time}${fraction === 0 ? '' : `.${String(fraction).padStart(3, '0')}`}+08:00`;
  lastFormatted = instant;
  lastText = text;
  return text;
}

/** Month number (year × 12 + month − 1) of the Shanghai calendar month containing the instant. */
export function monthIndexOf(instant: number): number {
  const d = new Date(instant + SHANGHAI_OFFSET_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** 00:00 Shanghai time on the first day of month number `index`. */
export function monthStart(index: number): number {
  const year = Math.floor(index / 12);
  return Date.UTC(year, index - year * 12, 1) - SHANGHAI_OFFSET_MS;
}

let memoDays = Number.NaN;
let memoMonths = Number.NaN;
let memoTargetDays = 0;

/** `n` calendar months after the instant, same wall time, day clamped to the month's end. */
export function addMonths(instant: number, n: number): number {
  const wall = instant + SHANGHAI_OFFSET_MS;
  const days = Math.floor(wall / DAY_MS);
  const timeOfDay = wall - days * DAY_MS;
  if (days !== memoDays || n !== memoMonths) {
    // R3 re-arms on every activity, and activities of one day share their target day.
    const civil = civilFromDays(days);
    const year = Math.floor(civil / 10_000);
    const month = Math.floor(civil / 100) - year * 100;
    const day = civil - Math.floor(civil / 100) * 100;
    const total = year * 12 + month - 1 + n;
    const toYear = Math.floor(total / 12);
    const toMonth = total - toYear * 12 + 1;
    memoTargetDays = daysFromCivil(toYear, toMonth, Math.min(day, daysInMonth(toYear, toMonth)));
    memoDays = days;
    memoMonths = n;
  }
  return memoTargetDays * DAY_MS + timeOfDay - SHANGHAI_OFFSET_MS;
}

/** `n` calendar days after the instant (a fixed offset has no DST, so days are 24 h). */
export function addDays(instant: number, n: number): number {
  return instant + n * DAY_MS;
}
