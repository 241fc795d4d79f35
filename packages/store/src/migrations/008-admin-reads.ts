import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * Indexes the admin's pages read by, so that none of them scans the event log:
 *
 * - `events_at`: events by their `at` — the weekly report's registrations, hand-outs and
 *   follow-up contacts of one week, an audit's hotline calls while a ban ran, the first event
 *   (the oldest week). Events had only `seq` and `event_id` indexed.
 * - `events_staff`: the staff events (`staff.joined`, `staff.left`), a partial index: the
 *   roster of the people pages and the reports reads the few thousand of them, not the whole
 *   log; other events add no entry to it.
 */
export const adminReads: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create index if not exists events_at on events (at)`.execute(db);
    await sql`create index if not exists events_staff on events (seq) where type in ('staff.joined', 'staff.left')`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`drop index if exists events_staff`.execute(db);
    await sql`drop index if exists events_at`.execute(db);
  },
};
