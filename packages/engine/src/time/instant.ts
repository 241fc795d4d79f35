/**
 * Instants are epoch milliseconds inside the engine; outside they are ISO-8601 strings with an
 * explicit offset. Nothing here reads the clock. Parsing is hand-written (no regex, no Date):
 * it runs once per event on multi-million-event histories.
 */

const DAY = 86_400_000;

/** Days in a month (1-based) of a proleptic Gregorian year. */
export const daysIn = (year: number, month: number): number => {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
};

/** Days since 1970-01-01 of a civil date (month 1-based); Howard Hinnant's algorithm. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The civil date of a day number (days since 1970-01-01). Writes into `out` [year, month, day]. */
export function civilFromDays(days: number, out: [number, number, number]): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  out[0] = yoe + era * 400 + (month <= 2 ? 1 : 0);
  out[1] = month;
  out[2] = day;
  return out;
}

/** Reads `n` decimal digits at `i`, or -1 when any is not a digit. */
function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(i + k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Parses an RFC 3339 date-time — `YYYY-MM-DDTHH:mm:ss[.f…]` (1 to 9 fraction digits) then `Z`
 * or `±hh:mm` — into epoch ms. Precision is the millisecond: fraction digits past the third
 * are dropped (toward the past), so `10:10:00.0005` is `10:10:00.000` (SPEC §2). Returns
 * `null` for anything else (no seconds, no offset, `+08`, `+0800`, a lowercase `t`, a comma,
 * more than 9 fraction digits, impossible dates like Feb 30, hour 24, year 0000, stray characters).
 */
export function parseInstant(s: string): number | null {
  if (typeof s !== 'string' || s.length < 17) return null;
  // Fixed positions first: YYYY-MM-DDTHH:mm, each digit checked by an unsigned range test.
  const y0 = s.charCodeAt(0) - 48, y1 = s.charCodeAt(1) - 48, y2 = s.charCodeAt(2) - 48, y3 = s.charCodeAt(3) - 48;
  const mo0 = s.charCodeAt(5) - 48, mo1 = s.charCodeAt(6) - 48, d0 = s.charCodeAt(8) - 48, d1 = s.charCodeAt(9) - 48;
  const h0 = s.charCodeAt(11) - 48, h1 = s.charCodeAt(12) - 48, mi0 = s.charCodeAt(14) - 48, mi1 = s.charCodeAt(15) - 48;
  if (y0 >>> 0 > 9 || y1 >>> 0 > 9 || y2 >>> 0 > 9 || y3 >>> 0 > 9 || mo0 >>> 0 > 9 || mo1 >>> 0 > 9) return null;
  if (d0 >>> 0 > 9 || d1 >>> 0 > 9 || h0 >>> 0 > 9 || h1 >>> 0 > 9 || mi0 >>> 0 > 9 || mi1 >>> 0 > 9) return null;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58) return null;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = mo0 * 10 + mo1;
  const day = d0 * 10 + d1;
  const hour = h0 * 10 + h1;
  const minute = mi0 * 10 + mi1;
  // Year 0000 does not exist (instants run from 0001-01-01).
  if (year === 0 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || day > daysIn(year, month)) return null;
  let i = 16;
  let ms = 0;
  if (s.charCodeAt(i) !== 58) return null;
  const second = digits(s, i + 1, 2);
  if (second < 0 || second > 59) return null;
  i += 3;
  if (s.charCodeAt(i) === 46) {
    i++;
    const start = i;
    while (i < s.length && i - start < 9) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      if (i - start < 3) ms = ms * 10 + c;
      i++;
    }
    const n = i - start;
    if (n === 0) return null;
    if (n === 1) ms *= 100;
    else if (n === 2) ms *= 10;
  }
  let offsetMin = 0;
  const z = s.charCodeAt(i);
  if (z === 90) {
    if (i + 1 !== s.length) return null;
  } else if (z === 43 || z === 45) {
    if (i + 6 !== s.length || s.charCodeAt(i + 3) !== 58) return null;
    const oh = digits(s, i + 1, 2);
    const om = digits(s, i + 4, 2);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return null;
    offsetMin = (z === 45 ? -1 : 1) * (oh * 60 + om);
  } else {
    return null;
  }
  return daysFromCivilCached(year, month, day) * DAY + ((hour * 60 + minute - offsetMin) * 60 + second) * 1000 + ms;
}

/** Day number of the first of each month, by year * 12 + month: parsing reuses it for every event of a month. */
const monthDays = new Map<number, number>();
function daysFromCivilCached(year: number, month: number, day: number): number {
  const key = year * 12 + month;
  let first = monthDays.get(key);
  if (first === undefined) {
    first = daysFromCivil(year, month, 1);
    monthDays.set(key, first);
  }
  return first + day - 1;
}

/** Like {@link parseInstant} but throws a clear error; for values already validated. */
export function instantOf(text: string): number {
  const t = parseInstant(text);
  if (t === null) throw new RangeError(`not an ISO-8601 date-time with offset: ${JSON.stringify(text)}`);
  return t;
}
