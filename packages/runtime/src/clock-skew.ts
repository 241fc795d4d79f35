/**
 * The bound on how far ahead of the wall clock an event may be dated. The engine takes time as
 * input and trusts it; one event dated 9999-12-31 would move the runtime's time there for good
 * (every later event applied "late" at 9999, no version publishable again). So the runtime,
 * which reads the clock, refuses events (and ticks) more than the skew ahead of it.
 */
import { parseInstant } from '@allot/engine';
import type { EventError } from '@allot/engine';
import type { LinedEvent } from './ingest.js';

/** 0001-01-01T00:00:00Z: an earlier instant (0001-01-01 in a zone east of UTC) is year 0 in UTC, which PostgreSQL cannot store. */
const FIRST_STORABLE = -62_135_596_800_000;

/** The default skew: 5 minutes. */
export const DEFAULT_MAX_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The skew from `ALLOT_MAX_CLOCK_SKEW` (seconds, a non-negative integer) or the default.
 * Throws on a value that is not one, so a typo is not silently the default.
 */
export function clockSkewFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const raw = env['ALLOT_MAX_CLOCK_SKEW'];
  if (raw === undefined || raw.trim() === '') return DEFAULT_MAX_CLOCK_SKEW_MS;
  if (!/^\d{1,9}$/.test(raw.trim())) throw new Error(`allot runtime: ALLOT_MAX_CLOCK_SKEW must be a whole number of seconds, not ${JSON.stringify(raw)}`);
  return Number(raw.trim()) * 1000;
}

/** How a skew reads in a message: "5 minutes", "90 seconds". */
function describeSkew(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000} minute${ms === 60_000 ? '' : 's'}`;
  return `${ms / 1000} seconds`;
}

/** Splits checked events into those dated within `skewMs` of `now` and an error (field `at`) for each of the others. */
export function boundBySkew(events: readonly LinedEvent[], now: Date, skewMs: number): { kept: LinedEvent[]; rejected: EventError[] } {
  const limit = now.getTime() + skewMs;
  const kept: LinedEvent[] = [];
  const rejected: EventError[] = [];
  for (const e of events) {
    const t = parseInstant(e.event.at);
    if (t !== null && t < FIRST_STORABLE) rejected.push({ line: e.line, field: 'at', message: `${e.event.at} is before 0001-01-01T00:00:00Z, the first instant the store can hold` });
    else if (t !== null && t <= limit) kept.push(e);
    else rejected.push({ line: e.line, field: 'at', message: skewMessage(e.event.at, now, skewMs) });
  }
  return { kept, rejected };
}

/** Why an instant is refused. */
export function skewMessage(at: string, now: Date, skewMs: number): string {
  return `${at} is more than ${describeSkew(skewMs)} ahead of the clock (${now.toISOString()}): events cannot be dated in the future (ALLOT_MAX_CLOCK_SKEW) / 时间超前服务器时钟`;
}
