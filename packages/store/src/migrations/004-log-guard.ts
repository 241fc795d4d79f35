import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * The log's rows come with the head's move, or not at all. The append-only triggers refuse
 * UPDATE, DELETE and TRUNCATE; this refuses an INSERT into `events`, `ticks` or `decisions`
 * (and a version given a `publish_seq`) unless the same transaction moves `log_head` over it:
 * at commit every new op seq must lie in `(head before, head after]` of the op counter, every
 * new decision seq in that of the decision counter.
 *
 * How, cheaply: a statement trigger per insert notes the lowest and highest seq it wrote in
 * transaction-local settings (one trigger call per COPY, not per row) and queues one row in
 * `log_guard`, whose deferred constraint trigger does the check once at commit. A trigger on
 * `log_head` notes where the head stood before its first move in the transaction.
 */
const UP = [
  `create table log_guard (txid bigint primary key)`,
  `create function allot_note_log_rows(counter text, lo bigint, hi bigint) returns void language plpgsql as $$
   declare
     old_lo text := nullif(current_setting('allot.new_' || counter || '_lo', true), '');
     old_hi text := nullif(current_setting('allot.new_' || counter || '_hi', true), '');
   begin
     if lo is null then return; end if;
     if old_lo is null or lo < old_lo::bigint then perform set_config('allot.new_' || counter || '_lo', lo::text, true); end if;
     if old_hi is null or hi > old_hi::bigint then perform set_config('allot.new_' || counter || '_hi', hi::text, true); end if;
     if nullif(current_setting('allot.guard_queued', true), '') is null then
       insert into log_guard (txid) values (txid_current()) on conflict do nothing;
       perform set_config('allot.guard_queued', '1', true);
     end if;
   end $$`,
  `create function allot_note_inserted() returns trigger language plpgsql as $$
   declare lo bigint; hi bigint;
   begin
     select min(seq), max(seq) into lo, hi from inserted;
     perform allot_note_log_rows(tg_argv[0], lo, hi);
     return null;
   end $$`,
  ...[['events', 'op'], ['ticks', 'op'], ['decisions', 'decision']].map(
    ([table, counter]) =>
      `create trigger ${table}_with_head after insert on ${table} referencing new table as inserted
         for each statement execute function allot_note_inserted('${counter}')`,
  ),
  `create function allot_note_publish() returns trigger language plpgsql as $$
   begin
     if new.publish_seq is not null and (tg_op = 'INSERT' or old.publish_seq is distinct from new.publish_seq) then
       perform allot_note_log_rows('op', new.publish_seq, new.publish_seq);
     end if;
     return null;
   end $$`,
  `create trigger policy_versions_with_head after insert or update on policy_versions
     for each row execute function allot_note_publish()`,
  `create function allot_note_head_move() returns trigger language plpgsql as $$
   begin
     if nullif(current_setting('allot.head_from_op', true), '') is null then
       perform set_config('allot.head_from_op', old.op_seq::text, true);
       perform set_config('allot.head_from_decision', old.decision_seq::text, true);
     end if;
     return null;
   end $$`,
  `create trigger log_head_moved after update on log_head for each row execute function allot_note_head_move()`,
  `create function allot_check_log_rows() returns trigger language plpgsql as $$
   declare
     head record;
     counter text;
     lo bigint;
     hi bigint;
     head_from bigint;
     head_to bigint;
   begin
     delete from log_guard where txid = new.txid;
     select op_seq, decision_seq into head from log_head where id = 1;
     foreach counter in array array['op', 'decision'] loop
       lo := nullif(current_setting('allot.new_' || counter || '_lo', true), '')::bigint;
       hi := nullif(current_setting('allot.new_' || counter || '_hi', true), '')::bigint;
       continue when lo is null;
       head_from := nullif(current_setting('allot.head_from_' || counter, true), '')::bigint;
       head_to := case when counter = 'op' then head.op_seq else head.decision_seq end;
       if head_from is null or lo <= head_from or hi > head_to then
         raise exception 'allot: % rows % to % were inserted without the log head moving over them in the same transaction (the log head is at %); the log only grows through the runtime',
           case when counter = 'op' then 'op log' else 'decision' end, lo, hi, head_to using errcode = 'P0001';
       end if;
     end loop;
     return null;
   end $$`,
  `create constraint trigger log_guard_check after insert on log_guard deferrable initially deferred
     for each row execute function allot_check_log_rows()`,
];

const DOWN = [
  'drop trigger log_guard_check on log_guard',
  'drop function allot_check_log_rows()',
  'drop trigger log_head_moved on log_head',
  'drop function allot_note_head_move()',
  'drop trigger policy_versions_with_head on policy_versions',
  'drop function allot_note_publish()',
  ...['events', 'ticks', 'decisions'].map((table) => `drop trigger ${table}_with_head on ${table}`),
  'drop function allot_note_inserted()',
  'drop function allot_note_log_rows(text, bigint, bigint)',
  'drop table log_guard',
];

/** Refuses log rows inserted without the head's move in the same transaction (see above). */
export const logGuard: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of UP) await sql.raw(statement).execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    for (const statement of DOWN) await sql.raw(statement).execute(db);
  },
};
