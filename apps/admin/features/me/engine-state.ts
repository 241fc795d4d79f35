/**
 * The engine's state at the head of the stored log, for 我的状态: open clocks and the version in
 * force.
 */
import type { EngineSnapshot, AnyPolicy as Policy } from '@allot/engine';
import { LogReplay } from '@allot/runtime';
import { readHead } from '@allot/store';
import { storeDb } from '../shared/database';
import type { AdminDb } from '../shared/database';
import { processWide } from '../shared/process-wide';

/** The engine's state at the head of the stored log: its clients' open clocks, and the version in force. */
export interface EngineState {
  snapshot: EngineSnapshot | null;
  policy: Policy | null;
}

/** One replay per database, kept while the process lives and moved forward with the log; the state of its last head. */
const replays = processWide('me.engine-state', () => new WeakMap<object, { replay: LogReplay | null; state: EngineState | null; busy: Promise<unknown> }>());

/**
 * The runtime does not expose its engine's clocks (which D1 window is open, when R2 and R3 fall
 * due): the runtime's own host is restored from the newest snapshot and the ops after it are
 * applied (`LogReplay`, the code ingest runs, so the same state), once per process; then only the
 * ops since the last read. The state is taken once per head of the log.
 */
export async function engineState(db: AdminDb): Promise<EngineState> {
  let entry = replays.get(db);
  if (entry === undefined) {
    entry = { replay: null, state: null, busy: Promise.resolve() };
    replays.set(db, entry);
  }
  const held = entry;
  const run = held.busy.then(async (): Promise<EngineState> => {
    const s = storeDb(db);
    const head = await readHead(s);
    if (held.replay !== null && held.state !== null && held.replay.opSeq === head.opSeq) return held.state;
    if (held.replay === null || head.opSeq < held.replay.opSeq) held.replay = await LogReplay.at(s, head.opSeq);
    else for await (const _ of held.replay.ops(head.opSeq)) {
      // applied; the decisions are already recorded
    }
    held.state = { snapshot: held.replay.engine?.snapshot() ?? null, policy: held.replay.policy ?? null };
    return held.state;
  });
  held.busy = run.catch(() => undefined);
  return run;
}
