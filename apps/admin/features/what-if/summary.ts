/** The what-if's comparison of two runs: totals, per week and per person. */
import { decisionIdentity, DIFF_STEP, diffDecisionsInSteps, zoneOf } from '@allot/engine';
import type { AllotEvent, Decision } from '@allot/engine';
import { subtract, zeroTotals } from './metrics';
import type { Totals, TotalsTriple } from './metrics';
import type { PersonDecision, PersonRow, StaffInfo, WeekRow } from './types';
import { DEFAULT_ZONE, weekOf } from '../people';
import { DAY_MS } from './history';
import { processWide } from '../shared/process-wide';

/** The company's zone (China time): weeks start on Monday 00:00 there. */
const CHINA = zoneOf(DEFAULT_ZONE);

const HOUR_MS = 3_600_000;
/** Mondays by the hour (UTC) an instant falls in: the zone's offsets change on the hour, and a long run's decisions share a few thousand hours. */
const mondays = new Map<number, string>();

/** The Monday (`YYYY-MM-DD`, China time) of the week an instant falls in. */
function mondayOf(ms: number): string {
  const hour = Math.floor(ms / HOUR_MS);
  let monday = mondays.get(hour);
  if (monday === undefined) {
    monday = weekOf(CHINA, ms).key;
    if (mondays.size >= 100_000) mondays.clear();
    mondays.set(hour, monday);
  }
  return monday;
}

const spanDays = (from: string, until: string): number => Math.round((Date.parse(until) - Date.parse(from)) / DAY_MS);

/**
 * The staff member a decision is about: `staffId`; `fromStaffId` for reclaims and transfers; the
 * rep credited with a deal, or — for a deal credited to the department — the rep who closed it
 * (from the `deal.closed` that caused it), so "credit moved to the department" shows whose deal
 * it was. Tiering, duplicates and unallocated leads are about no one.
 */
export function attributedTo(d: Decision, eventsById: ReadonlyMap<string, AllotEvent>): string | undefined {
  switch (d.kind) {
    case 'client.tiered':
    case 'lead.duplicate':
    case 'lead.unallocated':
      return undefined;
    case 'client.reclaimed':
    case 'client.transferred':
      return d.fromStaffId;
    case 'deal.credited': {
      if (d.to !== 'department') return d.to;
      for (const id of d.cause) {
        const e = eventsById.get(id);
        if (e?.type === 'deal.closed') return e.staffId;
      }
      return undefined;
    }
    default:
      return d.staffId;
  }
}

/** Adds one decision to the measures (mutates `t`); see `Totals` for what counts where. */
export function addDecision(t: Totals, d: Decision): void {
  switch (d.kind) {
    case 'staff.fined':
      t.fines += 1;
      t.finesFen += d.amountFen;
      break;
    case 'staff.banned':
      t.banDays += spanDays(d.from, d.until);
      break;
    case 'staff.paused':
      t.pauses += d.count;
      break;
    case 'staff.hotline_banned':
      t.hotlineBans += 1;
      break;
    case 'client.reclaim_due':
    case 'client.reclaimed':
      t.reclaims += 1;
      break;
    case 'client.review_due':
      t.reviewNotices += 1;
      break;
    case 'allocation.breach':
      t.allocationsBlocked += 1;
      break;
    case 'lead.unallocated':
      if (d.reason === 'no_eligible_staff') t.allocationsBlocked += 1;
      break;
    case 'deal.credited':
      if (d.to === 'department') t.creditToDepartmentFen += d.amountFen;
      break;
    case 'staff.termination_review':
      t.terminationReviews += 1;
      break;
    case 'lead.allocated':
      t.allocations += 1;
      break;
    default:
      break;
  }
}

/** The decisions of both runs in the period, how they differ, and whom each is about. */
export interface Compared {
  base: Decision[];
  candidate: Decision[];
  /** Decisions of either run that the other run did not make, with how: changed, or only this run. */
  status: Map<Decision, 'changed' | 'only'>;
  /** Each side of a changed pair → the other side. */
  partner: Map<Decision, Decision>;
  /** Decisions the candidate list borrowed from the base run (allocations as recorded). */
  borrowed: Set<Decision>;
  whom: Map<Decision, string | undefined>;
}

/**
 * Decision identities, remembered per decision: a cached base run is compared with one candidate
 * after another, and its identities are the same each time.
 */
