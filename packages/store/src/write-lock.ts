import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/** The first key of every advisory lock allot takes ("allo" in ASCII), so they never collide with other applications'. */
export const ALLOT_LOCK_CLASS = 0x616c6c6f;

/** The second key for migrations (shared by every schema: DDL on the catalog is what it guards). */
export const MIGRATION_LOCK_KEY = 0;

/**
 * The second key of the writer lock of one schema: a 31-bit FNV-1a hash of its name, so test
 * runs in different schemas do not wait for each other. Never 0 (the migration key).
 */
export function writerLockKey(schema: string | undefined): number {
  let h = 0x811c9dc5;
  for (const ch of schema ?? 'public') {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 1) | 1;
}

/**
 * Takes the writer lock for the rest of the current transaction (`pg_advisory_xact_lock`): every
 * process that writes the log takes it first, so writes are serialized across processes and the
 * lock is released by commit, rollback, or the backend's death.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: the lock is schema-independent
export async function takeWriterLock(trx: Kysely<any>, key: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(${sql.lit(ALLOT_LOCK_CLASS)}, ${sql.lit(key)})`.execute(trx);
}
