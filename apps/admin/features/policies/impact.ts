import { simulate, validatePolicy, whatIf } from '@allot/engine';
import type { Decision, ImpactTotals, AnyPolicy as Policy } from '@allot/engine';
import { listPolicyVersions } from '@allot/store';
import { storeDb } from '../shared/database';
import type { AdminDb } from '../shared/database';
import { inForce } from './read';
import { DAY_MS, DEFAULT_DAYS, storedEvents } from '../what-if';

/** The numbers the approver weighs, for one person or the company. */
export interface ImpactNumbers {
  finesFen: number;
  fines: number;
  banDays: number;
  pauses: number;
  hotlineBanDays: number;
  /** Reclaim notices plus automatic reclaims. */
  reclaims: number;
  terminationReviews: number;
  allocations: number;
}

/** Base, candidate and the difference. */
export interface ImpactTriple {
  base: ImpactNumbers;
  candidate: ImpactNumbers;
  delta: ImpactNumbers;
}

/** What a version would have changed over the last 90 days of stored history. */
export interface ImpactSummary {
  window: { from: string; to: string; days: number; events: number };
  base: { version: string; hash: string };
  candidate: { version: string; hash: string };
  company: ImpactTriple;
  staff: (ImpactTriple & { staffId: string; name: string | null; role: string | null })[];
  decisions: { base: number; candidate: number; changed: number };
}

/** The window the approver sees: this many days back from the latest stored event. */
export const IMPACT_DAYS = DEFAULT_DAYS;

const pickNumbers = (t: ImpactTotals): ImpactNumbers => ({
  finesFen: t.finesFen,
  fines: t.fines,
  banDays: t.banDays,
  pauses: t.pauses,
  hotlineBanDays: t.hotlineBanDays,
  reclaims: t.reclaimsDue + t.reclaims,
  terminationReviews: t.terminationReviews,
  allocations: t.allocations,
});
const triple = (x: { base: ImpactTotals; candidate: ImpactTotals; delta: ImpactTotals }): ImpactTriple => ({
  base: pickNumbers(x.base),
  candidate: pickNumbers(x.candidate),
  delta: pickNumbers(x.delta),
});

const cache = new Map<string, ImpactSummary>();

/**
 * Replays the whole stored history under the version in force and under the candidate (the
 * engine's `simulate`: pure, nothing is recorded) and compares the decisions that fall in the
 * last 90 days of it with `whatIf`: fines, ban days, pauses, reclaims, per person and in total.
 * Cached per (base, candidate, history length).
 */
export async function computeImpact(db: AdminDb, policyId: string, candidate: { version: string; hash: string; content: unknown }, now: Date): Promise<ImpactSummary | null> {
  const versions = await listPolicyVersions(storeDb(db), policyId);
  const base = inForce(versions, now) ?? versions.filter((v) => v.publishSeq !== null).pop();
  if (base === undefined) return null;
  const baseCheck = validatePolicy(base.content);
  const candCheck = validatePolicy(candidate.content);
  if (!baseCheck.ok || !candCheck.ok) return null;
  const events = await storedEvents(db);
  const key = `${base.hash}|${candidate.hash}|${events.length}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;

  let last = Number.NEGATIVE_INFINITY;
  const names = new Map<string, { name: string | null; role: string | null }>();
  for (const e of events) {
    last = Math.max(last, Date.parse(e.at));
    if (e.type === 'staff.joined') names.set(e.staffId, { name: e.name ?? null, role: e.role });
  }
  if (!Number.isFinite(last)) last = now.getTime();
  const from = last - IMPACT_DAYS * DAY_MS;
  const until = new Date(last).toISOString();
  const inWindow = (d: Decision): boolean => {
    const t = Date.parse(d.at);
    return t >= from && t <= last;
  };
  const run = (p: Policy): Decision[] => (events.length === 0 ? [] : simulate(p, events, { until }).filter(inWindow));
  const report = whatIf(run(baseCheck.policy), run(candCheck.policy));
  const summary: ImpactSummary = {
    window: { from: new Date(from).toISOString(), to: until, days: IMPACT_DAYS, events: events.filter((e) => Date.parse(e.at) >= from).length },
    base: { version: base.version, hash: base.hash },
    candidate: { version: candidate.version, hash: candidate.hash },
    company: triple(report.company),
    staff: report.staff.map((s) => ({ staffId: s.staffId, name: names.get(s.staffId)?.name ?? null, role: names.get(s.staffId)?.role ?? null, ...triple(s) })),
    decisions: { base: report.counts.base, candidate: report.counts.candidate, changed: report.counts.appeared + report.counts.disappeared + report.counts.changed },
  };
  if (cache.size > 50) cache.clear();
  cache.set(key, summary);
  return summary;
}
