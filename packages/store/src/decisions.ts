import { sql } from 'kysely';
import type { Expression, ExpressionBuilder, Kysely, Selectable, SqlBool } from 'kysely';
import type { Database, DecisionsTable } from './database.js';
import { copyRows, CopyTextBuffer, supportsCopy } from './copy-rows.js';
import { encodeJsonRows, insertEncodedJsonRows } from './json-rows.js';

/** One stored decision: the engine's JSON, the columns queries filter on, and its link in the hash chain. */
export interface StoredDecision {
  seq: number;
  decisionId: string;
  at: Date;
  kind: string;
  rule: string;
  staffId: string | null;
  clientId: string | null;
  policyId: string;
  policyVersion: string;
  policyHash: string;
  cause: string[];
  /** The whole decision exactly as the engine emitted it (as JSON values; jsonb does not keep key order). */
  payload: Record<string, unknown>;
  sourceSeq: number;
  prevHash: string;
  rowHash: string;
  recordedAt: Date;
}

/** A decision row to append; instants as ISO-8601 strings, the decision as JSON text (stored as is). */
export type NewDecision = Omit<StoredDecision, 'at' | 'recordedAt' | 'payload'> & { at: string; recordedAt: string; payloadText: string };

/** What `queryDecisions` filters on; every field optional. */
export interface DecisionFilter {
  staffId?: string;
  clientId?: string;
  kind?: string;
  rule?: string;
  /** `at >= since`. */
  since?: Date | string;
  /** `at < until`. */
  until?: Date | string;
  policyVersion?: string;
  /**
   * Only decisions in force: leave out every decision a `decision.superseded` names (an appeal
   * overturned or reduced it, a manager dismissed it, or a re-derivation replaced it), and the
   * `decision.superseded` decisions themselves.
   */
  inForce?: boolean;
  /** Cursor: only decisions with `seq > after`. */
  after?: number;
  /** Page size (default 100, at most 10,000). */
  limit?: number;
}

const COLUMNS = [
  ['seq', 'bigint'],
  ['decision_id', 'text'],
  ['at', 'timestamptz'],
  ['kind', 'text'],
  ['rule', 'text'],
  ['staff_id', 'text'],
  ['client_id', 'text'],
  ['policy_id', 'text'],
  ['policy_version', 'text'],
  ['policy_hash', 'text'],
  ['cause', 'text[]'],
  ['payload', 'json'],
  ['source_seq', 'bigint'],
  ['prev_hash', 'text'],
  ['row_hash', 'text'],
  ['recorded_at', 'timestamptz'],
] as const;

const COPY_COLUMNS = COLUMNS.map(([name]) => name);

/** The COPY statement of `insertDecisions` on PostgreSQL (its data: `EncodedDecisions.copy`). */
export const DECISION_COPY_SQL = `copy decisions (${COPY_COLUMNS.join(', ')}) from stdin`;

/** Maps a row to the API shape. */
export function toStoredDecision(r: Selectable<DecisionsTable>): StoredDecision {
  return {
    seq: Number(r.seq),
    decisionId: r.decision_id,
    at: r.at,
    kind: r.kind,
    rule: r.rule,
    staffId: r.staff_id,
    clientId: r.client_id,
    policyId: r.policy_id,
    policyVersion: r.policy_version,
    policyHash: r.policy_hash,
    cause: r.cause,
    payload: r.payload,
    sourceSeq: Number(r.source_seq),
    prevHash: r.prev_hash,
    rowHash: r.row_hash,
    recordedAt: r.recorded_at,
  };
}

const decisionRow = (d: NewDecision): Record<string, unknown> => ({
  seq: d.seq,
  decision_id: d.decisionId,
  at: d.at,
  kind: d.kind,
  rule: d.rule,
  staff_id: d.staffId,
  client_id: d.clientId,
  policy_id: d.policyId,
  policy_version: d.policyVersion,
  policy_hash: d.policyHash,
  cause: d.cause,
  payload: d.payloadText,
  source_seq: d.sourceSeq,
  prev_hash: d.prevHash,
  row_hash: d.rowHash,
  recorded_at: d.recordedAt,
});

/** Decisions encoded once for `insertDecisions` (see `encodeDecisions`). */
export interface EncodedDecisions {
  readonly count: number;
  /** COPY text (PostgreSQL). */
  readonly copy: Buffer | undefined;
  /** JSON parameters of multi-row inserts (PGlite). */
  readonly json: readonly string[] | undefined;
}

/** Encodes decisions for `insertDecisions` in the form the store sends them to `db`'s backend (as `encodeEvents`). */
export function encodeDecisions(db: Kysely<Database>, decisions: readonly NewDecision[]): EncodedDecisions {
  if (!supportsCopy(db)) return { count: decisions.length, copy: undefined, json: encodeJsonRows(COLUMNS, decisions.map(decisionRow)) };
  const rows = new CopyTextBuffer();
  for (const d of decisions) {
    rows.row([
      d.seq, d.decisionId, d.at, d.kind, d.rule, d.staffId, d.clientId, d.policyId, d.policyVersion, d.policyHash,
      CopyTextBuffer.textArray(d.cause), d.payloadText, d.sourceSeq, d.prevHash, d.rowHash, d.recordedAt,
    ]);
  }
  return { count: decisions.length, copy: rows.data(), json: undefined };
}

