import { sql } from 'kysely';
import type { Transaction } from 'kysely';
import { runCopyScript } from './copy-rows.js';
import type { Database } from './database.js';
import type { EncodedDecisions } from './decisions.js';
import type { EncodedEvents } from './events.js';
import { EVENT_COPY_SQL } from './events.js';
import { DECISION_COPY_SQL } from './decisions.js';
import { moveHeadText } from './log-head.js';
import type { LogHead } from './log-head.js';
import type { Store } from './open-store.js';
import { projectionUpsertTexts } from './projections.js';
import type { ClientState, StaffStatusDelta } from './projections.js';
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
  /**
   * Writes one prepared batch and commits it in a single round trip: one message carrying
   * `begin`, the COPYs of its events and decisions, the projection upserts, the head's move
   * from `batch.from` (which fails unless the head is there) and `commit`. The server asks for
   * each COPY's data in turn and the answer goes out from the socket's callback, so the batch
   * does not wait for this process between statements. All or nothing, like any transaction.
   */
  commitBatch(batch: BatchWrite): Promise<void>;
  /** Whether another session is waiting for the writer lock (so this one should let it go soon). */
  othersWaiting(): Promise<boolean>;
  /** Releases the lock and the connection. Never throws: a dead connection has released the lock already. */
  close(): Promise<void>;
}

/** Everything one batch writes (see `WriteSession.commitBatch`). */
export interface BatchWrite {
  events: EncodedEvents;
  decisions: EncodedDecisions;
  staff: readonly StaffStatusDelta[];
  clients: readonly ClientState<string>[];
  /** The head the batch was prepared on, and the head after it. */
  from: LogHead;
  to: LogHead;
  /** The time of the write (`updated_at` of the rows it changes). */
  at: Date;
  /** Statements run right after the decisions' COPY (the outbox's, `decisionOutboxTexts`). */
  outboxTexts?: readonly string[];
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
  // `done` settles before `connection` only when no connection could be had.
  const ended = done.then(() => undefined);
  ended.catch(() => undefined);
  const db = await Promise.race([connection, ended]);
  if (db === undefined) throw new Error('allot store: could not open a write session');
  try {
    await sql`select pg_advisory_lock(${sql.lit(ALLOT_LOCK_CLASS)}, ${sql.lit(key)})`.execute(db);
  } catch (error) {
    release();
    await done.catch(() => undefined);
    throw error;
  }
  return {
    // No transaction lock: the session's lock keeps every other writer out until close().
    writeTransaction: (fn) => db.transaction().execute(fn),
    async commitBatch(batch) {
      const statements = ['begin'];
      const data: Buffer[] = [];
      for (const [encoded, copy] of [[batch.events, EVENT_COPY_SQL], [batch.decisions, DECISION_COPY_SQL]] as const) {
        if (encoded.count === 0) continue;
        if (encoded.copy === undefined) throw new Error('allot store: rows encoded for another backend');
        statements.push(copy);
        data.push(encoded.copy);
      }
      statements.push(...(batch.outboxTexts ?? []), ...projectionUpsertTexts(batch.staff, batch.clients, batch.at), moveHeadText(batch.to, batch.from, batch.at), 'commit');
      let tags: string[];
      try {
        tags = (await runCopyScript(db, statements.join(';\n'), data)).tags;
      } catch (error) {
        // The statements after the failed one were skipped; end the aborted transaction.
        await sql`rollback`.execute(db).catch(() => undefined);
        throw error;
      }
      if (tags[tags.length - 1] !== 'COMMIT') {
        await sql`rollback`.execute(db).catch(() => undefined);
        throw new Error(`allot store: the batch did not commit (${tags.join(', ')})`);
      }
    },
    async othersWaiting() {
      // A two-key advisory lock shows in pg_locks as classid = first key, objid = second, objsubid = 2.
      const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_locks
        where locktype = 'advisory' and not granted and classid = ${ALLOT_LOCK_CLASS} and objid = ${key} and objsubid = 2`.execute(store.db);
      return (waiting.rows[0]?.n ?? 0) > 0;
    },
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
