/** One clock for every status a page shows: the runtime's time, stated on the page. */
import type { Runtime, StaffStatusView } from '@allot/runtime';

/**
 * One clock for every status a page shows: the runtime's time (the last event applied or
 * deadline fired), stated on the page. Bans and hotline bans are judged at that instant, on the
 * list and on a person's page alike, so a page never says "eligible" beside "banned until" a
 * later date. Before anything happened: the app's clock.
 */
export interface StatedInstant {
  /** ISO-8601 instant. */
  at: string;
  /** `runtime`: the runtime's time; `clock`: the app's clock (nothing was applied yet). */
  source: 'runtime' | 'clock';
}

/** The instant statuses are computed at. */
export async function statedInstant(runtime: Pick<Runtime, 'time'>, clock: { now(): Date }): Promise<StatedInstant> {
  const t = await runtime.time();
  return t === null ? { at: clock.now().toISOString(), source: 'clock' } : { at: new Date(t).toISOString(), source: 'runtime' };
}

/** The runtime's status view judged again at `at` (bans that run past it are in force, those that ended before it are not). */
export function statusAt(view: StaffStatusView, at: string): StaffStatusView {
  const now = Date.parse(at);
  const running = (until: string | null): boolean => until !== null && Date.parse(until) > now;
  const banned = running(view.bannedUntil);
  const hotlineBanned = running(view.hotlineBannedUntil);
  return { ...view, banned, hotlineBanned, eligible: view.known && view.active !== false && !banned && view.pausesLeft === 0, asOf: new Date(now).toISOString() };
}
