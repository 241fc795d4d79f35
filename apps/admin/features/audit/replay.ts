/**
 * A replay of the stored op log for the audit pages, from the newest snapshot before the op that
 * matters, reporting op by op and yielding to the event loop between ops.
 */
import type { AllotEvent, Decision, Engine, EngineSnapshot, AnyPolicy as Policy } from '@allot/engine';
import { LogReplay } from '@allot/runtime';
import { snapshotSeqAtOrBefore } from '@allot/store';
import type { Database, StoredEvent } from '@allot/store';
import type { Kysely } from 'kysely';

/** An event or a tick of the op log, as the replay applies it. */
export type ReplayOp =
  | { kind: 'event'; seq: number; event: AllotEvent; appliedAt: number }
  | { kind: 'tick'; seq: number; at: number };

/** What a replay reports to its caller, op by op. */
export interface ReplayHooks {
  /** Before an event is applied (every deadline before it has fired): true asks for a snapshot of the state at that point. */
  wantsSnapshot?(op: Extract<ReplayOp, { kind: 'event' }>): boolean;
  /** The state the replay starts from (the snapshot's, or the empty one), before the first op it applies. */
  onStart?(engine: Engine | undefined): void;
  /** After each event or tick, with the decisions it made; return false to stop the replay. */
  onOp(op: ReplayOp, decisions: Decision[], ctx: { engine: Engine; policy: Policy; before: EngineSnapshot | undefined }): boolean;
}

/** A stored event as the runtime applied it: at its `applied_at` (later than `at` when it came late). */
function eventOp(seq: number, event: StoredEvent): Extract<ReplayOp, { kind: 'event' }> {
  const payload = event.payload as unknown as AllotEvent;
  const appliedAt = event.appliedAt.getTime();
  return { kind: 'event', seq, event: appliedAt === event.at.getTime() ? payload : ({ ...payload, at: new Date(appliedAt).toISOString() } as AllotEvent), appliedAt };
}

/**
 * Replays the op log with the runtime's own code (`LogReplay`: the same host that ingest and
 * catch-up run), starting from the newest snapshot at or before op `fromSeq` (0 or none: from
 * the first op), telling the hooks op by op. The explorer uses it to see what the record does
 * not store — which allocation used up a pause, who the ring passed over — and checks what it
 * finds against the stored decisions (a replay that disagrees says so). Starting from a snapshot
 * trusts the state the runtime saved there, as Verify of a period does (docs/runtime.md).
 */
export async function replayLog(db: Kysely<Database>, hooks: ReplayHooks, fromSeq = 0): Promise<{ ops: number; stopped: boolean; snapshotSeq: number }> {
  const start = fromSeq > 0 ? ((await snapshotSeqAtOrBefore(db, fromSeq)) ?? 0) : 0;
  const replay = await LogReplay.at(db, start);
  hooks.onStart?.(replay.engine);
  let ops = 0;
  // The state an event meets, when the hooks ask for it (taken in LogReplay's hook, used after the event).
  let before: EngineSnapshot | undefined;
  const wants = hooks.wantsSnapshot;
  const beforeEvent = wants === undefined ? undefined : (o: { seq: number; event: StoredEvent }, engine: Engine): void => {
    before = wants(eventOp(o.seq, o.event)) ? engine.snapshot() : undefined;
  };
  for await (const { op: logOp, result } of replay.ops(undefined, beforeEvent === undefined ? {} : { beforeEvent })) {
    const engine = replay.engine;
    const policy = replay.policy;
    if (engine === undefined || policy === undefined) continue;
    let op: ReplayOp;
    let decisions: Decision[];
    if (result.kind === 'event' && logOp.kind === 'event') {
      op = eventOp(logOp.seq, logOp.event);
      decisions = result.applied.decisions;
    } else if (result.kind === 'tick' && logOp.kind === 'tick') {
      op = { kind: 'tick', seq: logOp.seq, at: logOp.tick.at.getTime() };
      decisions = result.decisions;
    } else {
      continue;
    }
    ops++;
    const snapshotBefore = op.kind === 'event' ? before : undefined;
    before = undefined;
    if (!hooks.onOp(op, decisions, { engine, policy, before: snapshotBefore })) return { ops, stopped: true, snapshotSeq: replay.snapshotSeq };
  }
  return { ops, stopped: false, snapshotSeq: replay.snapshotSeq };
}
