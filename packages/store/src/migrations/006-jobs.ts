import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * `jobs`: long work (Verify, what-if) run as jobs, with progress, a cancel request and the
 * result kept. On PostgreSQL the queue itself is pg-boss's (its own schema); this table is what
 * people see, on both backends.
 */
export const jobs: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create table if not exists jobs (
      id text primary key,
      kind text not null,
      params json not null,
      status text not null check (status in ('queued', 'running', 'done', 'failed', 'cancelled')),
      progress real not null default 0,
      detail text,
      result json,
      error text,
      cancel_requested boolean not null default false,
      requested_by text,
      created_at timestamptz not null,
      started_at timestamptz,
      finished_at timestamptz
    )`.execute(db);
    await sql`create index if not exists jobs_by_time on jobs (created_at desc)`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`drop table if exists jobs`.execute(db);
  },
};
