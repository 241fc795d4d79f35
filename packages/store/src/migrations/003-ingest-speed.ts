import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * Cheaper writes for ingest, with the same data and the same answers to every query:
 *
 * - Identifier columns compare bytewise (`collate "C"`). Their unique and lookup indexes are
 *   maintained on every insert, and with a locale's collation (the database default, e.g.
 *   `en_US.UTF-8`, even `C.UTF-8` on PostgreSQL 15) every comparison goes through `strcoll`:
 *   measured on PostgreSQL 15, a batch of decisions inserted in half the time. Equality, which
 *   is all the code asks of these columns, is the same under any deterministic collation.
 * - The projections leave a fifth of each page free, so an upsert that does not change an
 *   indexed column can be a HOT update (no new index entries).
 */
const UP = [
  `alter table events alter column event_id type text collate "C"`,
  `alter table decisions
     alter column decision_id type text collate "C",
     alter column staff_id type text collate "C",
     alter column client_id type text collate "C"`,
  `alter table client_state
     alter column client_id type text collate "C",
     alter column owner_id type text collate "C"`,
  `alter table staff_status alter column staff_id type text collate "C"`,
  'alter table client_state set (fillfactor = 80)',
  'alter table staff_status set (fillfactor = 80)',
];

const DOWN = [
  'alter table staff_status reset (fillfactor)',
  'alter table client_state reset (fillfactor)',
  'alter table staff_status alter column staff_id type text collate "default"',
  `alter table client_state
     alter column client_id type text collate "default",
     alter column owner_id type text collate "default"`,
  `alter table decisions
     alter column decision_id type text collate "default",
     alter column staff_id type text collate "default",
     alter column client_id type text collate "default"`,
  'alter table events alter column event_id type text collate "default"',
];

/** Bytewise identifier columns and room for HOT updates of the projections (see above). */
export const ingestSpeed: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of UP) await sql.raw(statement).execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const statement of DOWN) await sql.raw(statement).execute(db);
  },
};
