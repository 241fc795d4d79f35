import { createEngine } from '@allot/engine';
import type { Decision, EngineSnapshot, AnyPolicy as Policy } from '@allot/engine';
import { readHead } from '@allot/store';
import { storeDb } from '../shared/database';
import type { AdminDb } from '../shared/database';
import { OpLogReplayer, readOps } from '../shared/op-log-replayer';

/**
 * The engine's state after the stored op log, replayed the way the runtime applies it: the
 * first published version from the start, every later one at its effective instant (deadlines
 * strictly before it under the old one), events at the instant the runtime applied them (a late
 * event at the runtime's time then), ticks firing deadlines up to their instant.
 */
export interface ReplayedState {
  /** The last op replayed. */
  opSeq: number;
  /** The runtime's time (epoch ms), or null before anything happened. */
  horizon: number | null;
  /** The version in force at `horizon`; null before the first publish. */
  inForce: Policy | null;
  /** Versions published with a later effective time, in the order they take over. */
  pending: { policy: Policy; effectiveFrom: number | null }[];
  /** The engine state; null before the first publish. */
  snapshot: EngineSnapshot | null;
}

/** One replayer per database (tests open several), kept while the process lives. */
const replayers = new WeakMap<object, { replayer: OpLogReplayer; busy: Promise<unknown> }>();

/**
 * Replays the stored op log with the engine up to the head and returns the state, without
 * recording anything. The replay is kept and moved forward with the log, so a page view costs
 * the ops since the last one. The runtime does not expose its engine: this is the same
 * deterministic replay (`docs/runtime.md`), so it reaches the same state.
 */
export async function replayLog(db: AdminDb): Promise<ReplayedState> {
  let entry = replayers.get(db);
  if (entry === undefined) {
    entry = { replayer: new OpLogReplayer(false), busy: Promise.resolve() };
    replayers.set(db, entry);
  }
  const held = entry;
  const run = held.busy.then(async () => {
    const head = await readHead(storeDb(db));
    if (head.opSeq < held.replayer.opSeq) held.replayer = new OpLogReplayer(false); // a restored or reset database
    if (head.opSeq > held.replayer.opSeq) for await (const op of readOps(storeDb(db), held.replayer.opSeq, head.opSeq)) held.replayer.apply(op);
    const r = held.replayer;
    return {
      opSeq: r.opSeq,
      horizon: Number.isFinite(r.horizon) ? r.horizon : null,
      inForce: r.inForce?.policy ?? null,
      pending: r.pending.map((v) => ({ policy: v.policy, effectiveFrom: v.effectiveFrom })),
      snapshot: r.engine?.snapshot() ?? null,
    };
  });
  held.busy = run.catch(() => undefined);
  return run;
}

/**
 * Moves a copy of the replayed engine to just before `at` (versions that take over by then, and
 * every deadline strictly before it): the state an allocation at `at` starts from. Returns that
 * state, the version in force at `at` and the decisions those deadlines make (not recorded: the
 * runtime records them at its next tick or event); the replayed state is not changed.
 */
export function advanceCopy(state: ReplayedState, at: number): { snapshot: EngineSnapshot; policy: Policy; fired: Decision[] } | null {
  if (state.snapshot === null || state.inForce === null) return null;
  const engine = createEngine(state.inForce, { snapshot: state.snapshot });
  const fired: Decision[] = [];
  let policy = state.inForce;
  for (const v of state.pending) {
    const eff = v.effectiveFrom ?? Number.NEGATIVE_INFINITY;
    if (eff > at) break;
    if (v.effectiveFrom !== null && (engine.now === null || v.effectiveFrom > engine.now)) fired.push(...engine.advanceTo(v.effectiveFrom, { inclusive: false }));
    engine.usePolicy(v.policy);
    policy = v.policy;
  }
  if (engine.now === null || at > engine.now) fired.push(...engine.advanceTo(at, { inclusive: false }));
  return { snapshot: engine.snapshot(), policy, fired };
}
