import type { Decision } from '../decisions/decision-types.js';
import { diffDecisions } from './decision-diff.js';
import type { DecisionChange } from './decision-diff.js';
import { attributedStaff, emptyTotals, subtractTotals, summarizeDecisions } from './impact-totals.js';
import type { ImpactTotals } from './impact-totals.js';

export { summarizeDecisions } from './impact-totals.js';
export type { ImpactTotals } from './impact-totals.js';
export type { DecisionChange } from './decision-diff.js';

/** Totals under the base policy, under the candidate, and `candidate − base`. */
export interface ImpactComparison {
  base: ImpactTotals;
  candidate: ImpactTotals;
  delta: ImpactTotals;
}

/** How a candidate policy changes what happens to one staff member. */
export interface StaffImpact extends ImpactComparison {
  staffId: string;
  /** Decisions about this member that only the candidate makes (candidate order). */
  appeared: Decision[];
  /** Decisions about this member that only the base makes (base order). */
  disappeared: Decision[];
  /**
   * Decisions both make with different contents. A change whose two sides concern different
   * members (an allocation that went to someone else) is listed under each of them.
   */
  changed: DecisionChange[];
}

/** What replaying the same history under a candidate policy changes (SPEC §5 `allot diff`). */
export interface WhatIfReport {
  /** Company totals: every decision, including those that concern no one member. */
  company: ImpactComparison;
  /**
   * Every staff member with at least one differing decision, sorted by the largest absolute
   * change in fines (fen), then by staff id (ordinal). Unaffected members are left out.
   */
  staff: StaffImpact[];
  /**
   * Differences in decisions that concern no one member (tiering, unallocated leads, duplicates,
   * department credit). A change from or to a member's decision is listed under that member.
   */
  unattributed: { appeared: Decision[]; disappeared: Decision[]; changed: DecisionChange[] };
  /** Decision counts: in each run, identical in both, and how the rest differ. */
  counts: { base: number; candidate: number; same: number; appeared: number; disappeared: number; changed: number };
}

interface Bucket {
  appeared: Decision[];
  disappeared: Decision[];
  changed: DecisionChange[];
}

const byOrdinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Compares the decisions of one history replayed under a base and a candidate policy. Decisions
 * are matched by `decisionIdentity` as multisets; leftovers with the same kind, subject and
 * instant are reported as `changed`; the rest as `appeared` / `disappeared`. Pure and
 * deterministic: the same inputs give the same report, in the same order.
 */
export function whatIf(base: readonly Decision[], candidate: readonly Decision[]): WhatIfReport {
  const diff = diffDecisions(base, candidate);
  const baseSummary = summarizeDecisions(base);
  const candidateSummary = summarizeDecisions(candidate);

  const buckets = new Map<string, Bucket>();
  const unattributed: Bucket = { appeared: [], disappeared: [], changed: [] };
  const bucketOf = (staffId: string | undefined): Bucket => {
    if (staffId === undefined) return unattributed;
    let bucket = buckets.get(staffId);
    if (bucket === undefined) {
      bucket = { appeared: [], disappeared: [], changed: [] };
      buckets.set(staffId, bucket);
    }
    return bucket;
  };
  for (const d of diff.appeared) bucketOf(attributedStaff(d)).appeared.push(d);
  for (const d of diff.disappeared) bucketOf(attributedStaff(d)).disappeared.push(d);
  for (const change of diff.changed) {
    const from = attributedStaff(change.base);
    const to = attributedStaff(change.candidate);
    if (from === undefined && to === undefined) unattributed.changed.push(change);
    if (from !== undefined) bucketOf(from).changed.push(change);
    if (to !== undefined && to !== from) bucketOf(to).changed.push(change);
  }

  const staff: StaffImpact[] = [];
  for (const [staffId, bucket] of buckets) {
    const b = baseSummary.byStaff.get(staffId) ?? emptyTotals();
    const c = candidateSummary.byStaff.get(staffId) ?? emptyTotals();
    staff.push({ staffId, base: b, candidate: c, delta: subtractTotals(c, b), ...bucket });
  }
  staff.sort((x, y) => Math.abs(y.delta.finesFen) - Math.abs(x.delta.finesFen) || byOrdinal(x.staffId, y.staffId));

  return {
    company: {
      base: baseSummary.total,
      candidate: candidateSummary.total,
      delta: subtractTotals(candidateSummary.total, baseSummary.total),
    },
    staff,
    unattributed,
    counts: {
      base: base.length,
      candidate: candidate.length,
      same: diff.same,
      appeared: diff.appeared.length,
      disappeared: diff.disappeared.length,
      changed: diff.changed.length,
    },
  };
}