const identities = processWide('what-if.identities', () => new WeakMap<Decision, string>());
function identityOf(d: Decision): string {
  let id = identities.get(d);
  if (id === undefined) {
    id = decisionIdentity(d);
    identities.set(d, id);
  }
  return id;
}

/**
 * Keeps the decisions with `from ≤ at ≤ to` and compares them with the engine's `whatIf`
 * (decisions matched as SPEC §4 says; leftovers about the same thing paired as changes). With
 * allocations as recorded, the base run's allocations that the candidate replayed as assignments
 * count in both runs (`borrowed`): they are the same allocations by construction.
 */
export function compareRuns(
  base: readonly Decision[],
  candidate: readonly Decision[],
  period: { fromMs: number; toMs: number },
  eventsById: ReadonlyMap<string, AllotEvent>,
  convertedIds: { has(id: string): boolean } | null,
): Compared {
  return runSteps(compareRunsInSteps(base, candidate, period, eventsById, convertedIds));
}

/** Decisions the steps below go through between two pauses (as many as the engine's diff). */
const STEP = DIFF_STEP;

/** Drives a computation in steps to its end at once. */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/**
 * {@link compareRuns} in steps: pauses (yields) every {@link STEP} decisions, so a job comparing
 * runs of a year gives the event loop turns between them (run.ts drives it so); the same result.
 */
export function* compareRunsInSteps(
  base: readonly Decision[],
  candidate: readonly Decision[],
  period: { fromMs: number; toMs: number },
  eventsById: ReadonlyMap<string, AllotEvent>,
  convertedIds: { has(id: string): boolean } | null,
): Generator<void, Compared> {
  const inPeriod = (d: Decision): boolean => {
    const t = Date.parse(d.at);
    return t >= period.fromMs && t <= period.toMs;
  };
  const b: Decision[] = [];
  const borrowed = new Set<Decision>();
  for (let i = 0; i < base.length; i++) {
    if (i % STEP === STEP - 1) yield;
    const d = base[i] as Decision;
    if (!inPeriod(d)) continue;
    b.push(d);
    if (convertedIds !== null && d.kind === 'lead.allocated' && d.cause.some((id) => convertedIds.has(id))) borrowed.add(d);
  }
  const own: Decision[] = [];
  for (let i = 0; i < candidate.length; i++) {
    if (i % STEP === STEP - 1) yield;
    const d = candidate[i] as Decision;
    if (inPeriod(d)) own.push(d);
  }
  const c = mergeByTime([...borrowed], own);
  yield;
  // The engine's diff (what `whatIf` reports, without its totals: these are counted below).
  const diff = yield* diffDecisionsInSteps(b, c, identityOf);
  const status = new Map<Decision, 'changed' | 'only'>();
  const partner = new Map<Decision, Decision>();
  for (const d of diff.appeared) status.set(d, 'only');
  for (const d of diff.disappeared) status.set(d, 'only');
  for (const change of diff.changed) {
    status.set(change.base, 'changed');
    status.set(change.candidate, 'changed');
    partner.set(change.base, change.candidate);
    partner.set(change.candidate, change.base);
  }
  const whom = new Map<Decision, string | undefined>();
  let n = 0;
  for (const list of [b, c]) {
    for (const d of list) {
      if (++n % STEP === 0) yield;
      whom.set(d, attributedTo(d, eventsById));
    }
  }
  return { base: b, candidate: c, status, partner, borrowed, whom };
}

/** Two time-ordered lists as one; at the same instant `first` comes first. */
function mergeByTime(first: Decision[], second: Decision[]): Decision[] {
  if (first.length === 0) return second;
  const out: Decision[] = [];
  let i = 0;
  let j = 0;
  while (i < first.length || j < second.length) {
    const a = first[i];
    const b = second[j];
    if (a !== undefined && (b === undefined || Date.parse(a.at) <= Date.parse(b.at))) {
      out.push(a);
      i++;
    } else if (b !== undefined) {
      out.push(b);
      j++;
    }
  }
  return out;
}

/** Totals, weeks and people of a comparison, for everyone or for a team. */
export interface Summary {
  totals: TotalsTriple;
  weeks: WeekRow[];
  people: PersonRow[];
  decisions: { base: number; candidate: number; differing: number };
}

/** Adds the comparison up: in total, per week (every week of the period) and per person affected. */
export function summarize(cmp: Compared, period: { fromMs: number; toMs: number }, directory: ReadonlyMap<string, StaffInfo>, team: ((staffId: string) => boolean) | null): Summary {
  return runSteps(summarizeInSteps(cmp, period, directory, team));
}

