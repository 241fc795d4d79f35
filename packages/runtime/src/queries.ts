import type { AllotEvent, Clause, Decision, Localized } from '@allot/engine';
import { findDecision, findEvents, findPolicyVersion, logAccess, logAccessRequest, queryDecisions, readStaffStatus, readStaffStatuses } from '@allot/store';
import type { DecisionFilter, StaffStatus, StoreDb } from '@allot/store';
import { RuntimeError } from './runtime-error.js';

/** A staff member's standing, from the projections. */
export interface StaffStatusView {
  staffId: string;
  /** False when no event or decision has named this member. */
  known: boolean;
  role: string | null;
  level: string | null;
  /** Joined and not left (null: only decisions mention the member). */
  active: boolean | null;
  /** Pauses imposed so far (sum of `staff.paused` counts; allocation turns use them up, see docs/runtime.md). */
  pausesImposed: number;
  /** Allocations the member will still be skipped for: imposed pauses not yet used up by the ring. */
  pausesLeft: number;
  bannedUntil: string | null;
  hotlineBannedUntil: string | null;
  banned: boolean;
  hotlineBanned: boolean;
  /** Known, active (or unknown), not banned at `asOf` and with no pause left: the ring would give them the next lead. */
  eligible: boolean;
  finedFen: number;
  asOf: string;
}

/** A recorded decision and where it sits in the log. */
export interface RecordedDecision {
  seq: number;
  /** The op (event or tick) whose application made it. */
  sourceSeq: number;
  rowHash: string;
  decision: Decision;
}

/** One page of decisions; pass `next` as `after` for the following page (null: no more). */
export interface DecisionPage {
  items: RecordedDecision[];
  next: number | null;
}

/** Everything behind one decision. */
export interface Explanation {
  decision: RecordedDecision;
  /** The policy version that made it, as stored (null only if the row is gone). */
  policy: { id: string; version: string; hash: string; status: string; effectiveFrom: string | null; publishSeq: number | null; content: unknown } | null;
  /** The rule it cites, with its title and the clause of the policy text it encodes. */
  rule: { id: string; title: Localized; clause: Clause } | null;
  /** The events it names as causes, as stored. */
  causes: Array<{ seq: number; appliedAt: string; event: AllotEvent }>;
}

/** Reads a staff member's status at `asOf`. */
export async function staffStatus(db: StoreDb, staffId: string, asOf: Date): Promise<StaffStatusView> {
  return statusView(staffId, await readStaffStatus(db, staffId), asOf);
}

/** Reads the status of many members at `asOf` in one query (every member known when `staffIds` is omitted), in the order asked. */
export async function staffStatuses(db: StoreDb, staffIds: readonly string[] | undefined, asOf: Date): Promise<StaffStatusView[]> {
  const rows = await readStaffStatuses(db, staffIds);
  if (staffIds === undefined) return rows.map((r) => statusView(r.staffId, r, asOf));
  const byId = new Map(rows.map((r) => [r.staffId, r]));
  return staffIds.map((id) => statusView(id, byId.get(id), asOf));
}

function statusView(staffId: string, row: StaffStatus | undefined, asOf: Date): StaffStatusView {
  const now = asOf.getTime();
  const until = (d: Date | null | undefined): string | null => (d === null || d === undefined ? null : d.toISOString());
  const banned = row?.bannedUntil != null && row.bannedUntil.getTime() > now;
  const hotlineBanned = row?.hotlineBannedUntil != null && row.hotlineBannedUntil.getTime() > now;
  return {
    staffId,
    known: row !== undefined,
    role: row?.role ?? null,
    level: row?.level ?? null,
    active: row?.active ?? null,
    pausesImposed: row?.pausesImposed ?? 0,
    pausesLeft: row?.pausesLeft ?? 0,
    bannedUntil: until(row?.bannedUntil),
    hotlineBannedUntil: until(row?.hotlineBannedUntil),
    banned,
    hotlineBanned,
    eligible: row !== undefined && row.active !== false && !banned && (row.pausesLeft ?? 0) === 0,
    finedFen: row?.finedFen ?? 0,
    asOf: asOf.toISOString(),
  };
}

