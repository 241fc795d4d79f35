/**
 * Time for the people pages: the company's zone, the policy timeline, the runtime's now, months
 * and weeks.
 */
import { validatePolicy, zoneOf } from '@allot/engine';
import type { AnyPolicy as Policy, Zone } from '@allot/engine';
import { readPublishedVersions } from '@allot/store';
import type { Runtime } from '@allot/runtime';
import { storeDb } from '../shared/database';
import type { AdminDb } from '../shared/database';

/** The company's zone when no policy names one (SPEC §2: calendar days and months are China time). */
export const DEFAULT_ZONE = 'Asia/Shanghai';
const DAY_MS = 86_400_000;

/** Which published policy version governs an instant. */
export type PolicyAt = (instant: number) => Policy | null;

/**
 * The published versions as the runtime applies them: the first from the start, each later one
 * from its effective time (ties: the later published). Versions the engine cannot read are left out.
 */
export async function readPolicyTimeline(db: AdminDb): Promise<PolicyAt> {
  const versions: { policy: Policy; from: number }[] = [];
  for (const v of await readPublishedVersions(storeDb(db))) {
    // A publication cancelled before its time (status back to approved) never governed.
    if (v.status === 'approved') continue;
    const checked = validatePolicy(v.content);
    if (!checked.ok) continue;
    versions.push({ policy: checked.policy, from: versions.length === 0 ? Number.NEGATIVE_INFINITY : (v.effectiveFrom?.getTime() ?? Number.NEGATIVE_INFINITY) });
  }
  const ordered = versions.map((v, i) => ({ ...v, i })).sort((a, b) => a.from - b.from || a.i - b.i);
  return (instant) => {
    let found: Policy | null = ordered[0]?.policy ?? null;
    for (const v of ordered) if (v.from <= instant) found = v.policy;
    return found;
  };
}

/** The time zone of the policy version in force at the instant (its `timezone`), else China time. */
export async function companyZone(db: AdminDb, instant = Number.POSITIVE_INFINITY): Promise<Zone> {
  const policy = (await readPolicyTimeline(db))(instant);
  return zoneOf(policy?.timezone ?? DEFAULT_ZONE);
}

/**
 * The runtime's time (epoch ms): the latest event applied or deadline fired. Pages that speak
 * of "this month" or "last week" count from it, not from the wall clock, so a replayed history
 * reads as it did then. Before anything happened: the app's clock.
 */
export async function runtimeNow(runtime: Pick<Runtime, 'time'>, clock: { now(): Date }): Promise<number> {
  const t = await runtime.time();
  return t === null ? clock.now().getTime() : Date.parse(t);
}

/** A calendar month in the zone: `[from, to)`, and its key "YYYY-MM". */
export interface MonthRange {
  key: string;
  from: string;
  to: string;
}

/** The calendar month (in the zone) that holds the instant. */
export function monthOf(zone: Zone, instant: number): MonthRange {
  const from = zone.monthStart(instant);
  return { key: zone.monthKey(instant), from: zone.format(from), to: zone.format(zone.monthStartAfter(instant, 1)) };
}

/** A week, Monday 00:00 to the next Monday 00:00 in the zone. */
export interface WeekRange {
  /** The Monday's local date, "YYYY-MM-DD": the week's name in URLs and files. */
  key: string;
  from: string;
  to: string;
}

/** The local date "YYYY-MM-DD" of an instant in the zone. */
export function localDate(zone: Zone, instant: number): string {
  return zone.format(instant).slice(0, 10);
}

/** The week (Monday to Monday, in the zone) that holds the instant. */
export function weekOf(zone: Zone, instant: number): WeekRange {
  const local = instant + zone.offsetAt(instant);
  const days = Math.floor(local / DAY_MS);
  // 1970-01-01 was a Thursday: with Monday as 0 it is day 3 of its week.
  const monday = days - ((days + 3) % 7);
  const from = zone.instantOfLocal(monday * DAY_MS);
  const to = zone.addDays(from, 7);
  return { key: localDate(zone, from), from: zone.format(from), to: zone.format(to) };
}

/** The week named by its Monday ("YYYY-MM-DD"), or null when the text is not a Monday's date. */
export function weekByKey(zone: Zone, key: string): WeekRange | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (m === null) return null;
  const local = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(local) || new Date(local).toISOString().slice(0, 10) !== key) return null;
  const week = weekOf(zone, zone.instantOfLocal(local));
  return week.key === key ? week : null;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** China has no daylight saving: the company's days start at 00:00 +08:00 (policy timezone Asia/Shanghai). */
const ZONE_OFFSET = '+08:00';

/**
 * Reads a period bound: a day (`2026-02-01`, a whole day in China time) or an ISO instant with
 * an offset. `end` makes a day inclusive: its bound is the start of the next day.
 */
export function parseBound(text: string, end: boolean): Date | null {
  const day = DAY.exec(text);
  if (day !== null) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const start = new Date(`${text}T00:00:00${ZONE_OFFSET}`);
    if (Number.isNaN(start.getTime())) return null;
    // Rejects 2026-02-30 and the like: the date must come back as typed.
    const check = new Date(Date.UTC(y, m - 1, d));
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
    return end ? new Date(start.getTime() + DAY_MS) : start;
  }
  if (!/^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:\d{2})$/.test(text)) return null;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : at;
}
