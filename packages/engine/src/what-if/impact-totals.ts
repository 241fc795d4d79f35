import type { Decision } from '../decisions/decision-types.js';
import { parseInstant } from '../time/instant.js';

/**
 * What a set of decisions costs or does, added up (for one staff member or the whole company).
 * Money is integer fen; counts are numbers of decisions unless a field says otherwise.
 */
export interface ImpactTotals {
  /** Sum of `staff.fined.amountFen`. */
  finesFen: number;
  /** Number of `staff.fined` decisions. */
  fines: number;
  /** Sum of `staff.banned` lengths in calendar days (see {@link spanDays}). */
  banDays: number;
  /** Number of `staff.banned` decisions. */
  bans: number;
  /** Sum of `staff.paused.count` (pauses, not decisions). */
  pauses: number;
  /** Number of `staff.hotline_banned` decisions. */
  hotlineBans: number;
  /** Sum of `staff.hotline_banned` lengths in calendar days. */
  hotlineBanDays: number;
  terminationReviews: number;
  replacementsOwed: number;
  /** `client.reclaim_due` notices. */
  reclaimsDue: number;
  /** `client.reclaimed` (attributed to `fromStaffId`). */
  reclaims: number;
  /** `client.review_due` notices. */
  reviewsDue: number;
  /** `lead.allocated`. */
  allocations: number;
  /** `lead.unallocated` (company total only: it concerns no staff member). */
  unallocated: number;
  /** `allocation.breach`. */
  breaches: number;
  lateRegistrations: number;
  rejectedRegistrations: number;
  /** `deal.credited` to the department (company total only). */
  creditToDepartmentFen: number;
  /** `deal.credited` to a staff member. */
  creditToStaffFen: number;
  /** `client.transferred` (attributed to `fromStaffId`, the member who left). */
  transfers: number;
}

const ZERO: Readonly<ImpactTotals> = {
  finesFen: 0,
  fines: 0,
  banDays: 0,
  bans: 0,
  pauses: 0,
  hotlineBans: 0,
  hotlineBanDays: 0,
  terminationReviews: 0,
  replacementsOwed: 0,
  reclaimsDue: 0,
  reclaims: 0,
  reviewsDue: 0,
  allocations: 0,
  unallocated: 0,
  breaches: 0,
  lateRegistrations: 0,
  rejectedRegistrations: 0,
  creditToDepartmentFen: 0,
  creditToStaffFen: 0,
  transfers: 0,
};

/** Every field of {@link ImpactTotals}, in declaration order. */
export const IMPACT_FIELDS = Object.keys(ZERO) as readonly (keyof ImpactTotals)[];

const DAY_MS = 86_400_000;

/** Fresh all-zero totals. */
export function emptyTotals(): ImpactTotals {
  return { ...ZERO };
}

/**
 * Length of `[from, until)` in calendar days. Bans are whole calendar days in the policy's zone,
 * so the exact span is a whole number of days, give or take a DST hour: rounding the millisecond
 * span to days is therefore exact. Unparsable instants count 0 (decisions come from the engine,
 * so this does not happen in practice).
 */
export function spanDays(from: string, until: string): number {
  const a = parseInstant(from);
  const b = parseInstant(until);
  if (a === null || b === null) return 0;
  return Math.round((b - a) / DAY_MS);
}

/**
 * The staff member a decision is attributed to: `staffId` for staff and allocation decisions,
 * `fromStaffId` for reclaims and transfers, `to` for a deal credited to a member; `undefined`
 * for decisions that concern no one member (tiering, unallocated leads, duplicates, department
 * credit).
 */
export function attributedStaff(decision: Decision): string | undefined {
  switch (decision.kind) {
    case 'client.tiered':
    case 'lead.unallocated':
    case 'lead.duplicate':
      return undefined;
    case 'client.reclaimed':
    case 'client.transferred':
      return decision.fromStaffId;
    case 'deal.credited':
      return decision.to === 'department' ? undefined : decision.to;
    default:
      return decision.staffId;
  }
}

