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
import { compare, prepareRun, replayRun, resultOf } from './run';
import type { Localized } from '../shared/i18n/lang';

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
  const result = resultOf(prepared.run, replayed, Date.now() - started);
  const { byKind, byRule } = breakdown(compare(prepared.run, replayed));
  const q = new URLSearchParams({ policy: policyId, base: result.base.version, candidate });
  return { ok: true, impact: { result, byKind, byRule, whatIfHref: `/what-if?${q.toString()}` } };
}
