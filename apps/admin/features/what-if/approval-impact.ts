/**
 * A version's impact as its approval page shows it: the what-if with the page's defaults, broken
 * down by kind and rule.
 */
import type { Decision } from '@allot/engine';
import type { AdminDb } from '../shared/database';
import { addDecision } from './summary';
import type { Compared } from './summary';
import { subtract, zeroTotals } from './metrics';
import type { Totals } from './metrics';
import type { WhatIfResult } from './types';
import { cachedReplay, compare, compareInTurns, prepareRun, replayRun, resultOf } from './run';
import type { PreparedRun, Replayed } from './run';
import type { WhatIfParams } from './types';
import type { Localized } from '../shared/i18n/lang';
import { processWide } from '../shared/process-wide';

/** Differing decisions of one kind (`client.tiered`, `staff.fined`, …). */
export interface KindRow {
  kind: string;
  /** Decisions made by one run only, plus pairs decided differently (counted once). */
  differing: number;
}

/** One rule's share of the change: its measures under both runs and how many of its decisions differ. */
export interface RuleRow {
  rule: string;
  differing: number;
  base: Totals;
  candidate: Totals;
  delta: Totals;
}

/** The what-if run an approver sees, with the difference broken down by decision kind and by rule. */
export interface ApprovalImpact {
  result: WhatIfResult;
  byKind: KindRow[];
  byRule: RuleRow[];
  /** The what-if page with the same parameters (policy, base, candidate; default period and mode). */
  whatIfHref: string;
}

/**
 * Breaks a comparison down: differing decisions counted the way the totals count them (a
 * decision one run only made, or a pair decided differently, once, on the candidate's side),
 * per kind and per rule, with each rule's measures under both runs.
 */
export function breakdown(cmp: Compared): { byKind: KindRow[]; byRule: RuleRow[] } {
  const kinds = new Map<string, number>();
  const rules = new Map<string, { differing: number; base: Totals; candidate: Totals }>();
  const ruleOf = (r: string) => {
    let row = rules.get(r);
    if (row === undefined) {
      row = { differing: 0, base: zeroTotals(), candidate: zeroTotals() };
      rules.set(r, row);
    }
    return row;
  };
  for (const side of ['base', 'candidate'] as const) {
    for (const d of cmp[side] as Decision[]) {
      addDecision(ruleOf(d.rule)[side], d);
      const status = cmp.status.get(d);
      if (status === undefined || (status === 'changed' && side === 'base')) continue;
      kinds.set(d.kind, (kinds.get(d.kind) ?? 0) + 1);
      ruleOf(d.rule).differing++;
    }
  }
  const byKind = [...kinds].map(([kind, differing]) => ({ kind, differing })).sort((a, b) => b.differing - a.differing || (a.kind < b.kind ? -1 : 1));
  const byRule = [...rules]
    .map(([rule, r]) => ({ rule, differing: r.differing, base: r.base, candidate: r.candidate, delta: subtract(r.candidate, r.base) }))
    .filter((r) => r.differing > 0)
    .sort((a, b) => (a.rule < b.rule ? -1 : 1));
  return { byKind, byRule };
}

/**
 * The impact on an approval page: the what-if run with the what-if page's defaults — base the
 * version in force, the 90 days up to the latest stored event, everyone, allocations as
 * recorded — for the version as candidate, plus its breakdown. The same function, cache and
 * numbers as `POST /api/what-if` with the same parameters.
 */
export async function approvalImpact(db: AdminDb, policyId: string, candidate: string, now: Date): Promise<{ ok: true; impact: ApprovalImpact } | { ok: false; message: Localized }> {
  const prepared = await prepareRun(db, { policyId, candidate }, now);
  if (!prepared.ok) return { ok: false, message: prepared.message };
  const started = Date.now();
  const replayed = await replayRun(prepared.run);
  // Compared in steps (the event loop has turns), then summed from the cached comparison.
  await compareInTurns(prepared.run, replayed);
  return { ok: true, impact: impactOf(prepared.run, replayed, Date.now() - started) };
}