/** Adds one decision's effect to `totals` (mutates it). */
export function addDecision(totals: ImpactTotals, d: Decision): void {
  switch (d.kind) {
    case 'staff.fined':
      totals.fines += 1;
      totals.finesFen += d.amountFen;
      break;
    case 'staff.banned':
      totals.bans += 1;
      totals.banDays += spanDays(d.from, d.until);
      break;
    case 'staff.hotline_banned':
      totals.hotlineBans += 1;
      totals.hotlineBanDays += spanDays(d.from, d.until);
      break;
    case 'staff.paused':
      totals.pauses += d.count;
      break;
    case 'staff.termination_review':
      totals.terminationReviews += 1;
      break;
    case 'staff.replacement_owed':
      totals.replacementsOwed += 1;
      break;
    case 'client.reclaim_due':
      totals.reclaimsDue += 1;
      break;
    case 'client.reclaimed':
      totals.reclaims += 1;
      break;
    case 'client.review_due':
      totals.reviewsDue += 1;
      break;
    case 'lead.allocated':
      totals.allocations += 1;
      break;
    case 'lead.unallocated':
      totals.unallocated += 1;
      break;
    case 'allocation.breach':
      totals.breaches += 1;
      break;
    case 'registration.late':
      totals.lateRegistrations += 1;
      break;
    case 'registration.rejected':
      totals.rejectedRegistrations += 1;
      break;
    case 'deal.credited':
      if (d.to === 'department') totals.creditToDepartmentFen += d.amountFen;
      else totals.creditToStaffFen += d.amountFen;
      break;
    case 'client.transferred':
      totals.transfers += 1;
      break;
    case 'client.tiered':
    case 'lead.duplicate':
    case 'decision.superseded':
      break;
  }
}

/** Takes one decision's effect back out of `totals` (a superseded decision counts as gone). */
export function removeDecision(totals: ImpactTotals, d: Decision): void {
  const effect = emptyTotals();
  addDecision(effect, d);
  for (const key of IMPACT_FIELDS) totals[key] -= effect[key];
}

/** `candidate − base`, field by field. */
export function subtractTotals(candidate: Readonly<ImpactTotals>, base: Readonly<ImpactTotals>): ImpactTotals {
  const delta = emptyTotals();
  for (const key of IMPACT_FIELDS) delta[key] = candidate[key] - base[key];
  return delta;
}

/**
 * Adds up decisions for the company (`total`) and per staff member (`byStaff`, keyed by
 * {@link attributedStaff}, in order of first appearance). Decisions that concern no one member
 * (department credit, unallocated leads) count in `total` only. A decision a later
 * `decision.superseded` names counts as gone (its effect is taken back out). One pass; works on
 * a stream.
 */
export function summarizeDecisions(decisions: Iterable<Decision>): { total: ImpactTotals; byStaff: Map<string, ImpactTotals> } {
  const total = emptyTotals();
  const byStaff = new Map<string, ImpactTotals>();
  // Sanctions by id, so a later `decision.superseded` (an appeal, a dismissal) takes them back out.
  const sanctions = new Map<string, Decision>();
  for (const d of decisions) {
    if (d.kind === 'decision.superseded') {
      const gone = sanctions.get(d.decisionId);
      if (gone === undefined) continue;
      sanctions.delete(d.decisionId);
      removeDecision(total, gone);
      const owner = attributedStaff(gone);
      const theirs = owner === undefined ? undefined : byStaff.get(owner);
      if (theirs !== undefined) removeDecision(theirs, gone);
      continue;
    }
    if (d.kind.startsWith('staff.')) sanctions.set(d.id, d);
    addDecision(total, d);
    const staffId = attributedStaff(d);
    if (staffId === undefined) continue;
    let mine = byStaff.get(staffId);
    if (mine === undefined) {
      mine = emptyTotals();
      byStaff.set(staffId, mine);
    }
    addDecision(mine, d);
  }
  return { total, byStaff };
}
