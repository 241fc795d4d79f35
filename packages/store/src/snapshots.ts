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

/** Snapshots kept: the newest and a couple before it. */
const KEEP = 3;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Saves a state at op `seq`, gzipped (engine states compress about tenfold, and a large one is
 * tens of megabytes of JSON). A second snapshot of the same op is ignored: states at one op are equal.
 */
export async function saveSnapshot(db: Kysely<Database>, seq: number, state: unknown, at: Date): Promise<void> {
  const json = JSON.stringify(state);
  const packed = await gzipAsync(Buffer.from(json, 'utf8'), { level: 1 });
  await db
    .insertInto('snapshots')
    .values({ seq, state: packed, state_hash: sha256(json), size: json.length, taken_at: at })
    .onConflict((oc) => oc.column('seq').doNothing())
    .execute();
  // Older snapshots are never read while newer ones load; keep a few in case the newest is damaged.
  const keep = await db.selectFrom('snapshots').select('seq').orderBy('seq', 'desc').limit(1).offset(KEEP - 1).executeTakeFirst();
  if (keep !== undefined) await db.deleteFrom('snapshots').where('seq', '<', keep.seq).execute();
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
