import type { Kysely } from 'kysely';
import type { Database } from './database.js';

/** One stored tick: the runtime's time moved to `at` at this place in the op log. */
export interface StoredTick {
  seq: number;
  at: Date;
  recordedAt: Date;
}

/** Appends a tick. */
export async function insertTick(db: Kysely<Database>, tick: { seq: number; at: string; recordedAt: string }): Promise<void> {
  await db.insertInto('ticks').values({ seq: tick.seq, at: tick.at, recorded_at: tick.recordedAt }).execute();
}

/** Ticks with `afterSeq < seq <= toSeq`, in seq order. */
export async function readTicks(db: Kysely<Database>, range: { afterSeq: number; toSeq?: number; limit: number }): Promise<StoredTick[]> {
  let query = db.selectFrom('ticks').selectAll().where('seq', '>', range.afterSeq);
  if (range.toSeq !== undefined) query = query.where('seq', '<=', range.toSeq);
  const rows = await query.orderBy('seq').limit(range.limit).execute();
  return rows.map((r) => ({ seq: Number(r.seq), at: r.at, recordedAt: r.recorded_at }));
}