/** {@link summarize} in steps (pauses every {@link STEP} decisions; the same result). */
export function* summarizeInSteps(cmp: Compared, period: { fromMs: number; toMs: number }, directory: ReadonlyMap<string, StaffInfo>, team: ((staffId: string) => boolean) | null): Generator<void, Summary> {
  const counts = (d: Decision): boolean => {
    if (team === null) return true;
    const who = cmp.whom.get(d);
    return who !== undefined && team(who);
  };
  const weeks = new Map<string, WeekRow>();
  for (let t = period.fromMs; ; t += 7 * DAY_MS) {
    const w = mondayOf(Math.min(t, period.toMs));
    if (!weeks.has(w)) weeks.set(w, { week: w, base: zeroTotals(), candidate: zeroTotals() });
    if (t >= period.toMs) break;
  }
  const people = new Map<string, { base: Totals; candidate: Totals; differing: number }>();
  const personOf = (id: string) => {
    let p = people.get(id);
    if (p === undefined) {
      p = { base: zeroTotals(), candidate: zeroTotals(), differing: 0 };
      people.set(id, p);
    }
    return p;
  };
  const total = { base: zeroTotals(), candidate: zeroTotals() };
  let differing = 0;
  const n = { base: 0, candidate: 0 };
  // A difference counts once: a decision one run only made, or a pair decided differently
  // (counted on the candidate's side, and on the base's side too when it is about someone else).
  const isDifference = (d: Decision, side: 'base' | 'candidate', who: string | undefined): boolean => {
    const status = cmp.status.get(d);
    if (status === undefined) return false;
    if (status === 'only' || side === 'candidate') return true;
    const other = cmp.partner.get(d);
    return other === undefined || cmp.whom.get(other) !== who;
  };
  let seen = 0;
  for (const side of ['base', 'candidate'] as const) {
    for (const d of cmp[side]) {
      if (++seen % STEP === 0) yield;
      if (!counts(d)) continue;
      n[side]++;
      addDecision(total[side], d);
      const week = weeks.get(mondayOf(Date.parse(d.at)));
      if (week !== undefined) addDecision(week[side], d);
      const who = cmp.whom.get(d);
      const status = cmp.status.get(d);
      const partner = cmp.partner.get(d);
      if (status === 'only' || (status === 'changed' && (side === 'candidate' || (partner !== undefined && !counts(partner))))) differing++;
      const differs = isDifference(d, side, who);
      if (who === undefined) continue;
      const person = personOf(who);
      addDecision(person[side], d);
      if (differs) person.differing++;
    }
  }
  const rows: PersonRow[] = [];
  for (const [staffId, p] of people) {
    if (p.differing === 0) continue;
    const info = directory.get(staffId) ?? { staffId, name: null, role: null, level: null };
    rows.push({ ...info, base: p.base, candidate: p.candidate, delta: subtract(p.candidate, p.base), differing: p.differing });
  }
  rows.sort((x, y) => Math.abs(y.delta.finesFen) - Math.abs(x.delta.finesFen) || y.differing - x.differing || (x.staffId < y.staffId ? -1 : x.staffId > y.staffId ? 1 : 0));
  return {
    totals: { base: total.base, candidate: total.candidate, delta: subtract(total.candidate, total.base) },
    weeks: [...weeks.values()].sort((a, b) => (a.week < b.week ? -1 : 1)),
    people: rows,
    decisions: { base: n.base, candidate: n.candidate, differing },
  };
}

/** One person's decisions in both runs, each marked same / changed / only. */
export function personDecisions(cmp: Compared, staffId: string): { base: PersonDecision[]; candidate: PersonDecision[]; totals: TotalsTriple } {
  const pick = (list: Decision[]): PersonDecision[] =>
    list.filter((d) => cmp.whom.get(d) === staffId).map((d) => ({ decision: d, status: cmp.status.get(d) ?? 'same', ...(cmp.borrowed.has(d) ? { asRecorded: true } : {}) }));
  const base = pick(cmp.base);
  const candidate = pick(cmp.candidate);
  const totals = { base: zeroTotals(), candidate: zeroTotals() };
  for (const p of base) addDecision(totals.base, p.decision);
  for (const p of candidate) addDecision(totals.candidate, p.decision);
  return { base, candidate, totals: { ...totals, delta: subtract(totals.candidate, totals.base) } };
}
