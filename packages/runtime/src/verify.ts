import { policyHash, validateEvent } from '@allot/engine';
import { fastCanonicalJson as canonicalJson } from './fast-canonical-json.js';
import type { Decision } from '@allot/engine';
import { decisionSpan, GENESIS_HASH, lastDecisionOfOps, lastEventAtOrBefore, readDecisions, readHead } from '@allot/store';
import type { StoredDecision, StoredEvent, StoreDb } from '@allot/store';
import { applyOp, restoreHost } from './catch-up.js';
import { decisionClientId, decisionStaffId } from './decision-columns.js';
import { EngineHost } from './engine-host.js';
import { chainHash, chainHashOfText, eventChainText } from './hash-chain.js';
import { paged, readOps } from './read-ops.js';
import type { Op } from './read-ops.js';
import { rowsPastHead } from './rows-past-head.js';
import { TimeSlice } from './time-slice.js';
import { JobCancelled } from './job-cancelled.js';

/**
 * Which decisions to check (by decision seq, inclusive). With a range, the replay starts from the
 * newest snapshot before the range's first decision (from the first op when there is none) and
 * stops after its last one (unless the range reaches the head); without one it covers the whole
 * log from the first op.
 */
export interface VerifyRange {
  fromSeq?: number;
  toSeq?: number;
}

/** One difference between the record and its replay. */
export interface VerifyMismatch {
  table: 'decisions' | 'events' | 'ticks' | 'policy_versions' | 'policy_cancellations' | 'log_head';
  /** The row's seq (for a missing decision: the seq it should have had; for a policy version: its publish seq). */
  seq: number | null;
  decisionId?: string;
  eventId?: string;
  /** edited: the row differs from the replay; missing: the replay made it, the record lacks it; extra: the reverse; chain: a hash link is broken. */
  reason: 'edited' | 'missing' | 'extra' | 'chain';
  detail: string;
  expected?: unknown;
  actual?: unknown;
}

/** The outcome of `verify`. */
export interface VerifyReport {
  ok: boolean;
  /** Decisions compared. */
  checked: number;
  /** Events replayed. */
  events: number;
  /** At most 1,000 listed; `mismatchCount` counts them all. */
  mismatches: VerifyMismatch[];
  mismatchCount: number;
  /** The head that was verified: anchor `decisionHash` outside the database to detect a rewritten chain later. */
  head: { opSeq: number; decisionSeq: number; decisionHash: string; eventHash: string };
  /**
   * The snapshot the replay started from (its op and when it was taken), trusted with the rows
   * at or before it; null when it replayed from the first op, trusting nothing.
   */
  snapshot: { opSeq: number; takenAt: string } | null;
  /** The ops replayed: those after `afterOpSeq` up to `toOpSeq` (the head's when it reached the head). */
  replayed: { afterOpSeq: number; toOpSeq: number };
}

/**
 * Told how far a verify got: the op it reached of those it replays (after `fromOpSeq` up to
 * `toOpSeq`); throwing `JobCancelled` stops it.
 */
export interface VerifyHooks {
  progress?: (opSeq: number, toOpSeq: number, fromOpSeq: number) => Promise<void>;
}

const MAX_LISTED = 1_000;
const PAGE = 5_000;

interface Recomputed {
  ordinal: number;
  sourceSeq: number;
  decision: Decision;
}

/** The columns of a stored decision that differ from what the recomputed one says they must be. */
function columnDifferences(r: Recomputed, s: StoredDecision): string[] {
  const d = r.decision;
  const out: string[] = [];
  if (canonicalJson(s.payload) !== canonicalJson(d)) out.push('payload');
  if (s.seq !== r.ordinal) out.push('seq');
  if (s.sourceSeq !== r.sourceSeq) out.push('source_seq');
  if (s.at.getTime() !== Date.parse(d.at)) out.push('at');
  if (s.kind !== d.kind) out.push('kind');
  if (s.rule !== d.rule) out.push('rule');
  if (s.staffId !== decisionStaffId(d)) out.push('staff_id');
  if (s.clientId !== decisionClientId(d)) out.push('client_id');
  if (s.policyId !== d.policy.id || s.policyVersion !== d.policy.version || s.policyHash !== d.policy.hash) out.push('policy');
  if (canonicalJson(s.cause) !== canonicalJson(d.cause)) out.push('cause');
  return out;
}

