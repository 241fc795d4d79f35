import { sql } from 'kysely';
import type { Transaction } from 'kysely';
import type { Database } from './database.js';
import type { Store } from './open-store.js';
import { ALLOT_LOCK_CLASS, writerLockKey } from './write-lock.js';

/**
 * A run of write transactions that no other writer can come between: one connection holds the
 * writer lock as a session lock (`pg_advisory_lock`) from `openWriteSession` to `close`, and
 * runs the transactions. A writer that knows its next transactions in advance (a runtime with
 * ingest calls queued) can then prepare the next one while the current one commits: nothing
 * can change the log in between.
 */
export interface WriteSession {
  /** Like `Store.writeTransaction`, on the session's connection, which holds the writer lock already. */
  writeTransaction<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  /** When the session took the lock (ms since the epoch, process clock), to keep sessions short. */
  readonly openedAt: number;
  /** Releases the lock and the connection. Never throws: a dead connection has released the lock already. */
  close(): Promise<void>;
}

/**
 * Opens a write session (PostgreSQL only: undefined for PGlite, where one connection serves the
 * process and sessions would gain nothing). Waits for the writer lock like any writer. Writers
 * waiting for the lock wait for the whole session: keep it short (close it after a second or so
 * and open another, which queues behind them). Any other write through this store while the
 * session is open waits for it too, so do all writes through the session until it is closed.
 */
export async function openWriteSession(store: Store): Promise<WriteSession | undefined> {
  if (store.backend !== 'postgres') return undefined;
  const key = writerLockKey(store.schema);
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let connected!: (db: typeof store.db) => void;
  const connection = new Promise<typeof store.db>((resolve) => {
    connected = resolve;
  });
  // kysely releases the connection when the callback resolves, i.e. at close().
  const done = store.db.connection().execute(async (db) => {
    connected(db);
    await held;
  });
  const db = await Promise.race([connection, done.then(() => undefined)]);
  if (db === undefined) throw new Error('allot store: could not open a write session');
  try {
    await sql`select pg_advisory_lock(${sql.lit(ALLOT_LOCK_CLASS)}, ${sql.lit(key)})`.execute(db);
  } catch (error) {
    release();
    await done.catch(() => undefined);
    throw error;
  }
  return {
    openedAt: Date.now(),
    // No transaction lock: the session's lock keeps every other writer out until close().
    writeTransaction: (fn) => db.transaction().execute(fn),
    async close() {
      try {
        await sql`select pg_advisory_unlock(${sql.lit(ALLOT_LOCK_CLASS)}, ${sql.lit(key)})`.execute(db);
      } catch {
        // The connection is gone, and the lock with it.
      }
      release();
      await done.catch(() => undefined);
    },
  };
}