/** A page of decisions; logs the read in one access-log row naming every client in it. */
export async function listDecisions(db: StoreDb, filter: DecisionFilter, actor: string, at: Date): Promise<DecisionPage> {
  const limit = Math.min(Math.max(1, Math.floor(filter.limit ?? 100)), 10_000);
  const rows = await queryDecisions(db, { ...filter, limit });
  const clients = new Set(rows.map((r) => r.clientId).filter((c): c is string => c !== null));
  await logAccessRequest(db, { actor, action: 'decisions', clientIds: clients }, at);
  const items = rows.map((r) => ({ seq: r.seq, sourceSeq: r.sourceSeq, rowHash: r.rowHash, decision: r.payload as unknown as Decision }));
  const last = items[items.length - 1];
  return { items, next: items.length === limit && last !== undefined ? last.seq : null };
}

/**
 * Finds a rule's title and clause in a policy's content: a top-level rule, or a ladder rung with
 * its own rule id (M1–M3). In format 2 (`rules` a list) a rule or rung is found by its `id`; its
 * clause may be absent (then empty) and a rung without a title takes its ladder's.
 */
export function findRule(content: unknown, ruleId: string): { id: string; title: Localized; clause: Clause } | null {
  const rules = (content as { rules?: Record<string, unknown> | unknown[] } | null)?.rules;
  if (rules === undefined || rules === null) return null;
  if (Array.isArray(rules)) return findRuleV2(rules, ruleId);
  const pick = (r: unknown): { id: string; title: Localized; clause: Clause } | null => {
    const rec = r as { title?: Localized; clause?: Clause } | undefined;
    return rec?.title !== undefined && rec.clause !== undefined ? { id: ruleId, title: rec.title, clause: rec.clause } : null;
  };
  const direct = Object.prototype.hasOwnProperty.call(rules, ruleId) ? pick(rules[ruleId]) : null;
  if (direct !== null) return direct;
  for (const rule of Object.values(rules)) {
    const rungs = (rule as { rungs?: unknown[] } | null)?.rungs;
    if (!Array.isArray(rungs)) continue;
    for (const rung of rungs) if ((rung as { rule?: string } | null)?.rule === ruleId) return pick(rung);
  }
  return null;
}

type RuleLike = { id?: unknown; title?: Localized; clause?: Clause; rungs?: unknown };
const NO_CLAUSE: Clause = { section: '', quote: '' };

function findRuleV2(rules: unknown[], ruleId: string): { id: string; title: Localized; clause: Clause } | null {
  for (const r of rules) {
    const rule = r as RuleLike | null;
    if (rule === null || typeof rule !== 'object') continue;
    if (rule.id === ruleId && rule.title !== undefined) return { id: ruleId, title: rule.title, clause: rule.clause ?? NO_CLAUSE };
    if (!Array.isArray(rule.rungs)) continue;
    for (const g of rule.rungs) {
      const rung = g as RuleLike | null;
      const title = rung?.title ?? rule.title;
      if (rung?.id === ruleId && title !== undefined) return { id: ruleId, title, clause: rung.clause ?? rule.clause ?? NO_CLAUSE };
    }
  }
  return null;
}

/** Explains one decision; logs the read. Throws `RuntimeError('not-found')` for an unknown id. */
export async function explainDecision(db: StoreDb, decisionId: string, actor: string, at: Date): Promise<Explanation> {
  const row = await findDecision(db, decisionId);
  if (row === undefined) throw new RuntimeError('not-found', `no decision ${JSON.stringify(decisionId)}`);
  const version = await findPolicyVersion(db, row.policyId, row.policyVersion);
  const causes = (await findEvents(db, row.cause)).sort((a, b) => a.seq - b.seq);
  await logAccess(db, [{ actor, clientId: row.clientId, action: 'explain' }], at);
  return {
    decision: { seq: row.seq, sourceSeq: row.sourceSeq, rowHash: row.rowHash, decision: row.payload as unknown as Decision },
    policy:
      version === undefined
        ? null
        : {
            id: version.policyId,
            version: version.version,
            hash: version.hash,
            status: version.status,
            effectiveFrom: version.effectiveFrom?.toISOString() ?? null,
            publishSeq: version.publishSeq,
            content: version.content,
          },
    rule: version === undefined ? null : findRule(version.content, row.rule),
    causes: causes.map((c) => ({ seq: c.seq, appliedAt: c.appliedAt.toISOString(), event: c.payload as unknown as AllotEvent })),
  };
}
