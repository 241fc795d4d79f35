/** The people list: every staff member with their status and fines, filtered, sorted and paged. */
import type { Runtime, StaffStatusView } from '@allot/runtime';
import { notSuperseded } from '@allot/store';
import type { AdminDb } from '../shared/database';
import { readRoster } from './roster';
import type { StaffMember } from './roster';
import { companyZone, monthOf, runtimeNow } from './time';
import type { MonthRange } from './time';

/** Fines in a period: how many and how much (integer fen). */
export interface FineTotal {
  count: number;
  fen: number;
}

/** One row of the people list. */
export interface PersonRow extends StaffMember {
  /** The runtime's view (`runtime.status`): pauses left, bans, eligibility at the app's clock. */
  status: StaffStatusView;
  /** `staff.fined` decisions in the calendar month of the runtime's time. */
  finesThisMonth: FineTotal;
}

/** The people list: every staff member with their standing and this month's fines. */
export interface PeopleList {
  /** The runtime's time (ISO-8601): "this month" is the calendar month holding it. */
  asOf: string;
  month: MonthRange;
  people: PersonRow[];
}

/** What the people pages read from the app context. */
export interface PeopleContext {
  db: AdminDb;
  runtime: Pick<Runtime, 'status' | 'statuses' | 'time'>;
  clock: { now(): Date };
}

/** Sum of `staff.fined` per staff member in `[from, to)`. */
export async function finesBetween(db: AdminDb, from: string, to: string, staffId?: string): Promise<Map<string, FineTotal>> {
  // A fine an appeal or a dismissal superseded is gone; its reduced form counts in the month it was decided.
  let q = db.selectFrom('decisions').select(['staff_id', 'payload']).where('kind', '=', 'staff.fined').where('at', '>=', new Date(from)).where('at', '<', new Date(to)).where(notSuperseded);
  if (staffId !== undefined) q = q.where('staff_id', '=', staffId);
  const out = new Map<string, FineTotal>();
  for (const row of await q.execute()) {
    if (row.staff_id === null) continue;
    const fen = (row.payload as { amountFen?: unknown }).amountFen;
    const total = out.get(row.staff_id) ?? { count: 0, fen: 0 };
    total.count++;
    total.fen += typeof fen === 'number' && Number.isSafeInteger(fen) ? fen : 0;
    out.set(row.staff_id, total);
  }
  return out;
}

/**
 * Every staff member of the stored events with their status from the runtime's `staff_status`
 * projection (one read for all of them) and their fines in the calendar month (company zone) of
 * the runtime's time (one indexed read of the month's fines), in the order they joined.
 */
export async function listPeople(ctx: PeopleContext): Promise<PeopleList> {
  const { db, runtime, clock } = ctx;
  const [roster, zone, now] = await Promise.all([readRoster(db), companyZone(db), runtimeNow(runtime, clock)]);
  const month = monthOf(zone, now);
  const [fines, statuses] = await Promise.all([finesBetween(db, month.from, month.to), runtime.statuses(roster.map((m) => m.staffId))]);
  const people: PersonRow[] = roster.map((member, i) => ({ ...member, status: statuses[i] as StaffStatusView, finesThisMonth: fines.get(member.staffId) ?? { count: 0, fen: 0 } }));
  return { asOf: zone.format(now), month, people };
}

/** Rows a page of the people list shows. */
export const PEOPLE_PAGE = 100;

/** One page of the (filtered, sorted) people list. */
export interface PeoplePage {
  rows: PersonRow[];
  /** 1-based; clamped to the pages there are. */
  page: number;
  pages: number;
  total: number;
}

/** The `page`-th page (1-based, clamped; text from a URL accepted) of `size` rows. */
export function pagePeople(rows: readonly PersonRow[], page: number | string | null | undefined, size = PEOPLE_PAGE): PeoplePage {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const asked = typeof page === 'number' ? page : Number.parseInt(page ?? '1', 10);
  const n = Number.isFinite(asked) ? Math.min(Math.max(1, Math.floor(asked)), pages) : 1;
  return { rows: rows.slice((n - 1) * size, n * size), page: n, pages, total: rows.length };
}

/** Columns the people list sorts by. */
export const PEOPLE_SORTS = ['joined', 'id', 'name', 'role', 'level', 'status', 'fines'] as const;
export type PeopleSort = (typeof PEOPLE_SORTS)[number];

/** How blocked a member is, for sorting: eligible first, then hotline-banned, paused, banned, left. */
export function statusRank(s: StaffStatusView): number {
  if (s.active === false) return 5;
  if (s.banned) return 4;
  if (s.pausesLeft > 0) return 3;
  if (s.hotlineBanned) return 2;
  return s.eligible ? 0 : 1;
}

/** Filters by role (none: everyone) and sorts (stable; ties keep join order). */
export function selectPeople(rows: readonly PersonRow[], options: { role?: string | undefined; sort?: PeopleSort; desc?: boolean }): PersonRow[] {
  const order = new Map(rows.map((r, i) => [r.staffId, i]));
  const key = (r: PersonRow): string | number => {
    switch (options.sort ?? 'joined') {
      case 'id':
        return r.staffId;
      case 'name':
        return r.name ?? '';
      case 'role':
        return r.role;
      case 'level':
        return r.level ?? '~';
      case 'status':
        return statusRank(r.status);
      case 'fines':
        return r.finesThisMonth.fen;
      default:
        return order.get(r.staffId) ?? 0;
    }
  };
  const sign = options.desc === true ? -1 : 1;
  const picked = options.role === undefined || options.role === '' ? [...rows] : rows.filter((r) => r.role === options.role);
  return picked.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const c = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : String(ka).localeCompare(String(kb), 'zh-CN');
    return c !== 0 ? sign * c : (order.get(a.staffId) ?? 0) - (order.get(b.staffId) ?? 0);
  });
}
