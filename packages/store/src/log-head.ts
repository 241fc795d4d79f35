import type { Kysely } from 'kysely';
import { dollarQuoted } from './copy-rows.js';
import type { Database } from './database.js';

/** Where the log ends: the last op and decision numbers and the last hashes of both chains. */
export interface LogHead {
  opSeq: number;
  decisionSeq: number;
  eventHash: string;
  decisionHash: string;
}

/** The hash a chain starts from (the `prev_hash` of its first row). */
export const GENESIS_HASH = '0'.repeat(64);

/** Reads the head. Inside a write transaction (after the writer lock) it is the head every writer sees. */
export async function readHead(db: Kysely<Database>): Promise<LogHead> {
  const row = await db.selectFrom('log_head').select(['op_seq', 'decision_seq', 'event_hash', 'decision_hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { opSeq: Number(row.op_seq), decisionSeq: Number(row.decision_seq), eventHash: row.event_hash, decisionHash: row.decision_hash };
}

/**
 * Moves the head; call only inside `Store.writeTransaction`, after writing the rows it names.
 * With `expected`, moves it only from there and throws when the head is elsewhere (the write was
 * prepared on a head that another writer moved), so the transaction rolls back.
 */
export async function writeHead(db: Kysely<Database>, head: LogHead, at: Date, expected?: LogHead): Promise<void> {
  let update = db
    .updateTable('log_head')
    .set({ op_seq: head.opSeq, decision_seq: head.decisionSeq, event_hash: head.eventHash, decision_hash: head.decisionHash, updated_at: at })
    .where('id', '=', 1);
  if (expected !== undefined) {
    update = update
      .where('op_seq', '=', expected.opSeq)
      .where('decision_seq', '=', expected.decisionSeq)
      .where('event_hash', '=', expected.eventHash)
      .where('decision_hash', '=', expected.decisionHash);
  }
  const result = await update.executeTakeFirst();
  if (expected !== undefined && Number(result.numUpdatedRows) !== 1) {
    throw new Error('allot store: the log head moved while this write was prepared (a writer that does not take the writer lock?); nothing of it was stored');
  }
}

/**
 * `writeHead` with `expected` as one plain SQL statement (for a multi-statement script): it
 * fails (so the transaction does not commit) unless it moved the head from `expected`.
 */
export function moveHeadText(head: LogHead, expected: LogHead, at: Date): string {
  const int = (n: number): string => {
    if (!Number.isSafeInteger(n)) throw new TypeError(`allot store: ${n} is not an integer`);
    return String(n);
  };
  // The cast fails with a message naming the problem when no row moved (it cannot be folded
  // away at planning: it depends on the count).
  return `with moved as (update log_head set op_seq = ${int(head.opSeq)}, decision_seq = ${int(head.decisionSeq)},
      event_hash = ${dollarQuoted(head.eventHash)}, decision_hash = ${dollarQuoted(head.decisionHash)}, updated_at = ${dollarQuoted(at.toISOString())}::timestamptz
    where id = 1 and op_seq = ${int(expected.opSeq)} and decision_seq = ${int(expected.decisionSeq)}
      and event_hash = ${dollarQuoted(expected.eventHash)} and decision_hash = ${dollarQuoted(expected.decisionHash)} returning 1)
  select case when count(*) = 1 then 1 else (count(*) || ' rows: allot: the log head moved while this write was prepared; nothing of it was stored')::int end from moved`;
}
