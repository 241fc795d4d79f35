import type { Decision } from '@allot/engine';
import { insertTick } from '@allot/store';
import { ProjectionBatch } from './projection-batch.js';
import type { WriteContext } from './write-context.js';

/** What `tick` did. */
export interface TickResult {
  /** The instant ticked to (ISO-8601, UTC). */
  at: string;
  /** False when the runtime's time was already at or past it: nothing to do, nothing recorded. */
  recorded: boolean;
  /** Deadlines that fell due, in order. */
  decisions: Decision[];
}

/**
 * The body of a tick, inside the write transaction: moves the runtime's time to `at`, firing
 * every deadline up to it, and records the tick (an op: a replay needs to know time moved) and
 * its decisions. Two runtimes ticking at once take turns on the writer lock; the second finds
 * the time already moved and the deadlines fired, so each fires exactly once.
 */
export async function tickLocked(ctx: WriteContext, at: number): Promise<TickResult> {
  const iso = new Date(at).toISOString();
  if (at <= ctx.host.horizon) return { at: iso, recorded: false, decisions: [] };
  const seq = ctx.writer.nextOpSeq();
  const decisions = ctx.host.tick(at, seq);
  await insertTick(ctx.trx, { seq, at: iso, recordedAt: ctx.now.toISOString() });
  const projections = new ProjectionBatch();
  for (const d of decisions) {
    projections.addStaffEffect(d, ctx.writer.decision(d, seq));
    projections.addDecision(d);
  }
  const engine = ctx.host.engine;
  if (engine !== undefined) for (const id of engine.takePauseChanges()) projections.setPausesLeft(id, engine.pausesLeft(id));
  await ctx.writer.flush(ctx.trx, undefined);
  await projections.write(ctx.trx, ctx.now, ctx.clientCache);
  return { at: iso, recorded: true, decisions };
}
