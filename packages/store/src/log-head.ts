import type { Kysely } from 'kysely';
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

/** Moves the head; call only inside `Store.writeTransaction`, after writing the rows it names. */
export async function writeHead(db: Kysely<Database>, head: LogHead, at: Date): Promise<void> {
  await db
    .updateTable('log_head')
    .set({ op_seq: head.opSeq, decision_seq: head.decisionSeq, event_hash: head.eventHash, decision_hash: head.decisionHash, updated_at: at })
    .where('id', '=', 1)
    .execute();
}
