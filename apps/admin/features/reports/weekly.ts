/** The weekly report (seed W1): the weeks available and one week's numbers per rep. */
import { policyView, zoneOf } from '@allot/engine';
import type { Zone } from '@allot/engine';
import { findEvents, notSuperseded } from '@allot/store';
import { sql } from 'kysely';
import type { Runtime } from '@allot/runtime';
import { storeDb } from '../shared/database';
import type { AdminDb } from '../shared/database';
import { readRoster } from '../people';
import { readPolicyTimeline, runtimeNow, weekByKey, weekOf, DEFAULT_ZONE } from '../people';
import type { WeekRange } from '../people';

/** The numbers of one rep's week (seed W1). Counts, and money in integer fen. */
export interface WeeklyNumbers {
  /** `client.registered` events by the rep. */
  registered: number;
  /** Of those, refused because another rep already owned the client (`registration.rejected`). */
  registrationsRejected: number;
  /** `lead.allocated` decisions to the rep plus `lead.assigned` events to the rep. */
  allocations: number;
  /** Of those, `direct` ones: D1's clock runs on them. */
  direct: number;
  /** Direct allocations the rep contacted within D1's window with no late follow-up decision. */
  followUpsInTime: number;
  /** Direct allocations that drew a D1 decision (pause or fine for a late follow-up). */
  followUpsLate: number;
  fines: number;
  finesFen: number;
  /** Pauses imposed (sum of `staff.paused` counts). */
  pauses: number;
  bans: number;
  hotlineBans: number;
  /** `client.review_due` (R2) notices. */
  reviewNotices: number;
  /** `client.reclaim_due` (R3) notices and R3's automatic `client.reclaimed`. */
  reclaimNotices: number;
}

/** One rep's row. */
export interface WeeklyRow extends WeeklyNumbers {
  staffId: string;
  name: string | null;
  level: string | null;
}

/** A week of the report; complete when it ended at or before the runtime's time. */
export interface WeekEntry extends WeekRange {
  complete: boolean;
}

/** The weekly report of one week. */
export interface WeeklyReport {
  week: WeekEntry;
  /** The runtime's time the report was made at. */
  asOf: string;
  timezone: string;
  rows: WeeklyRow[];
  totals: WeeklyNumbers;
}

/** What the report reads from the app context. */
export interface ReportContext {
  db: AdminDb;
  runtime: Pick<Runtime, 'time'>;
  clock: { now(): Date };
}

const zero = (): WeeklyNumbers => ({
  registered: 0, registrationsRejected: 0, allocations: 0, direct: 0, followUpsInTime: 0, followUpsLate: 0,
  fines: 0, finesFen: 0, pauses: 0, bans: 0, hotlineBans: 0, reviewNotices: 0, reclaimNotices: 0,
});

/** The numeric fields, in the order the page and the CSV show them. */
export const WEEKLY_FIELDS = Object.keys(zero()) as (keyof WeeklyNumbers)[];

async function zoneAndNow(ctx: ReportContext): Promise<{ zone: Zone; now: number }> {
  const now = await runtimeNow(ctx.runtime, ctx.clock);
  const policy = (await readPolicyTimeline(ctx.db))(now);
  return { zone: zoneOf(policy?.timezone ?? DEFAULT_ZONE), now };
}

/** Every week from the one of the first stored event to the one of the runtime's time, newest first. */
export async function listWeeks(ctx: ReportContext): Promise<WeekEntry[]> {
  const { zone, now } = await zoneAndNow(ctx);
  const first = await ctx.db.selectFrom('events').select(ctx.db.fn.min('at').as('at')).executeTakeFirst();
  const start = first?.at === null || first?.at === undefined ? now : new Date(first.at as Date | string).getTime();
  const weeks: WeekEntry[] = [];
  for (let w = weekOf(zone, Math.min(start, now)); Date.parse(w.from) <= now; w = weekOf(zone, Date.parse(w.to))) {
    weeks.push({ ...w, complete: Date.parse(w.to) <= now });
  }
  return weeks.reverse();
}

/** The week to show by default: the last complete one before the runtime's time (else the current one). */
export function defaultWeek(weeks: readonly WeekEntry[]): WeekEntry | undefined {
  return weeks.find((w) => w.complete) ?? weeks[0];
}

/** Reads a `week=YYYY-MM-DD` (a Monday); null when it is not one. */
export async function findWeek(ctx: ReportContext, key: string): Promise<WeekEntry | null> {
  const { zone, now } = await zoneAndNow(ctx);
  const week = weekByKey(zone, key);
  return week === null ? null : { ...week, complete: Date.parse(week.to) <= now };
}