/**
 * Appends decisions, as given or encoded by `encodeDecisions`, in one statement (on PostgreSQL
 * a `COPY`, elsewhere a multi-row insert); a duplicate decision id fails the statement (and so
 * the transaction).
 */
export async function insertDecisions(db: Kysely<Database>, decisions: readonly NewDecision[] | EncodedDecisions): Promise<void> {
  const encoded = 'count' in decisions ? decisions : encodeDecisions(db, decisions);
  if (encoded.count === 0) return;
  if (encoded.copy !== undefined) await copyRows(db, 'decisions', COPY_COLUMNS, encoded.copy);
  else await insertEncodedJsonRows(db, 'decisions', COLUMNS, encoded.json ?? []);
}

/** Decisions matching the filter, in seq order (the order they were made). */
export async function queryDecisions(db: Kysely<Database>, filter: DecisionFilter = {}): Promise<StoredDecision[]> {
  let q = db.selectFrom('decisions').selectAll();
  if (filter.staffId !== undefined) q = q.where('staff_id', '=', filter.staffId);
  if (filter.clientId !== undefined) q = q.where('client_id', '=', filter.clientId);
  if (filter.kind !== undefined) q = q.where('kind', '=', filter.kind);
  if (filter.rule !== undefined) q = q.where('rule', '=', filter.rule);
  if (filter.since !== undefined) q = q.where('at', '>=', new Date(filter.since));
  if (filter.until !== undefined) q = q.where('at', '<', new Date(filter.until));
  if (filter.policyVersion !== undefined) q = q.where('policy_version', '=', filter.policyVersion);
  if (filter.after !== undefined) q = q.where('seq', '>', filter.after);
  if (filter.inForce === true) {
    q = q.where('kind', '!=', SUPERSEDED).where(notSuperseded);
  }
  const limit = Math.min(Math.max(1, Math.floor(filter.limit ?? 100)), 10_000);
  const rows = await q.orderBy('seq').limit(limit).execute();
  return rows.map(toStoredDecision);
}

const SUPERSEDED = 'decision.superseded';

/**
 * A condition on a query over `decisions`: no `decision.superseded` names the row (an appeal
 * overturned or reduced it, a manager dismissed it, or a re-derivation replaced it).
 */
export function notSuperseded(eb: ExpressionBuilder<Database, 'decisions'>): Expression<SqlBool> {
  return eb.not(eb.exists(eb.selectFrom('decisions as s').select('s.seq').where('s.kind', '=', SUPERSEDED).where(sql<boolean>`s.payload->>'decisionId' = decisions.decision_id`)));
}

/** Decisions with `afterSeq < seq`, in seq order, at most `limit` (for verify and exports). */
export async function readDecisions(db: Kysely<Database>, range: { afterSeq: number; toSeq?: number; limit: number }): Promise<StoredDecision[]> {
  let q = db.selectFrom('decisions').selectAll().where('seq', '>', range.afterSeq);
  if (range.toSeq !== undefined) q = q.where('seq', '<=', range.toSeq);
  const rows = await q.orderBy('seq').limit(range.limit).execute();
  return rows.map(toStoredDecision);
}

/** One decision by id, or undefined. */
export async function findDecision(db: Kysely<Database>, decisionId: string): Promise<StoredDecision | undefined> {
  const row = await db.selectFrom('decisions').selectAll().where('decision_id', '=', decisionId).executeTakeFirst();
  return row === undefined ? undefined : toStoredDecision(row);
}

/**
 * The stored decisions with `fromSeq <= seq <= toSeq`: how many, their first and last seq and
 * the first and last op (`source_seq`) that made them; undefined when there is none.
 */
export async function decisionSpan(
  db: Kysely<Database>,
  fromSeq: number,
  toSeq: number,
): Promise<{ count: number; firstSeq: number; lastSeq: number; firstSourceSeq: number; lastSourceSeq: number } | undefined> {
  const row = await db
    .selectFrom('decisions')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.min('seq').as('lo'), eb.fn.max('seq').as('hi'), eb.fn.min('source_seq').as('slo'), eb.fn.max('source_seq').as('shi')])
    .where('seq', '>=', fromSeq)
    .where('seq', '<=', toSeq)
    .executeTakeFirst();
  const n = Number(row?.n ?? 0);
  if (row === undefined || n === 0 || row.lo === null || row.hi === null || row.slo === null || row.shi === null) return undefined;
  return { count: n, firstSeq: Number(row.lo), lastSeq: Number(row.hi), firstSourceSeq: Number(row.slo), lastSourceSeq: Number(row.shi) };
}

/**
 * The last stored decision before seq `beforeSeq` made by an op at or before `opSeq` (its seq
 * and row hash), read backwards from `beforeSeq` along the primary key; undefined when none is.
 */
export async function lastDecisionOfOps(db: Kysely<Database>, opSeq: number, beforeSeq: number): Promise<{ seq: number; rowHash: string } | undefined> {
  const row = await db
    .selectFrom('decisions')
    .select(['seq', 'row_hash'])
    .where('seq', '<', beforeSeq)
    .where('source_seq', '<=', opSeq)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : { seq: Number(row.seq), rowHash: row.row_hash };
}
