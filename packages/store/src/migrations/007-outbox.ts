import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * `outbox`: what the outside world is told about, written in the transaction that records it.
 * A decision's row only points at the decision (`decision_seq`; the body is the decision row's
 * payload, never copied), a workflow event carries its own `payload`. Rows are numbered in
 * commit order: every transaction that adds rows takes the outbox lock first (see outbox.ts),
 * so a reader following `seq` never passes a row that commits later.
 */
export const outbox: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create table if not exists outbox (
      seq bigserial primary key,
      event_id text not null,
      type text not null,
      decision_seq bigint,
      payload json,
      created_at timestamptz not null,
      check ((decision_seq is null) <> (payload is null))
    )`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`drop table if exists outbox`.execute(db);
  },
};
