/**
 * One staff member's page data: status, fines by month, and their decisions page by page
 * (access-logged).
 */
import type { Decision } from '@allot/engine';
import { logAccess, notSuperseded } from '@allot/store';
import type { StaffStatusView } from '@allot/runtime';
import { storeDb } from '../shared/database';
import type { AdminDb } from '../shared/database';
import { finesBetween } from './list';
import type { FineTotal, PeopleContext } from './list';
import { readRoster } from './roster';
import type { StaffMember } from './roster';
import { companyZone, monthOf, runtimeNow } from './time';
import type { MonthRange } from './time';

/** One decision of a person's timeline, with its place in the log (the page cursor). */
export interface TimelineItem {
  seq: number;
  decision: Decision;
}

/** A page of a person's decisions, newest first; pass `next` as `before` for the older ones. */
export interface TimelinePage {
  items: TimelineItem[];
  next: number | null;
  /** Every decision about the member. */
  total: number;
}

/** Everything the person page shows but the ring. */
export interface PersonDetail {
  /** From the staff events; null when only decisions name the member. */
  member: StaffMember | null;
  status: StaffStatusView;
  /** The runtime's time; "this month" holds it. */
  asOf: string;
  month: MonthRange;
  finesThisMonth: FineTotal;
  /** Every month with a fine, newest first (the current month always). */
  finesByMonth: (FineTotal & { month: string })[];
  timeline: TimelinePage;
}

/** Page size of the timeline, and its largest. */
export const TIMELINE_PAGE = 25;
const TIMELINE_MAX = 500;

/**
 * The decisions about a staff member (the `staff_id` column: their sanctions, allocations,
 * notices, transfers to them, credits), newest first. Decisions name clients by id only; the
 * read of each client named is written to the access log, as the runtime does for decisions.
 */
export async function readTimeline(db: AdminDb, staffId: string, options: { before?: number; limit?: number; actor: string; at: Date }): Promise<TimelinePage> {
  const limit = Math.min(Math.max(1, Math.floor(options.limit ?? TIMELINE_PAGE)), TIMELINE_MAX);
  let q = db.selectFrom('decisions').select(['seq', 'client_id', 'payload']).where('staff_id', '=', staffId);
  if (options.before !== undefined) q = q.where('seq', '<', options.before);
  const rows = await q.orderBy('seq', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const count = await db.selectFrom('decisions').select(db.fn.countAll<number>().as('n')).where('staff_id', '=', staffId).executeTakeFirstOrThrow();
  const clients = [...new Set(page.map((r) => r.client_id).filter((c): c is string => c !== null))];
  await logAccess(storeDb(db), clients.map((clientId) => ({ actor: options.actor, clientId, action: 'people.timeline' })), options.at);
  const items = page.map((r) => ({ seq: Number(r.seq), decision: r.payload as unknown as Decision }));
  return { items, next: rows.length > limit ? (items[items.length - 1]?.seq ?? null) : null, total: Number(count.n) };
}

/** A person's status, fines and decisions; null when no event or decision names them. */
export async function readPerson(ctx: PeopleContext, staffId: string, options: { before?: number; limit?: number; actor: string }): Promise<PersonDetail | null> {
  const { db, runtime, clock } = ctx;
  const [roster, status] = await Promise.all([readRoster(db), runtime.status(staffId)]);
  const member = roster.find((m) => m.staffId === staffId) ?? null;
  if (member === null && !status.known) return null;
  const zone = await companyZone(db);
  const now = await runtimeNow(runtime, clock);
  const month = monthOf(zone, now);
  const byMonth = new Map<string, FineTotal>([[month.key, { count: 0, fen: 0 }]]);
  const fined = await db.selectFrom('decisions').select(['at', 'payload']).where('kind', '=', 'staff.fined').where('staff_id', '=', staffId).where(notSuperseded).execute();
  for (const row of fined) {
    const key = zone.monthKey(row.at.getTime());
    const total = byMonth.get(key) ?? { count: 0, fen: 0 };
    const fen = (row.payload as { amountFen?: unknown }).amountFen;
    total.count++;
    total.fen += typeof fen === 'number' && Number.isSafeInteger(fen) ? fen : 0;
    byMonth.set(key, total);
  }
  const thisMonth = (await finesBetween(db, month.from, month.to, staffId)).get(staffId) ?? { count: 0, fen: 0 };
  const timeline = await readTimeline(db, staffId, { ...options, at: clock.now() });
  return {
    member,
    status,
    asOf: zone.format(now),
    month,
    finesThisMonth: thisMonth,
    finesByMonth: [...byMonth.entries()].map(([m, t]) => ({ month: m, ...t })).sort((a, b) => b.month.localeCompare(a.month)),
    timeline,
  };
}
