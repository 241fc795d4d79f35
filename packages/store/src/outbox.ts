import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { dollarQuoted } from './copy-rows.js';
import type { Database } from './database.js';
import { ALLOT_LOCK_CLASS } from './write-lock.js';

/**
 * The transactional outbox. Writers add rows inside the transaction that records what they
 * tell of; readers (webhook and notification dispatchers) follow `seq`.
 *
 * `seq` is a sequence, and a sequence number is taken at insert, not at commit: two
 * transactions could commit in the other order, and a reader that has passed the larger number
 * would never see the smaller one. So every transaction that adds rows first takes the outbox
 * lock (`pg_advisory_xact_lock`, released by commit or rollback): the rows of one transaction
 * are numbered only after every earlier one has committed, and `seq` order is commit order.
 */

/**
 * The statement that takes the outbox lock of the current schema for the rest of the
 * transaction (its second key is computed by the server from `current_schema()`, so every
 * writer, the runtime's or the admin app's, names the same lock without being told the schema).
 */
export const OUTBOX_LOCK_TEXT = `select pg_advisory_xact_lock(${ALLOT_LOCK_CLASS}, hashtext('allot-outbox:' || current_schema()))`;

const int = (n: number): string => {
  if (!Number.isSafeInteger(n)) throw new TypeError(`allot store: ${n} is not an integer`);
  return String(n);
};

/**
 * The statements that add the decisions numbered `after + 1 … upTo` (already inserted in this
 * transaction) to the outbox: the lock, then one insert-select on the server (the decision's
 * body stays in `decisions`; nothing more is sent from here).
 */
export function decisionOutboxTexts(after: number, upTo: number): string[] {
  if (upTo <= after) return [];
  return [
    OUTBOX_LOCK_TEXT,
    `insert into outbox (event_id, type, decision_seq, created_at) select decision_id, 'decision', seq, recorded_at from decisions where seq > ${int(after)} and seq <= ${int(upTo)} order by seq`,
  ];
}

/** Adds decisions `after + 1 … upTo` to the outbox (inside the transaction that inserted them). */
export async function insertDecisionOutbox(db: Kysely<Database>, after: number, upTo: number): Promise<void> {
  for (const text of decisionOutboxTexts(after, upTo)) await sql.raw(text).execute(db);
}

/** A workflow event: policy submitted / approved / rejected / published / scheduled, access request filed / approved / rejected, ... */
export interface WorkflowEvent {
  /** Unique; the webhook-id of every delivery of it. */
  id: string;
  /** e.g. `policy.submitted`, `access.approved`. */
  type: string;
  at: Date;
  /** The event's body as sent (JSON). */
  payload: Record<string, unknown>;
}

/** Adds a workflow event to the outbox (call inside the transaction that records the step). */
export async function appendWorkflowEvent(db: Kysely<Database>, event: WorkflowEvent): Promise<void> {
  await sql.raw(OUTBOX_LOCK_TEXT).execute(db);
  await db.insertInto('outbox').values({ event_id: event.id, type: event.type, decision_seq: null, payload: JSON.stringify(event.payload), created_at: event.at }).execute();
}

/**
 * The statements that add workflow events to the outbox as plain SQL (the events inlined as
 * literals), for a multi-statement script such as `WriteSession.commitBatch`: the lock, then
 * one insert of every event in the given order. None for no events.
 */
export function workflowOutboxTexts(events: readonly WorkflowEvent[]): string[] {
  if (events.length === 0) return [];
  const rows = events.map((e) => {
    if (!Number.isFinite(e.at.getTime())) throw new TypeError(`allot store: workflow event ${e.id} has an invalid time`);
    return `(${dollarQuoted(e.id)}, ${dollarQuoted(e.type)}, ${dollarQuoted(JSON.stringify(e.payload))}::json, ${dollarQuoted(e.at.toISOString())}::timestamptz)`;
  });
  return [OUTBOX_LOCK_TEXT, `insert into outbox (event_id, type, payload, created_at) values ${rows.join(', ')}`];
}

/** Adds workflow events to the outbox, in order (inside the transaction that records them). */
export async function insertWorkflowOutbox(db: Kysely<Database>, events: readonly WorkflowEvent[]): Promise<void> {
  for (const text of workflowOutboxTexts(events)) await sql.raw(text).execute(db);
}

/** One outbox row as readers see it: a decision's body is its stored payload. */
export interface OutboxEntry {
  seq: number;
  eventId: string;
  type: string;
  /** The decision (SPEC §4) or the workflow event's payload. */
  body: Record<string, unknown>;
  /** For decisions: the columns filters look at. */
  decision: { seq: number; kind: string; rule: string; staffId: string | null; clientId: string | null } | null;
  createdAt: Date;
}

/** Outbox rows after `after`, oldest first (at most `limit`). */
export async function readOutbox(db: Kysely<Database>, after: number, limit = 500): Promise<OutboxEntry[]> {
  const rows = await db
    .selectFrom('outbox as o')
    .leftJoin('decisions as d', 'd.seq', 'o.decision_seq')
    .select(['o.seq', 'o.event_id', 'o.type', 'o.payload', 'o.created_at', 'o.decision_seq', 'd.payload as decision_payload', 'd.kind', 'd.rule', 'd.staff_id', 'd.client_id'])
    .where('o.seq', '>', after)
    .orderBy('o.seq')
    .limit(Math.max(1, Math.min(10_000, limit)))
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    eventId: r.event_id,
    type: r.type,
    body: (r.decision_seq === null ? r.payload : r.decision_payload) as Record<string, unknown>,
    decision: r.decision_seq === null ? null : { seq: Number(r.decision_seq), kind: r.kind ?? '', rule: r.rule ?? '', staffId: r.staff_id ?? null, clientId: r.client_id ?? null },
    createdAt: r.created_at,
  }));
}

/** One outbox row by event id (the newest, if an id was ever reused). */
export async function findOutboxEntry(db: Kysely<Database>, eventId: string): Promise<OutboxEntry | undefined> {
  const r = await db.selectFrom('outbox').select('seq').where('event_id', '=', eventId).orderBy('seq', 'desc').executeTakeFirst();
  if (r === undefined) return undefined;
  return (await readOutbox(db, Number(r.seq) - 1, 1))[0];
}

/** The number of the last outbox row (0 when empty). */
export async function outboxHead(db: Kysely<Database>): Promise<number> {
  const r = await db.selectFrom('outbox').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
  return r?.seq === null || r?.seq === undefined ? 0 : Number(r.seq);
}
