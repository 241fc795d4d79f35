/**
 * The engine's state at the head of the stored log, for 我的状态: open clocks and the version in
 * force.
 */
import type { EngineSnapshot, AnyPolicy as Policy } from '@allot/engine';
import { readHead } from '@allot/store';
import { storeDb } from '../shared/database';
import type { AdminDb } from '../shared/database';
import { OpLogReplayer, readOps } from '../shared/op-log-replayer';

/** The engine's state at the head of the stored log: its clients' open clocks, and the version in force. */
export interface EngineState {
  snapshot: EngineSnapshot | null;
  policy: Policy | null;
}

/** One replayer per database, kept while the process lives and moved forward with the log. */
const replayers = new WeakMap<object, { replayer: OpLogReplayer; busy: Promise<unknown> }>();

/**
 * The runtime does not expose its engine's clocks (which D1 window is open, when R2 and R3 fall
 * due): the stored op log is replayed with the engine the way the runtime applies it
 * (`OpLogReplayer`, deterministic, so the same state), once per process and then only the ops
 * since the last read.
 */
export async function engineState(db: AdminDb): Promise<EngineState> {
  let entry = replayers.get(db);
  if (entry === undefined) {
    entry = { replayer: new OpLogReplayer(false), busy: Promise.resolve() };
    replayers.set(db, entry);
  }
  const held = entry;
  const run = held.busy.then(async () => {
    const head = await readHead(storeDb(db));
    if (head.opSeq < held.replayer.opSeq) held.replayer = new OpLogReplayer(false);
    if (head.opSeq > held.replayer.opSeq) for await (const op of readOps(storeDb(db), held.replayer.opSeq, head.opSeq)) held.replayer.apply(op);
    return { snapshot: held.replayer.engine?.snapshot() ?? null, policy: held.replayer.inForce?.policy ?? null };
  });
  held.busy = run.catch(() => undefined);
  return run;
}