type Payload = Record<string, unknown>;

/** The decision kinds the report counts per member. */
const COUNTED_KINDS = ['registration.rejected', 'staff.fined', 'staff.paused', 'staff.banned', 'staff.hotline_banned', 'client.review_due', 'client.reclaim_due', 'client.reclaimed'];
const str = (p: Payload, k: string): string | undefined => (typeof p[k] === 'string' ? (p[k] as string) : undefined);

/**
 * The W1 summary of one week for every rep who was on the staff in it: registrations,
 * allocations, follow-ups in time, and the decisions against them. Events count by their `at`,
 * decisions by theirs; a follow-up counts in the week of its allocation.
 */
/** Which of these decisions a `decision.superseded` takes back (the partial index `decisions_superseded`). */
async function supersededAmong(db: AdminDb, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('decisions')
    .select(sql<string>`payload->>'decisionId'`.as('id'))
    .where('kind', '=', 'decision.superseded')
    .where(sql<boolean>`payload->>'decisionId' in (${sql.join(ids)})`)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function weeklyReport(ctx: ReportContext, week: WeekEntry): Promise<WeeklyReport> {
  const { db } = ctx;
  const [{ zone, now }, policyAt] = await Promise.all([zoneAndNow(ctx), readPolicyTimeline(db)]);
  const from = new Date(week.from);
  const to = new Date(week.to);
  const windowMs = (t: number): number | null => {
    const at = policyAt(t);
    const d1 = at === null ? undefined : policyView(at).rules.D1;
    return d1 === undefined || !d1.enabled ? null : d1.windowMinutes * 60_000;
  };

  // The week's reads that do not depend on each other, at once (each its own connection on PostgreSQL).
  const [roster, events, counted, allocatedRows] = await Promise.all([
    readRoster(db),
    db.selectFrom('events').select(['event_id', 'type', 'at', 'payload']).where('type', 'in', ['client.registered', 'lead.assigned']).where('at', '>=', from).where('at', '<', to).execute(),
    // One aggregate query: the week's decisions against each member, counted (and summed) by kind.
    db
      .selectFrom('decisions')
      .select((eb) => [
        'staff_id',
        'kind',
        eb.fn.countAll<string>().as('n'),
        sql<string | null>`sum(case when json_typeof(payload->'amountFen') = 'number' then (payload->>'amountFen')::bigint end)`.as('fen'),
        sql<string | null>`sum(case when json_typeof(payload->'count') = 'number' then (payload->>'count')::bigint end)`.as('count'),
      ])
      .where('at', '>=', from)
      .where('at', '<', to)
      .where('staff_id', 'is not', null)
      .where('kind', 'in', COUNTED_KINDS)
      // A client reclaimed because its owner left (L1) is not a decision against the owner.
      .where((eb) => eb.or([eb('kind', '!=', 'client.reclaimed'), eb('rule', '=', 'R3')]))
      // A sanction an appeal or a dismissal superseded counts as gone (what holds instead counts in the week it was decided).
      .where(notSuperseded)
      .groupBy(['staff_id', 'kind'])
      .execute(),
    db.selectFrom('decisions').select(['staff_id', 'at', 'cause', 'payload']).where('at', '>=', from).where('at', '<', to).where('kind', '=', 'lead.allocated').execute(),
  ]);
  const reps = roster.filter((m) => m.role === 'rep' && Date.parse(m.joinedAt) < to.getTime() && (m.leftAt === null || Date.parse(m.leftAt) > from.getTime()));
  const rows = new Map(reps.map((m) => [m.staffId, { staffId: m.staffId, name: m.name, level: m.level, ...zero() } as WeeklyRow]));


  // Allocations of the week: the engine's (mode from the lead.allocate that caused it) and people's.
  interface Allocation { staffId: string; clientId: string; at: number; direct: boolean; source: string }
  const allocations: Allocation[] = [];
  for (const e of events) {
    const p = e.payload as Payload;
    const staffId = str(p, 'staffId');
    const row = staffId === undefined ? undefined : rows.get(staffId);
    if (row === undefined || staffId === undefined) continue;
    if (e.type === 'client.registered') row.registered++;
    else allocations.push({ staffId, clientId: str(p, 'clientId') ?? '', at: e.at.getTime(), direct: p['mode'] === 'direct', source: e.event_id });
  }
  const allocated = allocatedRows.filter((d) => d.staff_id !== null && rows.has(d.staff_id));
  const causes = new Map((await findEvents(storeDb(db), allocated.flatMap((d) => d.cause))).map((e) => [e.eventId, e.payload]));
  for (const d of allocated) {
    const source = d.cause[0] ?? '';
    allocations.push({ staffId: d.staff_id as string, clientId: str(d.payload as Payload, 'clientId') ?? '', at: d.at.getTime(), direct: causes.get(source)?.['mode'] === 'direct', source });
  }

  // Follow-ups: the rep's contact.made within D1's window (inclusive), and D1's decisions by cause.
  const direct = allocations.filter((a) => a.direct);
  const lastDeadline = Math.max(to.getTime(), ...direct.map((a) => a.at + (windowMs(a.at) ?? 0)));
  // D1's decisions cite the allocation they judge: found by the cause GIN index, not by time.
  // The ids go in as literal array elements (chunks of 1,000), so the planner sees them and
  // takes the index; an array built by a subquery is opaque to it and costs a scan.
  const sources = [...new Set(direct.map((a) => a.source))];
  const chunks: string[][] = [];
  for (let i = 0; i < sources.length; i += 1000) chunks.push(sources.slice(i, i + 1000));
  // The superseded ones are left out after (a few: one indexed lookup), not by a subquery in
  // each: with one the planner may trade the cause index for a scan of every decision.
  const [contacts, ...lateChunks] = await Promise.all([
    direct.length === 0 ? [] : db.selectFrom('events').select(['at', 'payload']).where('type', '=', 'contact.made').where('at', '>=', from).where('at', '<=', new Date(lastDeadline)).execute(),
    ...chunks.map((chunk) =>
      db
        .selectFrom('decisions')
        .select(['decision_id', 'staff_id', 'cause'])
        .where(sql<boolean>`cause && array[${sql.join(chunk)}]::text[]`)
        .where('rule', '=', 'D1')
        .where('kind', 'in', ['staff.paused', 'staff.fined'])
        .where('at', '>=', from)
        .execute(),
    ),
  ]);
  const judged = lateChunks.flat();
  const gone = await supersededAmong(db, judged.map((d) => d.decision_id));
  const late = judged.filter((d) => !gone.has(d.decision_id));
  // Contacts by rep and client, so each allocation looks at its own few, not all of the week's.
  const contactTimes = new Map<string, number[]>();
  for (const c of contacts) {
    const p = c.payload as Payload;
    const key = `${str(p, 'staffId') ?? ''}|${str(p, 'clientId') ?? ''}`;
    const times = contactTimes.get(key);
    if (times === undefined) contactTimes.set(key, [c.at.getTime()]);
    else times.push(c.at.getTime());
  }
  const lateKeys = new Set(late.flatMap((d) => d.cause.map((c) => `${d.staff_id ?? ''}|${c}`)));
  for (const a of allocations) {
    const row = rows.get(a.staffId) as WeeklyRow;
    row.allocations++;
    if (!a.direct) continue;
    row.direct++;
    const window = windowMs(a.at);
    if (lateKeys.has(`${a.staffId}|${a.source}`)) {
      row.followUpsLate++;
      continue;
    }
    const contacted = window !== null && (contactTimes.get(`${a.staffId}|${a.clientId}`) ?? []).some((t) => t >= a.at && t <= a.at + window);
    if (contacted) row.followUpsInTime++;
  }

  for (const c of counted) {
    const row = c.staff_id === null ? undefined : rows.get(c.staff_id);
    if (row === undefined) continue;
    const n = Number(c.n);
    if (c.kind === 'registration.rejected') row.registrationsRejected += n;
    else if (c.kind === 'staff.fined') {
      row.fines += n;
      row.finesFen += Number(c.fen ?? 0);
    } else if (c.kind === 'staff.paused') row.pauses += Number(c.count ?? 0);
    else if (c.kind === 'staff.banned') row.bans += n;
    else if (c.kind === 'staff.hotline_banned') row.hotlineBans += n;
    else if (c.kind === 'client.review_due') row.reviewNotices += n;
    else if (c.kind === 'client.reclaim_due' || c.kind === 'client.reclaimed') row.reclaimNotices += n;
  }

  const list = [...rows.values()];
  const totals = zero();
  for (const r of list) for (const f of WEEKLY_FIELDS) totals[f] += r[f];
  return { week, asOf: zone.format(now), timezone: zone.name, rows: list, totals };
}
