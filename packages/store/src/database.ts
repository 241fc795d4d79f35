import type { ColumnType, Generated } from 'kysely';

/** The lifecycle of a policy version; only `published` versions ever govern decisions. */
export const POLICY_STATUSES = ['draft', 'submitted', 'approved', 'published', 'retired'] as const;
/** One of `POLICY_STATUSES`. */
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

/** A `timestamptz` column: read as a Date, written as a Date or an ISO-8601 string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A nullable `timestamptz` column. */
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
/** A `jsonb` column: read parsed, written as JSON text (so pg never turns an array into a PostgreSQL array). */
type Json<T> = ColumnType<T, string, string>;

/** One version of one policy. A published row's content, hash and effective time never change (trigger). */
export interface PolicyVersionsTable {
  policy_id: string;
  version: string;
  status: PolicyStatus;
  content: Json<unknown>;
  /** `sha256:` + hex of the canonical JSON (computed by the caller: the store does not import the engine). */
  hash: string;
  effective_from: NullableTimestamp;
  /** Position in the op log where the version became known to the runtime (set when published). */
  publish_seq: ColumnType<number | null, number | null, number | null>;
  author: string | null;
  approver: string | null;
  note: string | null;
  /** Optimistic concurrency: every update must name the revision it read and bumps it. */
  revision: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** Append-only: every event the runtime accepted, in the order it applied them (`seq`). */
export interface EventsTable {
  seq: number;
  event_id: string;
  type: string;
  at: Timestamp;
  /** The engine time the event was applied at: `at`, or later for an event that arrived late. */
  applied_at: Timestamp;
  payload: Json<Record<string, unknown>>;
  received_at: Timestamp;
  prev_hash: string;
  row_hash: string;
}

/** Append-only: every tick that moved the runtime's time forward. `seq` shares the op counter with events. */
export interface TicksTable {
  seq: number;
  at: Timestamp;
  recorded_at: Timestamp;
}

/** Append-only: every decision exactly as the engine emitted it, hash-chained in `seq` order. */
export interface DecisionsTable {
  seq: number;
  decision_id: string;
  at: Timestamp;
  kind: string;
  rule: string;
  staff_id: string | null;
  client_id: string | null;
  policy_id: string;
  policy_version: string;
  policy_hash: string;
  cause: string[];
  payload: Json<Record<string, unknown>>;
  /** The op (event or tick) whose application produced the decision. */
  source_seq: number;
  prev_hash: string;
  row_hash: string;
  recorded_at: Timestamp;
}

/** The single row naming the head of the log; written in every write transaction, under the writer lock. */
export interface LogHeadTable {
  id: Generated<number>;
  op_seq: number;
  decision_seq: number;
  event_hash: string;
  decision_hash: string;
  updated_at: Timestamp;
}

/** Cached engine state at an op; a cache only: verify never reads it. */
export interface SnapshotsTable {
  seq: number;
  /** gzip of the JSON of the runtime state. */
  state: ColumnType<Uint8Array, Uint8Array, never>;
  /** sha256 hex of the uncompressed JSON, checked on load. */
  state_hash: string;
  size: number;
  taken_at: Timestamp;
}

/** Current state per staff member, upserted once per write batch. */
export interface StaffStatusTable {
  staff_id: string;
  role: string | null;
  level: string | null;
  /** Joined and not left; null when only decisions mention the member. */
  active: boolean | null;
  pauses_imposed: number;
  /** Pauses not yet used up, as the engine counts them; null when never paused. */
  pauses_left: number | null;
  banned_until: NullableTimestamp;
  hotline_banned_until: NullableTimestamp;
  fined_fen: number;
  last_decision_seq: number;
  updated_at: Timestamp;
}

/** Current state per client, upserted once per write batch. */
export interface ClientStateTable {
  client_id: string;
  owner_id: string | null;
  tier: string | null;
  registered_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  follow_up_due: NullableTimestamp;
  development_due: NullableTimestamp;
  last_activity_at: NullableTimestamp;
  updated_at: Timestamp;
}

/** Who read which client's data, and when. */
export interface AccessLogTable {
  id: Generated<number>;
  actor: string;
  client_id: string | null;
  /** Every client of a read that returned several (one row per request); null for older rows and one-client reads. */
  client_ids: ColumnType<string[] | null, string[] | null | undefined, never>;
  action: string;
  at: Timestamp;
}

/** The state of a job. */
export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** Long work (a Verify, a what-if) run as a job: its progress while it runs and its result kept after. */
export interface JobsTable {
  id: string;
  kind: string;
  params: Json<unknown>;
  status: JobStatus;
  /** 0 to 1. */
  progress: number;
  /** What the job is doing now, for people (e.g. "op 120,000 of 1,800,000"). */
  detail: string | null;
  result: ColumnType<unknown, string | null, string | null>;
  error: string | null;
  cancel_requested: ColumnType<boolean, boolean | undefined, boolean>;
  requested_by: string | null;
  created_at: Timestamp;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
}

/** Append-only: an op of the log taking a scheduled publication off the timeline before it takes over. */
export interface PolicyCancellationsTable {
  seq: number;
  policy_id: string;
  version: string;
  /** The publication cancelled (its `policy_versions.publish_seq`). */
  publish_seq: number;
  recorded_at: Timestamp;
  actor: string | null;
  note: string | null;
}

/** What the outside world is told about: decisions (by number) and workflow events (with their body). */
export interface OutboxTable {
  seq: Generated<number>;
  /** The decision's id, or the workflow event's: the webhook-id of every delivery of it. */
  event_id: string;
  /** `decision`, or the workflow event's type (`policy.submitted`, `access.approved`, ...). */
  type: string;
  decision_seq: number | null;
  payload: ColumnType<unknown, string | null, string | null>;
  created_at: Timestamp;
}

/** The kysely schema of the allot database. */
export interface Database {
  policy_versions: PolicyVersionsTable;
  events: EventsTable;
  ticks: TicksTable;
  decisions: DecisionsTable;
  log_head: LogHeadTable;
  snapshots: SnapshotsTable;
  staff_status: StaffStatusTable;
  client_state: ClientStateTable;
  access_log: AccessLogTable;
  jobs: JobsTable;
  policy_cancellations: PolicyCancellationsTable;
  outbox: OutboxTable;
}
