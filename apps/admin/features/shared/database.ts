/**
 * The admin app's tables as kysely types: users, sessions, the sign-in throttle, the policy audit
 * trail, contacts, access requests, tokens and the rest.
 */
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
  /** The notification channel (`notification_channels.id`) this person is told on; null: not told. */
  notify_channel: ColumnType<string | null, string | null | undefined, string | null>;
  /** The language of this person's messages. */
  notify_lang: ColumnType<'zh' | 'en', 'zh' | 'en' | undefined, 'zh' | 'en'>;
  /** For e-mail messages. */
  email: ColumnType<string | null, string | null | undefined, string | null>;
  /** For @-mentions in 企业微信 / 钉钉 robot messages. */
  mobile: ColumnType<string | null, string | null | undefined, string | null>;
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

/** Where a version came from: the version it was drafted from, or the one a rollback returns to. */
export interface PolicyVersionOriginsTable {
  policy_id: string;
  version: string;
  base_version: string;
  kind: 'draft' | 'rollback' | 'republish';
  created_at: Timestamp;
}

/** What one webhook endpoint receives: empty lists mean every one. */
export interface EndpointFilters {
  /** Decision kinds (SPEC §4), e.g. `staff.fined`. */
  kinds: string[];
  rules: string[];
  staff: string[];
  /** Whether workflow events (policy.*, access.*) are sent too. */
  workflow: boolean;
}

/** A webhook endpoint (Standard Webhooks). */
export interface WebhookEndpointsTable {
  id: string;
  name: string;
  url: string;
  /** `whsec_…`: signs every delivery. */
  secret: string;
  /** During a rotation: the secret before, also signing until `previous_secret_until`. */
  previous_secret: string | null;
  previous_secret_until: NullableTimestamp;
  filters: ColumnType<EndpointFilters, string, string>;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  /** Set after too many failures in a row: deliveries wait (`held`) until it is resumed. */
  paused_at: NullableTimestamp;
  pause_reason: string | null;
  consecutive_failures: ColumnType<number, number | undefined, number>;
  /** The outbox row it was created at: it receives what comes after. */
  from_seq: number;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A 企业微信 / 钉钉 group robot or the SMTP e-mail channel. */
export interface NotificationChannelsTable {
  id: string;
  kind: 'wecom' | 'dingtalk' | 'email';
  name: string;
  /** The robot's webhook URL (null for e-mail). */
  url: string | null;
  /** 钉钉's signing secret (`SEC…`), when the robot has 加签 on. */
  secret: string | null;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  paused_at: NullableTimestamp;
  consecutive_failures: ColumnType<number, number | undefined, number>;
  from_seq: number;
  created_by: string;
  created_at: Timestamp;
}

/** The state of one delivery. */
export type DeliveryStatus = 'pending' | 'sending' | 'delivered' | 'held' | 'dead';

/** One delivery of one event (or one batched message) to one endpoint or channel, with its latest attempt. */
export interface OutboundDeliveriesTable {
  id: Generated<number>;
  target: 'webhook' | 'notification';
  endpoint_id: string;
  /** Notifications: the username told. */
  recipient: string | null;
  outbox_seq: number | null;
  /** Webhooks: the webhook-id (the decision's or workflow event's id; the same on every retry). */
  event_id: string;
  event_type: string;
  /** The body when it is not built from the outbox row (test events, notification messages). */
  body: string | null;
  status: DeliveryStatus;
  attempts: ColumnType<number, number | undefined, number>;
  next_at: Timestamp;
  lease_until: NullableTimestamp;
  created_at: Timestamp;
  replayed_at: NullableTimestamp;
  last_attempt_at: NullableTimestamp;
  last_status: number | null;
  last_error: string | null;
  latency_ms: number | null;
  delivered_at: NullableTimestamp;
}

/** How far each dispatcher has read the outbox. */
export interface OutboundCursorTable {
  name: string;
  seq: number;
}

/** The tables the admin app owns, next to the store's. */
/** A saved column mapping of the import wizard (column key → header in the company's book). */
export interface ImportMappingsTable {
  kind: string;
  name: string;
  mapping: ColumnType<Record<string, string>, string, string>;
  updated_at: Timestamp;
  updated_by: string;
}

export type AdminTables = {
  import_mappings: ImportMappingsTable;
  users: UsersTable;
  sessions: SessionsTable;
  sign_in_throttle: SignInThrottleTable;
  policy_audit: PolicyAuditTable;
  client_contacts: ClientContactsTable;
  access_requests: AccessRequestsTable;
  api_tokens: ApiTokensTable;
  api_idempotency: ApiIdempotencyTable;
  policy_version_origins: PolicyVersionOriginsTable;
  webhook_endpoints: WebhookEndpointsTable;
  notification_channels: NotificationChannelsTable;
  outbound_deliveries: OutboundDeliveriesTable;
  outbound_cursor: OutboundCursorTable;
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
