/** The admin app's own migrations (users, sessions, throttle, audit trail and what came after). */
import { Migrator, sql } from 'kysely';
import type { Kysely, Migration, MigrationProvider } from 'kysely';

/** One statement per query: PGlite's extended protocol takes a single statement. */
const INITIAL = [
  `create table users (
     username text primary key,
     display_name text not null,
     role text not null check (role in ('viewer', 'editor', 'approver', 'auditor', 'admin')),
     password_hash text not null,
     disabled boolean not null default false,
     created_at timestamptz not null default now()
   )`,
  `create table sessions (
     id_hash text primary key,
     username text not null references users (username) on delete cascade,
     created_at timestamptz not null,
     last_seen_at timestamptz not null,
     expires_at timestamptz not null
   )`,
  `create index sessions_username on sessions (username)`,
  `create table sign_in_throttle (
     key text primary key,
     failures integer not null,
     first_failure_at timestamptz not null,
     locked_until timestamptz
   )`,
  `create table policy_audit (
     id serial primary key,
     at timestamptz not null,
     actor text not null,
     action text not null,
     policy_id text not null,
     version text not null,
     from_status text,
     to_status text,
     before_hash text,
     after_hash text,
     note text
   )`,
  `create index policy_audit_version on policy_audit (policy_id, version, id)`,
];

/** Issue 5: rep accounts, clients' personal data, access requests, API tokens, idempotency keys. */
const ADMIN_II = [
  `alter table users drop constraint users_role_check`,
  `alter table users add constraint users_role_check check (role in ('viewer', 'editor', 'approver', 'auditor', 'admin', 'rep'))`,
  `alter table users add column staff_id text`,
  `alter table users add constraint users_rep_staff check (role <> 'rep' or staff_id is not null)`,
  `create table client_contacts (
     client_id text primary key,
     name text not null,
     phone text not null,
     updated_at timestamptz not null,
     updated_by text not null
   )`,
  `create table access_requests (
     id serial primary key,
     username text not null references users (username),
     client_id text not null,
     reason text not null,
     status text not null check (status in ('pending', 'approved', 'rejected', 'revoked')),
     requested_at timestamptz not null,
     decided_by text,
     decided_at timestamptz,
     expires_at timestamptz,
     comment text,
     check (status = 'pending' or decided_by is not null),
     check (decided_by is null or decided_by <> username)
   )`,
  `create index access_requests_user_client on access_requests (username, client_id, status)`,
  `create table api_tokens (
     id text primary key,
     name text not null,
     secret_hash text not null unique,
     scopes text not null,
     created_by text not null,
     created_at timestamptz not null,
     revoked_at timestamptz,
     last_used_at timestamptz
   )`,
  `create table api_idempotency (
     token_id text not null references api_tokens (id),
     key text not null,
     request_hash text not null,
     status integer not null,
     body text not null,
     created_at timestamptz not null,
     primary key (token_id, key)
   )`,
];

/** Issue 16: webhook endpoints, notification channels, every delivery and its attempts, the dispatchers' cursors; people's channel and language. */
const OUTBOUND = [
  `create table webhook_endpoints (
     id text primary key,
     name text not null,
     url text not null,
     secret text not null,
     previous_secret text,
     previous_secret_until timestamptz,
     filters json not null,
     enabled boolean not null default true,
     paused_at timestamptz,
     pause_reason text,
     consecutive_failures integer not null default 0,
     from_seq bigint not null,
     created_by text not null,
     created_at timestamptz not null,
     updated_at timestamptz not null
   )`,
  `create table notification_channels (
     id text primary key,
     kind text not null check (kind in ('wecom', 'dingtalk', 'email')),
     name text not null,
     url text,
     secret text,
     enabled boolean not null default true,
     paused_at timestamptz,
     consecutive_failures integer not null default 0,
     from_seq bigint not null,
     created_by text not null,
     created_at timestamptz not null
   )`,
  `create table outbound_deliveries (
     id bigserial primary key,
     target text not null check (target in ('webhook', 'notification')),
     endpoint_id text not null,
     recipient text,
     outbox_seq bigint,
     event_id text not null,
     event_type text not null,
     body text,
     status text not null check (status in ('pending', 'sending', 'delivered', 'held', 'dead')),
     attempts integer not null default 0,
     next_at timestamptz not null,
     lease_until timestamptz,
     created_at timestamptz not null,
     replayed_at timestamptz,
     last_attempt_at timestamptz,
     last_status integer,
     last_error text,
     latency_ms integer,
     delivered_at timestamptz,
     unique (endpoint_id, event_id)
   )`,
  `create index outbound_deliveries_due on outbound_deliveries (next_at) where status = 'pending'`,
  `create index outbound_deliveries_endpoint on outbound_deliveries (endpoint_id, id desc)`,
  `create table outbound_cursor (
     name text primary key,
     seq bigint not null
   )`,
  `alter table users add column notify_channel text`,
  `alter table users add column notify_lang text not null default 'zh' check (notify_lang in ('zh', 'en'))`,
  `alter table users add column email text`,
  `alter table users add column mobile text`,
];

const outbound: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of OUTBOUND) await sql.raw(statement).execute(db);
  },
};

const adminII: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of ADMIN_II) await sql.raw(statement).execute(db);
  },
};

/** Issue 17: saved column mappings of the import wizard, one per kind and name. */
const IMPORTS = [
  `create table import_mappings (
     kind text not null,
     name text not null,
     mapping jsonb not null,
     updated_at timestamptz not null,
     updated_by text not null,
     primary key (kind, name)
   )`,
];

const imports: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of IMPORTS) await sql.raw(statement).execute(db);
  },
};

/**
 * Hardening: the sign-in throttle counts (account, address) pairs and addresses with growing
 * delays (an `account` column for the administrator's unlock); accounts can be made to change
 * their password at the next sign-in.
 */
const HARDENING = [
  `drop table sign_in_throttle`,
  `create table sign_in_throttle (
     key text primary key,
     account text,
     failures integer not null,
     last_failure_at timestamptz not null,
     locked_until timestamptz
   )`,
  `create index sign_in_throttle_account on sign_in_throttle (account)`,
  `alter table users add column must_change_password boolean not null default false`,
  `create index sessions_expires on sessions (expires_at)`,
];

const hardening: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of HARDENING) await sql.raw(statement).execute(db);
  },
};

const initial: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of INITIAL) await sql.raw(statement).execute(db);
  },
};

/**
 * Publishing: where each version came from (the version it was drafted from, or the published
 * version a rollback returns to), so a draft or rollback that leaves out a later scheduled
 * version can be told apart from one built on it.
 */
const PUBLISHING = [
  `create table policy_version_origins (
     policy_id text not null,
     version text not null,
     base_version text not null,
     kind text not null check (kind in ('draft', 'rollback', 'republish')),
     created_at timestamptz not null,
     primary key (policy_id, version)
   )`,
];

const publishing: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const statement of PUBLISHING) await sql.raw(statement).execute(db);
  },
};

const provider: MigrationProvider = {
  async getMigrations() {
    return { '001-admin-tables': initial, '002-admin-ii': adminII, '003-hardening': hardening, '004-publishing': publishing, '006-outbound': outbound, '007-imports': imports };
  },
};

/**
 * Creates the admin app's tables next to the store's, with kysely's Migrator under its own
 * bookkeeping tables (`admin_migration`), so the two sets of migrations never meet.
 */
export async function migrateAdmin(db: Kysely<unknown>, schema: string | undefined): Promise<void> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'admin_migration',
    migrationLockTableName: 'admin_migration_lock',
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`allot admin: migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
