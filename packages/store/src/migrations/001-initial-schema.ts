import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * The statements, one by one: PGlite runs each query through the extended protocol, which
 * takes a single statement. Tables are created in the first schema of the search path, so a
 * store opened with `schema` gets its own copy of everything (trigger functions included).
 */
const UP = [
  // Policy versions: drafts are editable (optimistic revision); once published a version's
  // content, hash, effective time and place in the log are fixed forever.
  `create table policy_versions (
     policy_id text not null,
     version text not null,
     status text not null check (status in ('draft', 'submitted', 'approved', 'published', 'retired')),
     content jsonb not null,
     hash text not null,
     effective_from timestamptz,
     publish_seq bigint unique,
     author text,
     approver text,
     note text,
     revision integer not null default 1,
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now(),
     primary key (policy_id, version),
     check (status <> 'published' or publish_seq is not null)
   )`,
  `create function allot_guard_policy_version() returns trigger language plpgsql as $$
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
          or new.status not in ('published', 'retired')) then
       raise exception 'allot: policy % version % was published: its content, hash and effective time cannot change', old.policy_id, old.version using errcode = 'P0001';
     end if;
     return new;
   end $$`,
  `create trigger policy_versions_guard before update or delete on policy_versions
     for each row execute function allot_guard_policy_version()`,
  `create trigger policy_versions_no_truncate before truncate on policy_versions
     for each statement execute function allot_guard_policy_version()`,

  // The op log: events and ticks share one counter (seq), so a replay knows their exact
  // interleaving; policy_versions.publish_seq takes its number from the same counter.
  `create table events (
     seq bigint primary key,
     event_id text not null unique,
     type text not null,
     at timestamptz not null,
     applied_at timestamptz not null,
     payload json not null,
     received_at timestamptz not null,
     prev_hash text not null,
     row_hash text not null
   )`,
  `create table ticks (
     seq bigint primary key,
     at timestamptz not null,
     recorded_at timestamptz not null
   )`,
  `create table decisions (
     seq bigint primary key,
     decision_id text not null unique,
     at timestamptz not null,
     kind text not null,
     rule text not null,
     staff_id text,
     client_id text,
     policy_id text not null,
     policy_version text not null,
     policy_hash text not null,
     cause text[] not null,
     payload json not null,
     source_seq bigint not null,
     prev_hash text not null,
     row_hash text not null,
     recorded_at timestamptz not null
   )`,
  'create index decisions_staff on decisions (staff_id, seq)',
  'create index decisions_client on decisions (client_id, seq)',
  'create index decisions_at on decisions (at)',

  // Append-only: the application can insert and read, never change or remove (a superuser can
  // switch triggers off; docs/storage.md says what verify then shows).
  `create function allot_append_only() returns trigger language plpgsql as $$
   begin
     raise exception 'allot: % is append-only: % is not allowed', tg_table_name, tg_op using errcode = 'P0001';
   end $$`,
  ...['events', 'ticks', 'decisions'].flatMap((table) => [
    `create trigger ${table}_append_only before update or delete on ${table} for each row execute function allot_append_only()`,
    `create trigger ${table}_no_truncate before truncate on ${table} for each statement execute function allot_append_only()`,
  ]),

  `create table log_head (
     id integer primary key default 1 check (id = 1),
     op_seq bigint not null,
     decision_seq bigint not null,
     event_hash text not null,
     decision_hash text not null,
     updated_at timestamptz not null
   )`,
  `insert into log_head (op_seq, decision_seq, event_hash, decision_hash, updated_at)
     values (0, 0, '${'0'.repeat(64)}', '${'0'.repeat(64)}', now())`,

  `create table snapshots (
     seq bigint primary key,
     state bytea not null,
     state_hash text not null,
     size integer not null,
     taken_at timestamptz not null
   )`,

  `create table staff_status (
     staff_id text primary key,
     role text,
     level text,
     active boolean,
     pauses_imposed integer not null,
     banned_until timestamptz,
     hotline_banned_until timestamptz,
     fined_fen bigint not null,
     last_decision_seq bigint not null,
     updated_at timestamptz not null
   )`,
  `create table client_state (
     client_id text primary key,
     owner_id text,
     tier text,
     registered_at timestamptz,
     closed_at timestamptz,
     follow_up_due timestamptz,
     development_due timestamptz,
     last_activity_at timestamptz,
     updated_at timestamptz not null
   )`,
  'create index client_state_owner on client_state (owner_id)',

  `create table access_log (
     id bigserial primary key,
     actor text not null,
     client_id text,
     action text not null,
     at timestamptz not null
   )`,
  'create index access_log_client on access_log (client_id, at)',
  // The access log is an audit record too.
  'create trigger access_log_append_only before update or delete on access_log for each row execute function allot_append_only()',
  'create trigger access_log_no_truncate before truncate on access_log for each statement execute function allot_append_only()',
];

/** The first schema: policy versions, the op log (events, ticks), decisions, snapshots, projections, access log. */
export const initialSchema: Migration = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration must not depend on the current schema type
  async up(db: Kysely<any>): Promise<void> {
    for (const statement of UP) await sql.raw(statement).execute(db);
  },
};
