import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS, dayStart, isWorkingDay, isWorkingTime, localDay, monthOfDay, monthStart, weekday } from './clock.js';
import { STEP } from './context.js';
import type { HistoryContext } from './context.js';
import { RATES } from './rates.js';
import { staffDay } from './staff-steps.js';

/**
 * Spreads `clients` new clients over the days of the history (Monday–Saturday weight 1,
 * Sunday {@link RATES.sundayWeight}) and schedules the first day and every month close.
 */
export function setupCalendar(ctx: HistoryContext): void {
  const first = localDay(ctx.start);
  const last = localDay(ctx.end - 1);
  const weights: number[] = [];
  let total = 0;
  for (let d = first; d <= last; d++) {
    const w = weekday(d) === 0 ? RATES.sundayWeight : 1;
    weights.push(w);
    total += w;
  }
  // Cumulative rounding: the quotas add up to exactly `clients`.
  let cumulative = 0;
  let given = 0;
  ctx.quotas = weights.map((w) => {
    cumulative += w;
    const upTo = Math.round((ctx.options.clients * cumulative) / total);
    const q = upTo - given;
    given = upTo;
    return q;
  });
  ctx.firstDay = first;
  ctx.schedule(ctx.start, STEP.day, null, first);
  // M1–M3 are evaluated when a month closes (00:00 of the 1st), after that instant's events.
  for (let m = monthOfDay(first) + 1; monthStart(m) < ctx.end; m++) ctx.schedule(monthStart(m), STEP.monthClose, null, m, 1);
}

/** An arrival instant for an inbound lead on `day`: mostly working hours, some evenings, nights and Sundays. */
function arrivalOn(ctx: HistoryContext, day: number): number {
  const { rng } = ctx;
  const base = dayStart(day);
  if (!isWorkingDay(day)) return base + 8 * HOUR_MS + rng.int(14 * 3600) * SECOND_MS;
  if (!rng.chance(RATES.offHoursShare)) return base + 9 * HOUR_MS + rng.int(9 * 3600) * SECOND_MS;
  const slot = rng.weighted([0.5, 0.3, 0.2]);
  if (slot === 0) return base + 18 * HOUR_MS + rng.int(5 * 3600) * SECOND_MS; // evening 18–23
  if (slot === 1) return base + 7 * HOUR_MS + rng.int(2 * 3600) * SECOND_MS; // early 07–09
  return base + rng.int(7 * 3600) * SECOND_MS; // night 00–07
}

/** One local day: its new clients, duplicate calls and the reps' late entries and violations. */
export function day(ctx: HistoryContext, d: number): void {
  const { rng, world } = ctx;
  const quota = ctx.quotas[d - ctx.firstDay] ?? 0;
  for (let i = 0; i < quota; i++) {
    const c = ctx.newClient();
    if (rng.chance(RATES.selfDevelopedShare)) {
      c.developer = world.otherRep(rng, -1);
      ctx.schedule(ctx.workTimeOn(d), STEP.selfLead, c);
    } else {
      let t = arrivalOn(ctx, d);
      if (t < ctx.start) t = ctx.start + rng.int(3600) * SECOND_MS;
      c.offHours = !isWorkingTime(t);
      ctx.schedule(t, STEP.inbound, c);
    }
    if (rng.chance(RATES.randomDuplicate)) ctx.schedule(ctx.workTimeOn(d) + 5 * MINUTE_MS, STEP.recentDuplicate, null);
  }
  if (isWorkingDay(d)) staffDay(ctx, dayStart(d));
  ctx.schedule(dayStart(d) + DAY_MS, STEP.day, null, d + 1);
}
