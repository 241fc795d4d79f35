/**
 * One decision as the explorer shows it: its fields, explanation, policy version, hash and clause,
 * cause events and downstream.
 */
import { policyHash } from '@allot/engine';
import type { AllotEvent, Clause, Decision, Localized } from '@allot/engine';
import type { Explanation } from '@allot/runtime';
import type { Database } from '@allot/store';
import type { Kysely } from 'kysely';
import { downstreamOf, type Downstream } from './downstream';
import { clientIdsOf, logReads } from './search';

/** Everything the explorer shows about one decision. */
export interface AuditDecision {
  seq: number;
  sourceSeq: number;
  rowHash: string;
  decision: Decision;
  /** The kind-specific fields (what was decided), in the decision's own order. */
  fields: Array<{ name: string; value: unknown }>;
  /** The version that decided it, as stored; `hashOk`: the stored content hashes to the hash the decision cites. */
  policy: { id: string; version: string; hash: string; status: string; effectiveFrom: string | null; source: string | null; hashOk: boolean } | null;
  /** The rule it cites with the clause of the seed text the rule encodes. */
  rule: { id: string; title: Localized; clause: Clause } | null;
  /** Its cause events, full payloads, in the order they were applied. */
  causes: Array<{ seq: number; appliedAt: string; event: AllotEvent }>;
  downstream: Downstream;
}

/** The runtime's `explain`, the one thing this module needs of it. */
export interface Explainer {
  explain(decisionId: string, options?: { actor?: string }): Promise<Explanation>;
}

const COMMON = new Set(['id', 'at', 'kind', 'rule', 'policy', 'cause', 'explain']);

/**
 * Reads one decision for the explorer: `runtime.explain` (policy version, rule clause, cause
 * events; it writes the read of the decision's client to the access log), the policy's hash
 * checked against its stored content, and its downstream. The clients named by the causes and
 * the downstream rows are logged too (`audit.decision`). Null for an unknown id. `wait: false`:
 * a sanction's trace not kept yet is started, not waited for (`downstream.tracePending`).
 */
export async function readAuditDecision(runtime: Explainer, db: Kysely<Database>, decisionId: string, actor: string, now: Date, options: { wait?: boolean } = {}): Promise<AuditDecision | null> {
  let explained: Explanation;
  try {
    explained = await runtime.explain(decisionId, { actor });
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === 'not-found') return null;
    throw error;
  }
  const { decision, seq, sourceSeq, rowHash } = explained.decision;
  const v = explained.policy;
  let hashOk = false;
  if (v !== null) {
    try {
      hashOk = policyHash(v.content) === v.hash && v.hash === decision.policy.hash;
    } catch {
      hashOk = false;
    }
  }
  const source = (v?.content as { source?: unknown } | undefined)?.source;
  const downstream = await downstreamOf(db, { seq, sourceSeq, decision }, options);
  const named = [
    ...explained.causes.map((c) => c.event),
    ...downstream.together.map((r) => r.decision),
    ...downstream.citing.map((r) => r.decision),
    ...(downstream.breaches ?? []).map((r) => r.decision),
    ...[...(downstream.pausesUsed ?? []), ...(downstream.passedOver ?? [])].map((u) => u.outcome?.decision),
    ...(downstream.hotlineCalls ?? []),
  ];
  const own = (decision as { clientId?: string }).clientId;
  await logReads(db, actor, 'audit.decision', clientIdsOf(named).filter((c) => c !== own), now);
  return {
    seq,
    sourceSeq,
    rowHash,
    decision,
    fields: Object.entries(decision)
      .filter(([k]) => !COMMON.has(k))
      .map(([name, value]) => ({ name, value: value as unknown })),
    policy:
      v === null
        ? null
        : { id: v.id, version: v.version, hash: v.hash, status: v.status, effectiveFrom: v.effectiveFrom, source: typeof source === 'string' ? source : null, hashOk },
    rule: explained.rule,
    causes: explained.causes,
    downstream,
  };
}