/** An op whose seq another op of the log holds already. */
function extraOp(op: Op): VerifyMismatch {
  const detail = `another row of the op log holds seq ${op.seq} already`;
  if (op.kind === 'event') return { table: 'events', seq: op.seq, eventId: op.event.eventId, reason: 'extra', detail, actual: op.event.payload };
  if (op.kind === 'tick') return { table: 'ticks', seq: op.seq, reason: 'extra', detail };
  if (op.kind === 'cancel') return { table: 'policy_cancellations', seq: op.seq, reason: 'extra', detail: `cancellation of policy ${op.cancellation.policyId} ${op.cancellation.version}: ${detail}` };
  return { table: 'policy_versions', seq: op.seq, reason: 'extra', detail: `policy ${op.version.policyId} ${op.version.version}: ${detail}` };
}

/** Where a verify's replay starts: the state, the ordinal of the last decision before it and both chains' last hashes. */
interface Start {
  host: EngineHost;
  opSeq: number;
  decisionSeq: number;
  decisionHash: string;
  eventHash: string;
  snapshot: VerifyReport['snapshot'];
}

/**
 * Where a verify of the decisions `from..to` starts and stops. Without a range, or with one that
 * holds no stored decision: from the first op (a fresh engine) to the head. With one: from the
 * newest usable snapshot before the first op that made a decision of the range (the earliest
 * `source_seq` of its rows, so an edited row cannot move the start later), the ordinal and
 * hashes taken from the last rows at or before the snapshot's op; up to the last op that made a
 * decision of the range, or the head when the range reaches it.
 */
async function startAndStop(db: StoreDb, range: VerifyRange, head: { opSeq: number; decisionSeq: number }): Promise<{ start: Start; stopOpSeq: number; reachesHead: boolean }> {
  const fresh: Start = { host: new EngineHost(), opSeq: 0, decisionSeq: 0, decisionHash: GENESIS_HASH, eventHash: GENESIS_HASH, snapshot: null };
  const everything = { start: fresh, stopOpSeq: head.opSeq, reachesHead: true };
  if (range.fromSeq === undefined && range.toSeq === undefined) return everything;
  const from = Math.max(1, range.fromSeq ?? 1);
  const to = Math.min(range.toSeq ?? head.decisionSeq, head.decisionSeq);
  const span = from <= to ? await decisionSpan(db, from, to) : undefined;
  if (span === undefined) return everything;
  const reachesHead = (range.toSeq ?? Number.POSITIVE_INFINITY) >= head.decisionSeq;
  const stopOpSeq = reachesHead ? head.opSeq : span.lastSourceSeq;
  if (span.firstSourceSeq <= 1) return { start: fresh, stopOpSeq, reachesHead };
  const restored = await restoreHost(db, span.firstSourceSeq - 1);
  if (restored.snapshotSeq === 0) return { start: fresh, stopOpSeq, reachesHead };
  const lastDecision = await lastDecisionOfOps(db, restored.snapshotSeq, span.firstSeq);
  const lastEvent = await lastEventAtOrBefore(db, restored.snapshotSeq);
  return {
    start: {
      host: restored.host,
      opSeq: restored.snapshotSeq,
      decisionSeq: lastDecision?.seq ?? 0,
      decisionHash: lastDecision?.rowHash ?? GENESIS_HASH,
      eventHash: lastEvent?.rowHash ?? GENESIS_HASH,
      snapshot: { opSeq: restored.snapshotSeq, takenAt: (restored.takenAt ?? new Date(0)).toISOString() },
    },
    stopOpSeq,
    reachesHead,
  };
}

/**
 * Replays the op log under the stored policy versions and compares every recomputed decision
 * with the stored one, field by field; checks both hash chains and the head row. A row edited or
 * deleted behind the application's back (a superuser with triggers disabled) shows as
 * `edited`/`missing`/`extra` and as a `chain` break.
 *
 * Without a range it replays everything from the first op with a fresh engine, never from a
 * snapshot, and trusts nothing: every row of every log table is accounted for (a row past the
 * head, or at a seq another op holds, is `extra`). With a range (decision seqs) it starts from
 * the newest snapshot before the range's first decision, trusting that snapshot and the rows at
 * or before its op (the chains are linked on from their last hashes there), replays the ops
 * from it, reports the range's decisions and the replayed ops' events, ticks and publications,
 * and stops after the range's last decision unless the range reaches the head (then the head
 * and the rows past it are checked too). With no snapshot before the range it starts from the
 * first op.
 */
