import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * `decisions_superseded`: the `decision.superseded` decisions by the decision they take back
 * (`payload->>'decisionId'`), a partial index (other decisions add no entry to it). Every read
 * that counts a sanction an appeal or a dismissal superseded as gone (`notSuperseded`: the weekly
 * report, the people pages, the audit search) asks, for each decision it reads, whether one
 * supersedes it; without the index each such query scanned the whole decisions table for the
 * few superseding ones (≈ 90 ms a query on a year of 527,000 decisions, several per page).
 */
export const supersededIndex: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await sql`create index if not exists decisions_superseded on decisions ((payload->>'decisionId')) where kind = 'decision.superseded'`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`drop index if exists decisions_superseded`.execute(db);
  },
};
