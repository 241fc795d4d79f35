/**
 * Calendar arithmetic for the generated history. Everything happens in China Standard Time
 * (UTC+08:00, no daylight saving), so an instant is epoch milliseconds and a local day is a
 * plain integer. Times are whole seconds.
 */

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** Offset of +08:00 in milliseconds. */
export const OFFSET_MS = 8 * HOUR_MS;
/** Working hours: Monday–Saturday 09:00–18:00 local. */
export const WORK_START_MS = 9 * HOUR_MS;
export const WORK_END_MS = 18 * HOUR_MS;

/** The local (+08:00) day number of an instant: days since 1970-01-01 local. */
export function localDay(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / DAY_MS);
}

/** The instant of 00:00 local on a day number. */
export function dayStart(day: number): number {
  return day * DAY_MS - OFFSET_MS;
}

/** Milliseconds since local midnight. */
export function timeOfDay(ms: number): number {
  return (ms + OFFSET_MS) - localDay(ms) * DAY_MS;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Monday to Saturday are working days (the seed company works a six-day week). */
export function isWorkingDay(day: number): boolean {
  return weekday(day) !== 0;
}

/** True inside working hours of a working day. */
export function isWorkingTime(ms: number): boolean {
  const tod = timeOfDay(ms);
  return isWorkingDay(localDay(ms)) && tod >= WORK_START_MS && tod < WORK_END_MS;
}

/** The calendar month number (year × 12 + month − 1) of a local day. */
export function monthOfDay(day: number): number {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** The instant of 00:00 local on the first day of a month number. */
export function monthStart(month: number): number {
  return Date.UTC(Math.floor(month / 12), month % 12, 1) - OFFSET_MS;
}

/** The instant `months` calendar months after `ms` (end of month clamps: Jan 31 + 1 = Feb 28/29). */
export function addMonths(ms: number, months: number): number {
  const local = new Date(ms + OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(local.getUTCDate(), lastDay);
  const tod = timeOfDay(ms);
  return Date.UTC(y, m, day) + tod - OFFSET_MS;
}

const PAD2: string[] = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const dayPrefixes = new Map<number, string>();

/** ISO-8601 with the +08:00 offset, whole seconds: `2026-01-05T09:12:30+08:00`. */
export function formatInstant(ms: number): string {
  const day = localDay(ms);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    dayPrefixes.set(day, prefix);
  }
  const secs = Math.floor(timeOfDay(ms) / SECOND_MS);
  const h = Math.floor(secs / 3600);
  const m = Math.floor(secs / 60) % 60;
  return `${prefix}${PAD2[h]}:${PAD2[m]}:${PAD2[secs % 60]}+08:00`;
}

/** Parses an ISO-8601 date-time with an offset; throws on anything else. */
export function parseStart(text: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    throw new RangeError(`start must be ISO-8601 with an offset, e.g. 2026-01-01T00:00:00+08:00: ${JSON.stringify(text)}`);
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new RangeError(`start is not a valid date-time: ${JSON.stringify(text)}`);
  return Math.floor(ms / SECOND_MS) * SECOND_MS;
}