export async function verifyLog(db: StoreDb, range: VerifyRange = {}, hooks: VerifyHooks = {}): Promise<VerifyReport> {
  const head = await readHead(db);
  const { start, stopOpSeq, reachesHead } = await startAndStop(db, range, head);
  const from = range.fromSeq ?? 1;
  const to = range.toSeq ?? Number.POSITIVE_INFINITY;
  const inRange = (seq: number): boolean => seq >= from && seq <= to;
  const mismatches: VerifyMismatch[] = [];
  let mismatchCount = 0;
  const add = (m: VerifyMismatch): void => {
    mismatchCount++;
    if (mismatches.length < MAX_LISTED) mismatches.push(m);
  };

  // The stored decisions, pulled a page at a time as the replay reaches them (the next page read ahead).
  const pendingRecomputed = new Map<string, Recomputed>();
  const pendingStored = new Map<string, StoredDecision>();
  const storedRows = paged((after) => readDecisions(db, { afterSeq: after, toSeq: head.decisionSeq, limit: PAGE }), start.decisionSeq);
  let storedPos = start.decisionSeq;
  let storedDone = false;
  let prevDecisionHash = start.decisionHash;
  let checked = 0;

  const compare = (r: Recomputed, s: StoredDecision): void => {
    checked++;
    const diff = columnDifferences(r, s);
    if (diff.length > 0 && inRange(s.seq)) {
      add({ table: 'decisions', seq: s.seq, decisionId: s.decisionId, reason: 'edited', detail: `stored row differs from the replay in: ${diff.join(', ')}`, expected: r.decision, actual: s.payload });
    }
  };
  const takeStored = (s: StoredDecision): void => {
    storedPos = s.seq;
    if (inRange(s.seq)) {
      if (s.prevHash !== prevDecisionHash) add({ table: 'decisions', seq: s.seq, decisionId: s.decisionId, reason: 'chain', detail: 'prev_hash does not link to the previous row (a row before it was removed, added or reordered)' });
      if (chainHash(s.prevHash, s.payload) !== s.rowHash) add({ table: 'decisions', seq: s.seq, decisionId: s.decisionId, reason: 'chain', detail: 'row_hash does not match the row content' });
    }
    prevDecisionHash = s.rowHash;
    const r = pendingRecomputed.get(s.decisionId);
    if (r === undefined) pendingStored.set(s.decisionId, s);
    else {
      pendingRecomputed.delete(s.decisionId);
      compare(r, s);
    }
  };
  const pullStored = async (upTo: number): Promise<void> => {
    while (!storedDone && storedPos < upTo) {
      const next = await storedRows.next();
      if (next.done === true) storedDone = true;
      else takeStored(next.value);
    }
  };

  let ordinal = start.decisionSeq;
  const recomputed = async (decision: Decision, sourceSeq: number): Promise<void> => {
    const r = { ordinal: ++ordinal, sourceSeq, decision };
    await pullStored(r.ordinal);
    const s = pendingStored.get(decision.id);
    if (s === undefined) pendingRecomputed.set(decision.id, r);
    else {
      pendingStored.delete(decision.id);
      compare(r, s);
    }
  };

  const checkEvent = (e: StoredEvent, prevHash: string, appliedAt: number | undefined): void => {
    const valid = validateEvent(e.payload);
    const problems: string[] = [];
    if (!valid.ok) problems.push(`payload is not a valid event (${valid.errors[0]?.message ?? ''})`);
    if (e.payload['id'] !== e.eventId || e.payload['type'] !== e.type) problems.push('event_id/type columns differ from the payload');
    if (typeof e.payload['at'] !== 'string' || Date.parse(e.payload['at']) !== e.at.getTime()) problems.push('at column differs from the payload');
    if (appliedAt !== undefined && appliedAt !== e.appliedAt.getTime()) problems.push(`applied_at ${e.appliedAt.toISOString()} but the replay applies it at ${new Date(appliedAt).toISOString()}`);
    if (problems.length > 0) add({ table: 'events', seq: e.seq, eventId: e.eventId, reason: 'edited', detail: problems.join('; ') });
    if (e.prevHash !== prevHash) add({ table: 'events', seq: e.seq, eventId: e.eventId, reason: 'chain', detail: 'prev_hash does not link to the previous event (an event before it was removed, added or reordered)' });
    if (chainHashOfText(e.prevHash, eventChainText(e.seq, e.appliedAt.toISOString(), canonicalJson(e.payload))) !== e.rowHash) {
      add({ table: 'events', seq: e.seq, eventId: e.eventId, reason: 'chain', detail: 'row_hash does not match the event' });
    }
  };

  const host = start.host;
  let prevEventHash = start.eventHash;
  let events = 0;
  let replayedTo = start.opSeq;
  const slice = new TimeSlice();
  try {
    let lastOpSeq = start.opSeq;
    for await (const op of readOps(db, start.opSeq, head.opSeq)) {
      // A range short of the head: done once the ops that made its decisions are replayed.
      if (!reachesHead && op.seq > stopOpSeq && ordinal >= to) break;
      if (op.seq === lastOpSeq) {
        // Two rows at one place of the op log: the one read second is not part of it.
        add(extraOp(op));
        continue;
      }
      lastOpSeq = op.seq;
      replayedTo = op.seq;
      // Other requests are served while a long replay runs; a job reports its progress (and may stop it) at each break.
      if (slice.due()) {
        await slice.rest();
        if (hooks.progress !== undefined) await hooks.progress(op.seq, reachesHead ? head.opSeq : stopOpSeq, start.opSeq);
      }
      if (op.kind === 'publish') {
        const v = op.version;
        let hash: string | undefined;
        try {
          hash = policyHash(v.content);
        } catch {
          hash = undefined;
        }
        if (hash !== v.hash) add({ table: 'policy_versions', seq: op.seq, reason: 'edited', detail: `policy ${v.policyId} ${v.version}: content does not hash to the stored hash ${v.hash}` });
        applyOp(host, op);
      } else if (op.kind === 'cancel') {
        applyOp(host, op);
      } else if (op.kind === 'tick') {
        for (const d of host.tick(op.tick.at.getTime(), op.seq)) await recomputed(d, op.seq);
      } else {
        events++;
        const result = applyOp(host, op);
        const applied = result.kind === 'event' ? result.applied : undefined;
        checkEvent(op.event, prevEventHash, applied?.appliedAt);
        prevEventHash = op.event.rowHash;
        for (const d of applied?.decisions ?? []) await recomputed(d, op.seq);
      }
    }
  } catch (error) {
    if (error instanceof JobCancelled) throw error;
    // A stored policy or event the engine cannot run on: everything after it is unverifiable.
    add({ table: 'events', seq: host.opSeq + 1, reason: 'edited', detail: `replay stopped after op ${host.opSeq}: ${error instanceof Error ? error.message : String(error)}` });
  }
  await pullStored(reachesHead ? Number.POSITIVE_INFINITY : to);
  await storedRows.return(undefined);

  for (const r of pendingRecomputed.values()) {
    if (inRange(r.ordinal)) add({ table: 'decisions', seq: r.ordinal, decisionId: r.decision.id, reason: 'missing', detail: 'the replay makes this decision; the record lacks it', expected: r.decision });
  }
  for (const s of pendingStored.values()) {
    if (inRange(s.seq)) add({ table: 'decisions', seq: s.seq, decisionId: s.decisionId, reason: 'extra', detail: 'the record holds this decision; the replay does not make it', actual: s.payload });
  }
  if (reachesHead) {
    const past = await rowsPastHead(db, head, MAX_LISTED);
    for (const m of past.listed) add(m);
    mismatchCount += past.unlisted;
    if (head.decisionHash !== prevDecisionHash || head.decisionSeq !== storedPos) {
      add({ table: 'log_head', seq: head.decisionSeq, reason: 'chain', detail: `the head names decision ${head.decisionSeq} with hash ${head.decisionHash}; the last stored decision is ${storedPos} with hash ${prevDecisionHash}` });
    }
    if (head.eventHash !== prevEventHash) add({ table: 'log_head', seq: head.opSeq, reason: 'chain', detail: 'the head event hash does not match the last stored event' });
  }

  const tableOrder = ['policy_versions', 'events', 'ticks', 'decisions', 'log_head'];
  const reasonOrder = ['edited', 'missing', 'extra', 'chain'];
  mismatches.sort(
    (a, b) => tableOrder.indexOf(a.table) - tableOrder.indexOf(b.table) || (a.seq ?? 0) - (b.seq ?? 0) || reasonOrder.indexOf(a.reason) - reasonOrder.indexOf(b.reason),
  );
  return {
    ok: mismatchCount === 0,
    checked,
    events,
    mismatches,
    mismatchCount,
    head: { ...head },
    snapshot: start.snapshot,
    replayed: { afterOpSeq: start.opSeq, toOpSeq: reachesHead ? head.opSeq : replayedTo },
  };
}
