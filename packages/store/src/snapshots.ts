import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { Database } from './database.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** A saved runtime state: the JSON value the runtime gave, at an op of the log. */
export interface StoredSnapshot {
  seq: number;
  state: unknown;
  takenAt: Date;
}

/** The newest snapshots kept whatever their spacing (a restart's or `close()`'s may be close together). */
const KEEP = 3;
/** Default width of the windows of ops in which one older snapshot is kept (see `saveSnapshot`). */
export const SNAPSHOT_KEEP_EVERY = 200_000;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Saves a state at op `seq`, gzipped (engine states compress about tenfold, and a large one is
 * tens of megabytes of JSON). A second snapshot of the same op is ignored: states at one op are equal.
 *
 * Retention: the three newest are kept (in case the newest is damaged), and of the older ones
 * the newest in each window of `keepEvery` ops (`floor(seq / keepEvery)`; default 200,000), so a
 * replay that must start before a given op (Verify of a period, the admin's replays) finds a
 * snapshot at most about two windows before it. A runtime whose snapshots are at most
 * `keepEvery` ops apart keeps one per window: about ten on a year of 1.8 million ops.
 */
export async function saveSnapshot(db: Kysely<Database>, seq: number, state: unknown, at: Date, options: { keepEvery?: number } = {}): Promise<void> {
  const keepEvery = options.keepEvery ?? SNAPSHOT_KEEP_EVERY;
  if (!Number.isSafeInteger(keepEvery) || keepEvery < 1) throw new Error(`saveSnapshot: keepEvery must be a positive integer, got ${String(keepEvery)}`);
  const json = JSON.stringify(state);
  const packed = await gzipAsync(Buffer.from(json, 'utf8'), { level: 1 });
  await db
    .insertInto('snapshots')
    .values({ seq, state: packed, state_hash: sha256(json), size: json.length, taken_at: at })
    .onConflict((oc) => oc.column('seq').doNothing())
    .execute();
  await pruneSnapshots(db, keepEvery);
}

/** Deletes the snapshots the retention rule of `saveSnapshot` does not keep. */
export async function pruneSnapshots(db: Kysely<Database>, keepEvery: number): Promise<void> {
  const newest = await db.selectFrom('snapshots').select('seq').orderBy('seq', 'desc').limit(1).offset(KEEP - 1).executeTakeFirst();
  if (newest === undefined) return;
  const older = (await db.selectFrom('snapshots').select('seq').where('seq', '<', newest.seq).orderBy('seq').execute()).map((r) => Number(r.seq));
  // The newest of each window survives: with rows in seq order, a row is dropped when the next one is in its window.
  const drop = older.filter((s, i) => {
    const next = older[i + 1];
    return next !== undefined && Math.floor(next / keepEvery) === Math.floor(s / keepEvery);
  });
  if (drop.length > 0) await db.deleteFrom('snapshots').where('seq', 'in', drop).execute();
}

/** The op seqs of the stored snapshots, oldest first (with when each was taken). */
export async function listSnapshots(db: Kysely<Database>): Promise<{ seq: number; takenAt: Date; size: number }[]> {
  const rows = await db.selectFrom('snapshots').select(['seq', 'taken_at', 'size']).orderBy('seq').execute();
  return rows.map((r) => ({ seq: Number(r.seq), takenAt: r.taken_at, size: Number(r.size) }));
}

/**
 * The latest snapshot at or before op `atOrBefore`, or undefined. A snapshot whose content does
 * not match its recorded hash is skipped (a cache must never feed a corrupted state).
 */
export async function latestSnapshot(db: Kysely<Database>, atOrBefore: number): Promise<StoredSnapshot | undefined> {
  const candidates = await db.selectFrom('snapshots').select(['seq']).where('seq', '<=', atOrBefore).orderBy('seq', 'desc').limit(3).execute();
  for (const { seq } of candidates) {
    const row = await db.selectFrom('snapshots').selectAll().where('seq', '=', seq).executeTakeFirst();
    if (row === undefined) continue;
    const json = (await gunzipAsync(row.state)).toString('utf8');
    if (sha256(json) !== row.state_hash) continue;
    return { seq: Number(row.seq), state: JSON.parse(json) as unknown, takenAt: row.taken_at };
  }
  return undefined;
}

/** The op of the newest snapshot at or before op `atOrBefore` (its state unread), or undefined. */
export async function snapshotSeqAtOrBefore(db: Kysely<Database>, atOrBefore: number): Promise<number | undefined> {
  const row = await db.selectFrom('snapshots').select(['seq']).where('seq', '<=', atOrBefore).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row === undefined ? undefined : Number(row.seq);
}
