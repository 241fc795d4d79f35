import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database } from '@allot/store';
import type { Role } from './roles';

/** A `timestamptz` column: read as a Date, written as a Date or an ISO-8601 string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;

export type { Role } from './roles';

/** People who sign in to the admin app. */
export interface UsersTable {
  username: string;
  display_name: string;
  role: Role;
  /** argon2id, PHC string format (`$argon2id$v=19$m=…`). */
  password_hash: string;
  /** The staff member a `rep` account is (SPEC staffId); null for other roles. */
  staff_id: string | null;
  disabled: Generated<boolean>;
  /** Set by an administrator's reset: the next sign-in must choose a new password first. */
  must_change_password: Generated<boolean>;
  created_at: Generated<Date>;
}

/** Signed-in sessions. Only the sha256 of the session id is stored, never the id itself. */
export interface SessionsTable {
  id_hash: string;
  username: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

/** Failed sign-ins per (account, address) pair (`pair:…`, with `account`) and per client address (`ip:<addr>`). */
export interface SignInThrottleTable {
  key: string;
  /** The case-folded username of a pair's row; null for an address's row. */
  account: string | null;
  failures: number;
  last_failure_at: Timestamp;
  /** No attempt on this counter before this time (a growing delay); null while failures are free. */
  locked_until: NullableTimestamp;
}

/** Who did what to which policy version, when, with the content hashes before and after. */
export interface PolicyAuditTable {
  id: Generated<number>;
  at: Timestamp;
  actor: string;
  action: string;
  policy_id: string;
  version: string;
  from_status: string | null;
  to_status: string | null;
  before_hash: string | null;
  after_hash: string | null;
  note: string | null;
}

/**
 * Clients' personal data (seed A1): name and phone. Kept out of the append-only event log on
 * purpose, so it can be corrected or erased; written by the CRM through the API and the seed.
 */
export interface ClientContactsTable {
  client_id: string;
  name: string;
  phone: string;
  updated_at: Timestamp;
  updated_by: string;
}

/** A user's request to see one client's personal data, decided by an approver, time-limited. */
export interface AccessRequestsTable {
  id: Generated<number>;
  username: string;
  client_id: string;
  reason: string;
  status: 'pending' | 'approved' | 'rejected' | 'revoked';
  requested_at: Timestamp;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  /** When an approved request stops granting access. */
  expires_at: NullableTimestamp;
  comment: string | null;
}

/** API tokens for the HTTP API: only the sha256 of the secret is stored. */
export interface ApiTokensTable {
  /** The public id (the part before the dot in the token). */
  id: string;
  name: string;
  secret_hash: string;
  /** `read` or `read write`. */
  scopes: string;
  created_by: string;
  created_at: Timestamp;
  revoked_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
}

/** The answer to a batch sent with an `Idempotency-Key`, replayed when the same key comes again. */
export interface ApiIdempotencyTable {
  token_id: string;
  key: string;
  request_hash: string;
  status: number;
  body: string;
  created_at: Timestamp;
}

/** The tables the admin app owns, next to the store's. */
export type AdminTables = {
  users: UsersTable;
  sessions: SessionsTable;
  sign_in_throttle: SignInThrottleTable;
  policy_audit: PolicyAuditTable;
  client_contacts: ClientContactsTable;
  access_requests: AccessRequestsTable;
  api_tokens: ApiTokensTable;
  api_idempotency: ApiIdempotencyTable;
};

/** The store's schema plus the admin app's tables. */
export type AdminDatabase = Database & AdminTables;

/** The query builder the admin server code uses. */
export type AdminDb = Kysely<AdminDatabase>;

/**
 * The same query builder typed with the store's schema only, for @allot/store's repository
 * functions (kysely's types are invariant in the schema, the instance is one and the same).
 */
export function storeDb(db: AdminDb): Kysely<Database> {
  return db as unknown as Kysely<Database>;
}
