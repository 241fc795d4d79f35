import { civilFromDays, daysFromCivil, daysIn } from './instant.js';

/**
 * Calendar arithmetic in one IANA time zone, through `Intl` (no clock, no I/O). Offsets are
 * looked up once per hour of time and cached; the arithmetic itself is integer civil-date math,
 * so the hot path allocates nothing. A "local" value is the wall-clock time expressed as if it
 * were UTC milliseconds.
 */
export interface Zone {
  readonly name: string;
  /** Offset of the zone from UTC at an instant, in ms. */
  offsetAt(instant: number): number;
  /** The instant at a wall-clock time (the earlier of two in a repeated hour; shifted forward in a gap). */
  instantOfLocal(local: number): number;
  /** Start (00:00 local) of the calendar month containing the instant. */
  monthStart(instant: number): number;
  /** Start of the calendar month `n` months after the one containing the instant (n may be negative). */
  monthStartAfter(instant: number, n: number): number;
  /** `n` calendar months after the instant, same wall time, day clamped to the month's end. */
  addMonths(instant: number, n: number): number;
  /** `n` calendar days after the instant, same wall time. */
  addDays(instant: number, n: number): number;
  /** ISO-8601 with the zone's offset: seconds always, milliseconds when not zero. */
  format(instant: number): string;
  /** "YYYY-MM" of the local month containing the instant. */
  monthKey(instant: number): string;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;
const zones = new Map<string, Zone>();

const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/** Returns true when `name` is an IANA zone this runtime knows. */
export function isKnownZone(name: string): boolean {
  if (typeof name !== 'string' || name.length === 0) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Returns the (cached) calendar helper for an IANA time zone. Throws RangeError for an unknown zone. */
export function zoneOf(name: string): Zone {
  const cached = zones.get(name);
  if (cached !== undefined) return cached;
  const zone = makeZone(name);
  zones.set(name, zone);
  return zone;
}

function makeZone(name: string): Zone {
  const dtf = new Intl.DateTimeFormat('en-US', {
    timeZone: name,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    era: 'short',
  });
  const offsets = new Map<number, number>();
  const civil: [number, number, number] = [0, 0, 0];
  let lastHour = Number.NaN;
  let lastOffset = 0;

  const probeOffset = (probe: number): number => {
    const parts: Record<string, string> = {};
    for (const p of dtf.formatToParts(probe)) parts[p.type] = p.value;
    let year = Number(parts.year);
    if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
    const local = daysFromCivil(year, Number(parts.month), Number(parts.day)) * DAY + ((Number(parts.hour) * 60 + Number(parts.minute)) * 60 + Number(parts.second)) * 1000;
    return local - probe;
  };

  const offsetAt = (instant: number): number => {
    const hourKey = Math.floor(instant / HOUR);
    if (hourKey === lastHour) return lastOffset;
    let offset = offsets.get(hourKey);
    if (offset === undefined) {
      offset = probeOffset(hourKey * HOUR);
      if (offsets.size > 200_000) offsets.clear();
      offsets.set(hourKey, offset);
    }
    lastHour = hourKey;
    lastOffset = offset;
    return offset;
  };

  const instantOfLocal = (local: number): number => {
    const guess = local - offsetAt(local);
    const fixed = local - offsetAt(guess);
    return local - offsetAt(fixed) === fixed ? fixed : guess;
  };

  /** Local wall time → [days, ms of day], civil date in `civil`. */
  const split = (local: number): number => {
    const days = Math.floor(local / DAY);
    civilFromDays(days, civil);
    return local - days * DAY;
  };

  const monthStartAfter = (instant: number, n: number): number => {
    split(instant + offsetAt(instant));
    const total = civil[0] * 12 + (civil[1] - 1) + n;
    const year = Math.floor(total / 12);
    return instantOfLocal(daysFromCivil(year, total - year * 12 + 1, 1) * DAY);
  };

  // Day number → the day number `n` months later (clamped), for small n: R3 and R2 move
  // clocks by months on every activity, and most activity falls on few distinct days.
  const monthsLater = new Map<number, number>();
  const addMonths = (instant: number, n: number): number => {
    const local = instant + offsetAt(instant);
    const days = Math.floor(local / DAY);
    const msOfDay = local - days * DAY;
    const key = n >= -64 && n <= 64 ? days * 129 + n + 64 : Number.NaN;
    let target = monthsLater.get(key);
    if (target === undefined) {
      civilFromDays(days, civil);
      const total = civil[0] * 12 + (civil[1] - 1) + n;
      const year = Math.floor(total / 12);
      const month = total - year * 12 + 1;
      target = daysFromCivil(year, month, Math.min(civil[2], daysIn(year, month)));
      if (!Number.isNaN(key)) {
        if (monthsLater.size > 100_000) monthsLater.clear();
        monthsLater.set(key, target);
      }
    }
    return instantOfLocal(target * DAY + msOfDay);
  };

  const addDays = (instant: number, n: number): number => instantOfLocal(instant + offsetAt(instant) + n * DAY);

  // Decisions at one local day share its date prefix; keyed by day number (a small integer).
  const dayPrefix = new Map<number, string>();
  let zoneOffset = 0;
  let zoneText = 'Z';
  const format = (instant: number): string => {
    const offset = offsetAt(instant);
    const local = instant + offset;
    const days = Math.floor(local / DAY);
    let prefix = dayPrefix.get(days);
    if (prefix === undefined) {
      civilFromDays(days, civil);
      const year = civil[0];
      const yearText = year >= 0 && year <= 9999 ? String(year).padStart(4, '0') : String(year);
      prefix = `${yearText}-${two(civil[1])}-${two(civil[2])}T`;
      if (dayPrefix.size > 10_000) dayPrefix.clear();
      dayPrefix.set(days, prefix);
    }
    const msOfDay = local - days * DAY;
    const seconds = Math.floor(msOfDay / 1000);
    const ms = msOfDay - seconds * 1000;
    if (offset !== zoneOffset) {
      const abs = Math.abs(offset) / 60_000;
      zoneOffset = offset;
      zoneText = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
    }
    return `${prefix}${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}${ms === 0 ? '' : `.${String(ms).padStart(3, '0')}`}${zoneText}`;
  };

  const monthKey = (instant: number): string => {
    split(instant + offsetAt(instant));
    return `${civil[0]}-${two(civil[1])}`;
  };

  return {
    name,
    offsetAt,
    instantOfLocal,
    monthStart: (instant) => monthStartAfter(instant, 0),
    monthStartAfter,
    addMonths,
    addDays,
    format,
    monthKey,
  };
}
