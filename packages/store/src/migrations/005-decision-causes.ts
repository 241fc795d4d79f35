import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * A GIN index on `decisions.cause` (the cause event ids, `text[]`): "the later decisions citing
 * any of these events" (`cause && array[...]`, the audit explorer's downstream) is an index
 * lookup instead of a scan of every later decision. GIN's pending list (`fastupdate`, the
 * default) keeps the cost at ingest small: new entries are merged into the index in bulk.
 */
export const decisionCauses: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create index if not exists decisions_cause_gin on decisions using gin (cause)`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`drop index if exists decisions_cause_gin`.execute(db);
  },
};
