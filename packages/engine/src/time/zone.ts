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

/**
 * An offset in ms as RFC 3339 prints it: `Z`, `±hh:mm`, or `±hh:mm:ss` for the local mean
 * times of zone history (Asia/Shanghai before 1901 is +08:05:43). Whole seconds only.
 */
export function offsetText(offset: number): string {
  if (offset === 0) return 'Z';
  const abs = Math.round(Math.abs(offset) / 1000);
  const seconds = abs % 60;
  const text = `${offset < 0 ? '-' : '+'}${two(Math.floor(abs / 3600))}:${two(Math.floor(abs / 60) % 60)}`;
  return seconds === 0 ? text : `${text}:${two(seconds)}`;
}

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
  // Offsets are probed at whole hours and cached. An hour whose two ends differ holds a
  // transition: it is found to the second (tzdata transitions fall on whole seconds) and kept,
  // so zones whose changes are not on the hour (local mean time, +05:30 zones) are exact too.
  const probes = new Map<number, number>();
  const transitions = new Map<number, [number, number, number]>();
  const civil: [number, number, number] = [0, 0, 0];
  let lastHour = Number.NaN;
  let lastOffset = 0;
  let lastTransition: [number, number, number] | undefined;

  const probeOffset = (probe: number): number => {
    const parts: Record<string, string> = {};
    for (const p of dtf.formatToParts(probe)) parts[p.type] = p.value;
    let year = Number(parts.year);
    if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
    const local = daysFromCivil(year, Number(parts.month), Number(parts.day)) * DAY + ((Number(parts.hour) * 60 + Number(parts.minute)) * 60 + Number(parts.second)) * 1000;
    // Intl prints whole seconds: the offset of an instant with milliseconds is taken at its second.
    return local - (probe - (((probe % 1000) + 1000) % 1000));
  };

  const hourProbe = (hourKey: number): number => {
    let offset = probes.get(hourKey);
    if (offset === undefined) {
      offset = probeOffset(hourKey * HOUR);
      if (probes.size > 200_000) {
        probes.clear();
        transitions.clear();
      }
      probes.set(hourKey, offset);
    }
    return offset;
  };

  /** The first second of the hour at which the offset is no longer `before`. */
  const findTransition = (hourKey: number, before: number, after: number): [number, number, number] => {
    let lo = 0;
    let hi = 3600;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (probeOffset(hourKey * HOUR + mid * 1000) === before) lo = mid;
      else hi = mid;
    }
    return [hourKey * HOUR + hi * 1000, before, after];
  };

  /** The transition inside the hour, or undefined when the offset is the same at both ends. */
  const transitionIn = (hourKey: number): [number, number, number] | undefined => {
    const start = hourProbe(hourKey);
    const end = hourProbe(hourKey + 1);
    if (start === end) return undefined;
    let t = transitions.get(hourKey);
    if (t === undefined) {
      t = findTransition(hourKey, start, end);
      transitions.set(hourKey, t);
    }
    return t;
  };

  // Hour → its offset, or the transition inside it: one map look-up per new hour on the hot path.
  const hours = new Map<number, number | [number, number, number]>();
  const offsetAt = (instant: number): number => {
    const hourKey = Math.floor(instant / HOUR);
    if (hourKey !== lastHour) {
      let info = hours.get(hourKey);
      if (info === undefined) {
        info = transitionIn(hourKey) ?? hourProbe(hourKey);
        if (hours.size > 200_000) hours.clear();
        hours.set(hourKey, info);
      }
      if (typeof info === 'number') {
        lastOffset = info;
        lastTransition = undefined;
      } else {
        lastOffset = info[1];
        lastTransition = info;
      }
      lastHour = hourKey;
    }
    if (lastTransition === undefined) return lastOffset;
    return instant < lastTransition[0] ? lastTransition[1] : lastTransition[2];
  };

  // Local day number → the zone's offset when it is the same over that day and 18 hours on
  // each side (so every instant whose wall time falls on the day has it), else NaN.
  const quietDays = new Map<number, number>();
  let lastDay = Number.NaN;
  let lastDayOffset = Number.NaN;
  const quietOffset = (day: number): number => {
    if (day === lastDay) return lastDayOffset;
    let offset = quietDays.get(day);
    if (offset === undefined) {
      const first = Math.floor((day * DAY - 18 * HOUR) / HOUR);
      offset = hourProbe(first);
      // Four probes 20 h apart first (no zone changes its offset and back within 20 h); only
      // when they differ is every hour looked at.
      if (hourProbe(first + 20) !== offset || hourProbe(first + 40) !== offset || hourProbe(first + 60) !== offset) offset = Number.NaN;
      if (quietDays.size > 100_000) quietDays.clear();
      quietDays.set(day, offset);
    }
    lastDay = day;
    lastDayOffset = offset;
    return offset;
  };

  /** Every instant whose wall time is `local`, earliest first (none in a gap, two in a repeat). */
  const candidates = (local: number): number[] => {
    const first = Math.floor((local - 18 * HOUR) / HOUR);
    const found: number[] = [];
    const tried = new Set<number>();
    for (let h = first; h <= first + 36; h++) {
      for (const offset of [hourProbe(h), transitionIn(h)?.[2]]) {
        if (offset === undefined || tried.has(offset)) continue;
        tried.add(offset);
        const instant = local - offset;
        if (offsetAt(instant) === offset) found.push(instant);
      }
    }
    return found.sort((x, y) => x - y);
  };

  /** In a gap: the transition that skipped over `local`, the first instant after it. */
  const afterGap = (local: number): number => {
    const first = Math.floor((local - 18 * HOUR) / HOUR);
    for (let h = first; h <= first + 36; h++) {
      const t = transitionIn(h);
      if (t !== undefined && t[2] > t[1] && t[0] + t[1] <= local && local < t[0] + t[2]) return t[0];
    }
    // Not reached for a wall time with no instant; kept total for safety.
    return local - offsetAt(local);
  };

  /**
   * The instant of a wall-clock time: the earlier one in a repeated hour; in a gap (the wall
   * time never happened because clocks jumped) the first instant that exists after it.
   */
  const instantOfLocal = (local: number): number => {
    const quiet = quietOffset(Math.floor(local / DAY));
    if (quiet === quiet) return local - quiet;
    const found = candidates(local);
    return found.length > 0 ? (found[0] as number) : afterGap(local);
  };

  /** Like `instantOfLocal`, but the earliest such instant strictly after `after`. */
  const instantOfLocalAfter = (local: number, after: number): number | undefined => {
    const quiet = quietOffset(Math.floor(local / DAY));
    if (quiet === quiet) return local - quiet > after ? local - quiet : undefined;
    const found = candidates(local);
    if (found.length === 0) {
      const t = afterGap(local);
      return t > after ? t : undefined;
    }
    return found.find((t) => t > after);
  };

  /** Local wall time → [days, ms of day], civil date in `civil`. */
  const split = (local: number): number => {
    const days = Math.floor(local / DAY);
    civilFromDays(days, civil);
    return local - days * DAY;
  };

  /**
   * Month starts are local midnights of the 1st, or the first instant after a gap that
   * swallowed that midnight. A later month (n ≥ 1) always starts strictly after `instant`,
   * even when clocks turned back over a month boundary, so a month-close chain always advances.
   */
  const monthStartAfter = (instant: number, n: number): number => {
    split(instant + offsetAt(instant));
    const base = civil[0] * 12 + (civil[1] - 1);
    const startOf = (total: number): number => {
      const year = Math.floor(total / 12);
      return daysFromCivil(year, total - year * 12 + 1, 1) * DAY;
    };
    if (n <= 0) return instantOfLocal(startOf(base + n));
    for (let k = n; k < n + 3; k++) {
      const next = instantOfLocalAfter(startOf(base + k), instant);
      if (next !== undefined) return next;
    }
    throw new RangeError(`no month start after ${instant} in ${name}`);
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
      zoneOffset = offset;
      zoneText = offsetText(offset);
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
