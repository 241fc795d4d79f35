import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * Cancelling a scheduled publication is an op of the log, never a deletion: a row of
 * `policy_cancellations` at its own op seq names the publication (`publish_seq`) it takes off
 * the timeline before its effective time. The publication row stays (its content, hash, effective
 * time and publish seq never change); only its status may go from `published` back to
 * `approved`, and only once a cancellation names it. Cancellations are append-only and, like
 * every op, come with the log head's move in the same transaction (the log guard).
 */
const UP = [
  `create table policy_cancellations (
     seq bigint primary key,
     policy_id text not null,
     version text not null,
     publish_seq bigint not null unique references policy_versions (publish_seq),
     recorded_at timestamptz not null,
     actor text,
     note text
   )`,
  `create trigger policy_cancellations_append_only before update or delete on policy_cancellations for each row execute function allot_append_only()`,
  `create trigger policy_cancellations_no_truncate before truncate on policy_cancellations for each statement execute function allot_append_only()`,
  `create function allot_note_cancellation() returns trigger language plpgsql as $$
   begin
     perform allot_note_log_rows('op', new.seq, new.seq);
     return null;
   end $$`,
  `create trigger policy_cancellations_with_head after insert on policy_cancellations
     for each row execute function allot_note_cancellation()`,
  `create or replace function allot_guard_policy_version() returns trigger language plpgsql as $$
   begin
     if tg_op = 'TRUNCATE' then
       raise exception 'allot: policy_versions cannot be truncated (published versions are permanent)' using errcode = 'P0001';
     end if;
     if tg_op = 'DELETE' then
       if old.publish_seq is not null then
         raise exception 'allot: policy % version % was published and cannot be deleted', old.policy_id, old.version using errcode = 'P0001';
       end if;
       return old;
     end if;
     if old.publish_seq is not null and (
          new.policy_id is distinct from old.policy_id or new.version is distinct from old.version
          or new.content is distinct from old.content or new.hash is distinct from old.hash
          or new.effective_from is distinct from old.effective_from or new.publish_seq is distinct from old.publish_seq
          or (new.status not in ('published', 'retired') and not (
                new.status = 'approved' and exists (select 1 from policy_cancellations c where c.publish_seq = old.publish_seq)))) then
       raise exception 'allot: policy % version % was published: its content, hash and effective time cannot change', old.policy_id, old.version using errcode = 'P0001';
     end if;
     return new;
   end $$`,
];

const DOWN = [
  'drop trigger policy_cancellations_with_head on policy_cancellations',
  'drop function allot_note_cancellation()',
  'drop table policy_cancellations',
];

/** A scheduled publication can be cancelled by an op of the log (see above). */
export const scheduleCancellations: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of UP) await sql.raw(statement).execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const statement of DOWN) await sql.raw(statement).execute(db);
  },
};
