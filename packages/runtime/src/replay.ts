import type { Engine, AnyPolicy as Policy } from '@allot/engine';
import type { StoreDb } from '@allot/store';
import { applyOp, applyOpsTo, restoreHost, type OpResult } from './catch-up.js';
import type { EngineHost } from './engine-host.js';
import { readOps, type Op } from './read-ops.js';
import { TimeSlice } from './time-slice.js';

/**
 * A replay of the stored op log that starts from the nearest snapshot, never from the first op
 * when a snapshot is at hand: the state at op `atOpSeq` is the runtime's own (the same host, the
 * same code as live ingest and catch-up), and every op after it is applied one at a time, the
 * way the runtime applied it. Read-only: nothing is recorded. The admin's explorer, Verify of a
 * period and what-if start here instead of replaying the history from the start.
 */
export class LogReplay {
  private constructor(
    private readonly db: StoreDb,
    private readonly host: EngineHost,
    /** The snapshot it started from (0: none, replayed from the first op). */
    readonly snapshotSeq: number,
  ) {}

  /**
   * The state after op `atOpSeq` (0: before the first op): restored from the latest usable
   * snapshot at or before it, then the ops up to it applied. an aborted `signal` stops it (its reason is thrown).
   */
  static async at(db: StoreDb, atOpSeq: number, options: { signal?: AbortSignal } = {}): Promise<LogReplay> {
    const { host, snapshotSeq } = await restoreHost(db, atOpSeq);
    const replay = new LogReplay(db, host, snapshotSeq);
    // Applied as catch-up applies them (the decisions are already recorded).
    await applyOpsTo(db, host, atOpSeq, options.signal);
    return replay;
  }

  /** The last op applied. */
  get opSeq(): number {
    return this.host.opSeq;
  }

  /** The runtime's time after it (epoch ms; -Infinity before any op). */
  get horizon(): number {
    return this.host.horizon;
  }

  /** The engine (undefined before the first publication). */
  get engine(): Engine | undefined {
    return this.host.engine;
  }

  /** The policy in force (undefined before the first publication). */
  get policy(): Policy | undefined {
    return this.host.timeline.inForce?.policy;
  }

  /**
   * Applies the ops after the current one, up to `toOpSeq` (default: every stored op), yielding
   * each with what it decided. `beforeEvent` is told, for each event, once every deadline
   * before it has fired and the version in force at its instant governs: the state the event
   * meets. Yields to other work now and then; an aborted `signal` stops it (its reason is thrown).
   */
  async *ops(
    toOpSeq: number = Number.MAX_SAFE_INTEGER,
    options: { signal?: AbortSignal; beforeEvent?: (op: Extract<Op, { kind: 'event' }>, engine: Engine) => void } = {},
  ): AsyncGenerator<{ op: Op; result: OpResult }> {
    const slice = new TimeSlice();
    for await (const op of readOps(this.db, this.host.opSeq, toOpSeq)) {
      options.signal?.throwIfAborted();
      const before = options.beforeEvent;
      const result = op.kind === 'event' && before !== undefined ? applyOp(this.host, op, (engine) => before(op, engine)) : applyOp(this.host, op);
      yield { op, result };
      if (slice.due()) await slice.rest();
    }
  }
}
