/**
 * The measures of a what-if run, shared by the server (which adds decisions up) and the browser
 * (which shows, charts and exports them). Money is integer fen; everything else is a count or a
 * number of days. Browser-safe: no server imports.
 */

/** Every measure, in the order the page shows them. */
export const METRICS = [
  'finesFen',
  'fines',
  'banDays',
  'pauses',
  'hotlineBans',
  'reclaims',
  'reviewNotices',
  'allocationsBlocked',
  'creditToDepartmentFen',
  'terminationReviews',
  'allocations',
] as const;
export type Metric = (typeof METRICS)[number];

/** Measures in integer fen (shown as 元). */
export const MONEY_METRICS: ReadonlySet<Metric> = new Set<Metric>(['finesFen', 'creditToDepartmentFen']);

/**
 * The numbers of one run (company, team, person or week):
 * - `finesFen` / `fines`: sum and number of `staff.fined`;
 * - `banDays`: calendar days of `staff.banned` (`[from, until)`);
 * - `pauses`: allocations to skip (`staff.paused.count`);
 * - `hotlineBans`: `staff.hotline_banned` decisions;
 * - `reclaims`: reclaim notices (`client.reclaim_due`) plus reclaims (`client.reclaimed`);
 * - `reviewNotices`: `client.review_due`;
 * - `allocationsBlocked`: assignments to a banned or paused member (`allocation.breach`) plus
 *   leads nobody could take (`lead.unallocated`, `no_eligible_staff`);
 * - `creditToDepartmentFen`: deals credited to the department instead of a rep;
 * - `terminationReviews`: `staff.termination_review`;
 * - `allocations`: leads allocated by the ring (`lead.allocated`; with "allocations as
 *   recorded", the recorded allocations, the same in both runs).
 */
export type Totals = Record<Metric, number>;

/** Base, candidate and `candidate − base`. */
export interface TotalsTriple {
  base: Totals;
  candidate: Totals;
  delta: Totals;
}

/** Fresh all-zero totals. */
export function zeroTotals(): Totals {
  const out = {} as Totals;
  for (const m of METRICS) out[m] = 0;
  return out;
}

/** `candidate − base`, measure by measure. */
export function subtract(candidate: Totals, base: Totals): Totals {
  const out = zeroTotals();
  for (const m of METRICS) out[m] = candidate[m] - base[m];
  return out;
}

/** Does any measure differ? */
export function anyChange(delta: Totals): boolean {
  return METRICS.some((m) => delta[m] !== 0);
}

/** Adds `b` into `a` (mutates `a`). */
export function addInto(a: Totals, b: Totals): void {
  for (const m of METRICS) a[m] += b[m];
}