/** Impacts made from cached replays, by the candidate run (itself cached per version, period, base and log state): a page view reuses the comparison. */
const impacts = processWide('what-if.impacts', () => new WeakMap<object, { base: object; impact: ApprovalImpact }>());

/** The newest impact made for each question (policy, base and candidate version), whatever the state of the log it was made on. */
const latest = processWide('what-if.latest-impacts', () => new Map<string, ApprovalImpact>());
const questionOf = (run: PreparedRun): string => `${run.policyId}|${run.base.hash}|${run.candidate.hash}`;

function impactOf(run: PreparedRun, replayed: Replayed, elapsedMs: number): ApprovalImpact {
  const kept = impacts.get(replayed.candidate);
  if (kept !== undefined && kept.base === replayed.base) return kept.impact;
  const impact = computeImpact(run, replayed, elapsedMs);
  impacts.set(replayed.candidate, { base: replayed.base, impact });
  const question = questionOf(run);
  latest.delete(question);
  latest.set(question, impact);
  while (latest.size > 50) latest.delete(latest.keys().next().value as string);
  return impact;
}

function computeImpact(run: PreparedRun, replayed: Replayed, elapsedMs: number): ApprovalImpact {
  const result = resultOf(run, replayed, elapsedMs);
  const { byKind, byRule } = breakdown(compare(run, replayed));
  const q = new URLSearchParams({ policy: run.policyId, base: result.base.version, candidate: run.candidate.version });
  return { result, byKind, byRule, whatIfHref: `/what-if?${q.toString()}` };
}

/**
 * Tells the impacts of a what-if job's runs when the job asked a version page's question (policy
 * and candidate only, every default): the page then has an impact to show even when events
 * arrived while the job ran.
 */
export function noteImpact(params: WhatIfParams, run: PreparedRun, replayed: Replayed): void {
  const defaults = params.base === undefined && params.content === undefined && (params.from ?? null) === null && (params.to ?? null) === null && (params.team ?? null) === null;
  if (defaults && params.allocationsAsRecorded !== false) impactOf(run, replayed, 0);
}

/** The what-if job that answers a page's impact for the current state of the log: its parameters, and a key naming the question (one job at a time per question). */
export interface ImpactRefresh {
  params: WhatIfParams;
  key: string;
}

/**
 * The impact as a page shows it without waiting on a replay: computed at once over a small
 * history held in memory, or from the replays a what-if job already made for this state of the
 * log. Otherwise, when an impact of the same question was made on an earlier state of the log
 * (events keep arriving while a job runs), that one — it names its own period — with `refresh`,
 * the job that brings it up to date, for the page to start; and with none yet, `pending` with
 * that job, which the page starts and shows the progress of until the replays are cached.
 */
export async function approvalImpactOrPending(
  db: AdminDb,
  policyId: string,
  candidate: string,
  now: Date,
): Promise<{ ok: true; impact: ApprovalImpact; refresh?: ImpactRefresh } | { ok: false; message: Localized } | ({ ok: 'pending' } & ImpactRefresh)> {
  const params: WhatIfParams = { policyId, candidate };
  const prepared = await prepareRun(db, params, now);
  if (!prepared.ok) return { ok: false, message: prepared.message };
  const run = prepared.run;
  if (!('kind' in run.history)) return { ok: true, impact: impactOf(run, await replayRun(run), 0) };
  const cached = cachedReplay(run);
  if (cached !== undefined) return { ok: true, impact: impactOf(run, cached, 0) };
  const refresh: ImpactRefresh = { params, key: questionOf(run) };
  const earlier = latest.get(questionOf(run));
  return earlier === undefined ? { ok: 'pending', ...refresh } : { ok: true, impact: earlier, refresh };
}
