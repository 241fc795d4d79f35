import { daysIn } from './instant.js';

/**
 * Calendar arithmetic in one IANA time zone, through `Intl` (no clock, no I/O). Offsets are
 * cached per hour, so the hot path is a map lookup. A "local" value is the wall-clock time
 * expressed as if it were UTC milliseconds.
 */
export interface Zone {
  readonly name: string;
  /** Offset of the zone from UTC at an instant, in ms. */
  offsetAt(instant: number): number;
  /** The instant at a wall-clock time (earlier of two in a repeated hour; shifted forward in a gap). */
  instantOfLocal(local: number): number;
  /** Start (00:00 local) of the calendar month containing the instant. */
  monthStart(instant: number): number;
  /** Start of the calendar month `n` months after the one containing the instant. */
  monthStartAfter(instant: number, n: number): number;
  /** `n` calendar months after the instant, same wall time, day clamped to the month's end. */
  addMonths(instant: number, n: number): number;
  /** `n` calendar days after the instant, same wall time. */
  addDays(instant: number, n: number): number;
  /** ISO-8601 with the zone's offset, seconds always, milliseconds when not zero. */
  format(instant: number): string;
  /** "YYYY-MM" of the local month containing the instant. */
  monthKey(instant: number): string;
}

const HOUR = 3_600_000;
const zones = new Map<string, Zone>();

const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/** Returns true when `name` is an IANA zone this runtime knows. */
export function isKnownZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Returns the (cached) calendar helper for an IANA time zone. */
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
  });
  const offsets = new Map<number, number>();
  const formatted = new Map<number, string>();

  const offsetAt = (instant: number): number => {
    const hourKey = Math.floor(instant / HOUR);
    const hit = offsets.get(hourKey);
    if (hit !== undefined) return hit;
    const probe = hourKey * HOUR;
    const parts: Record<string, number> = {};
    for (const p of dtf.formatToParts(probe)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const local = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
    const offset = local - probe;
    offsets.set(hourKey, offset);
    return offset;
  };

  const instantOfLocal = (local: number): number => {
    const guess = local - offsetAt(local);
    const fixed = local - offsetAt(guess);
    return local - offsetAt(fixed) === fixed ? fixed : guess;
  };

  const localParts = (instant: number): Date => new Date(instant + offsetAt(instant));

  const monthStartAfter = (instant: number, n: number): number => {
    const d = localParts(instant);
    return instantOfLocal(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
  };

  const addMonths = (instant: number, n: number): number => {
    const d = localParts(instant);
    const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + n;
    const year = Math.floor(total / 12);
    const month = total - year * 12;
    const day = Math.min(d.getUTCDate(), daysIn(year, month + 1));
    return instantOfLocal(
      Date.UTC(year, month, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()),
    );
  };

  const addDays = (instant: number, n: number): number => {
    const d = localParts(instant);
    return instantOfLocal(
      Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + n, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()),
    );
  };

  const format = (instant: number): string => {
    const hit = formatted.get(instant);
    if (hit !== undefined) return hit;
    const offset = offsetAt(instant);
    const d = new Date(instant + offset);
    const ms = d.getUTCMilliseconds();
    const abs = Math.abs(offset) / 60_000;
    const text =
      `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}` +
      (ms === 0 ? '' : `.${String(ms).padStart(3, '0')}`) +
      (offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`);
    if (formatted.size > 100_000) formatted.clear();
    formatted.set(instant, text);
    return text;
  };

  const monthKey = (instant: number): string => {
    const d = localParts(instant);
    return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}`;
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
