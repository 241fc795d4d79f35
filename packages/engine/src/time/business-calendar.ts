import type { BusinessCalendar } from '../policy/policy-v2-types.js';
import { daysFromCivil } from './instant.js';
import type { Zone } from './zone.js';

/**
 * Working time (SPEC §6) in one pure module: working weekdays, working spans within a day,
 * holidays and make-up working days (调休), all in the policy's zone. A make-up day is a
 * working day whatever its weekday; a holiday is not, unless it is also a make-up day.
 */

const DAY = 86_400_000;
const MINUTE = 60_000;
/** Far enough for any real calendar (holiday lists are finite); past it a clock never ends. */
const MAX_DAYS_SCANNED = 366 * 50;

/** Working-time arithmetic over one calendar in one zone. */
export interface WorkingTime {
  /** True when the local date (days since 1970-01-01) is a working day. */
  isWorkingDay(day: number): boolean;
  /**
   * The instant `ms` of working time after `at`. Time outside working hours does not count, so
   * an instant outside working time starts the clock at the next working instant; a clock that
   * runs out exactly at a span's end ends there. Infinity when no working time ever comes.
   */
  addWorking(at: number, ms: number): number;
}

/** "YYYY-MM-DD" → local days since 1970-01-01 (validated by the schema). */
export function dayOfDate(date: string): number {
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/** "HH:MM" → minutes after midnight ("24:00" = 1440). */
export function minutesOfTime(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a local day number (1970-01-01 was a Thursday). */
export const weekdayOf = (day: number): number => ((((day + 3) % 7) + 7) % 7) + 1;

/** Builds the working-time helper of a calendar in a zone. */
export function workingTime(calendar: BusinessCalendar, zone: Zone): WorkingTime {
  const weekdays = new Set(calendar.workingDays);
  const holidays = new Set<number>();
  for (const h of calendar.holidays) {
    if (typeof h === 'string') holidays.add(dayOfDate(h));
    else for (let d = dayOfDate(h.from), end = dayOfDate(h.to); d <= end; d++) holidays.add(d);
  }
  const makeUp = new Set(calendar.makeUpDays.map(dayOfDate));
  const spans = calendar.hours.map((s) => [minutesOfTime(s.from), minutesOfTime(s.to)] as const).sort((a, b) => a[0] - b[0]);

  const isWorkingDay = (day: number): boolean => makeUp.has(day) || (weekdays.has(weekdayOf(day)) && !holidays.has(day));

  const addWorking = (at: number, ms: number): number => {
    let remaining = ms;
    const startDay = Math.floor((at + zone.offsetAt(at)) / DAY);
    for (let day = startDay; day < startDay + MAX_DAYS_SCANNED; day++) {
      if (!isWorkingDay(day)) continue;
      for (const [from, to] of spans) {
        const spanStart = zone.instantOfLocal(day * DAY + from * MINUTE);
        const spanEnd = zone.instantOfLocal(day * DAY + to * MINUTE);
        if (at >= spanEnd) continue;
        const begin = Math.max(at, spanStart);
        const available = spanEnd - begin;
        if (remaining <= available) return begin + remaining;
        remaining -= available;
      }
    }
    return Number.POSITIVE_INFINITY;
  };

  return { isWorkingDay, addWorking };
}
