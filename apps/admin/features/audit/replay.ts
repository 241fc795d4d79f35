/**
 * A replay of the stored op log for the audit pages, reporting op by op and yielding to the event
 * loop between ops.
 */
import type { AllotEvent, Decision, Engine, EngineSnapshot, AnyPolicy as Policy } from '@allot/engine';
import type { Database } from '@allot/store';
import type { Kysely } from 'kysely';
import { eventAsApplied, OpLogReplayer, readOps } from '../shared/op-log-replayer';

/** An event or a tick of the op log, as the replay applies it. */
export type ReplayOp =
  | { kind: 'event'; seq: number; event: AllotEvent; appliedAt: number }
  | { kind: 'tick'; seq: number; at: number };

/** What a replay reports to its caller, op by op. */
export interface ReplayHooks {
  /** Before an event is applied (every deadline before it has fired): true asks for a snapshot of the state at that point. */
  wantsSnapshot?(op: Extract<ReplayOp, { kind: 'event' }>): boolean;
  /** After each event or tick, with the decisions it made; return false to stop the replay. */
  onOp(op: ReplayOp, decisions: Decision[], ctx: { engine: Engine; policy: Policy; before: EngineSnapshot | undefined }): boolean;
}

/** Ops between two yields to the event loop, so other requests are served while a replay runs. */
const YIELD_EVERY = 500;

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Replays the op log from the start with the engine, the way the runtime applies it
 * (`OpLogReplayer`, strict: a stored version the engine cannot read is an error), telling the
 * hooks op by op. The explorer uses it to see what the record does not store — which allocation
 * used up a pause, who the ring passed over — and checks what it finds against the stored
 * decisions (a replay that disagrees says so).
 */
export async function replayLog(db: Kysely<Database>, hooks: ReplayHooks): Promise<{ ops: number; stopped: boolean }> {
  const replayer = new OpLogReplayer(true);
  let ops = 0;
  for await (const logOp of readOps(db, 0)) {
    if (logOp.kind === 'publish' || logOp.kind === 'cancel' || replayer.engine === undefined) {
      replayer.apply(logOp);
      continue;
    }
    const op: ReplayOp =
      logOp.kind === 'event'
        ? { kind: 'event', seq: logOp.seq, event: eventAsApplied(logOp.event), appliedAt: logOp.event.appliedAt.getTime() }
        : { kind: 'tick', seq: logOp.seq, at: logOp.tick.at.getTime() };
    const { decisions, before } = replayer.apply(logOp, { snapshotBefore: op.kind === 'event' && hooks.wantsSnapshot?.(op) === true });
    ops++;
    const { engine, inForce } = replayer;
    if (engine === undefined || inForce === undefined) continue; // set by the first publish, checked above
    if (!hooks.onOp(op, decisions, { engine, policy: inForce.policy, before })) return { ops, stopped: true };
    if (ops % YIELD_EVERY === 0) await yieldToLoop();
  }
  return { ops, stopped: false };
}
