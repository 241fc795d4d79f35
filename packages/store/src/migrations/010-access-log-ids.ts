import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * One access-log row per request: `access_log.client_ids` (`text[]`) holds every client whose
 * data one read returned (a page of decisions names many), instead of one row per client per
 * page. A GIN index keeps "who read this client's data" an index lookup. `client_id` stays for
 * reads of one client (and for the rows written before).
 */
export const accessLogIds: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`alter table access_log add column if not exists client_ids text[]`.execute(db);
    await sql`create index if not exists access_log_client_ids on access_log using gin (client_ids)`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`drop index if exists access_log_client_ids`.execute(db);
    await sql`alter table access_log drop column if exists client_ids`.execute(db);
  },
};
