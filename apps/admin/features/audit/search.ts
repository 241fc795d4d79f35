/**
 * The audit explorer's search: its filters read from the query string, and a page of decisions
 * with its cursor; the clients of every page go to the access log.
 */
import { DECISION_KINDS } from '@allot/engine';
import type { Decision } from '@allot/engine';
import { logAccess } from '@allot/store';
import type { AccessEntry, Database } from '@allot/store';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { parseBound } from '../people';

// The audit modules import packages, and each other by explicit `.ts` paths only: the tests in
// test/admin load them under Node's ESM rules (tsconfig.check.json), the app under Next.js's
// bundler, and an extensionless or `.js` path satisfies only one of the two.

/** What the audit explorer searches on; every filter optional, all of them combined with AND. */
export interface AuditQuery {
  /** The staff member the decision is about (the store's `staff_id` column). */
  staffId?: string;
  clientId?: string;
  kind?: string;
  rule?: string;
  /** `at >= from`. */
  from?: Date;
  /** `at < to`. */
  to?: Date;
  policyId?: string;
  policyVersion?: string;
  /** Cursor: the seq of the last row of the previous page. */
  cursor?: number;
  /** Newest first (default) or in the order the decisions were made. */
  order: 'desc' | 'asc';
  limit: number;
}

/** One decision found: where it sits in the record, and the decision as the engine made it. */
export interface AuditRow {
  seq: number;
  sourceSeq: number;
  decision: Decision;
}

/** One page of results; `next` is the cursor of the following page (null: no more). */
export interface AuditPage {
  items: AuditRow[];
  next: number | null;
}

/** A filter the explorer could not read. */
export interface QueryError {
  field: string;
  message: { zh: string; en: string };
}

/** Rows per page unless `limit` says otherwise. */
export const AUDIT_PAGE_DEFAULT = 50;
/** The largest page `limit` may ask for. */
export const AUDIT_PAGE_MAX = 500;

const ID = /^[\w.:#@-]{1,64}$/;
const RULE = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
const VERSION = /^\d+\.\d+\.\d+$/;
const err = (field: string, zh: string, en: string): QueryError => ({ field, message: { zh, en } });

/** Reads the explorer's query string (`staffId, clientId, kind, rule, from, to, policy, cursor, order, limit`). */
export function parseAuditQuery(params: URLSearchParams): { ok: true; query: AuditQuery } | { ok: false; errors: QueryError[] } {
  const errors: QueryError[] = [];
  const text = (name: string): string | undefined => {
    const v = params.get(name)?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const query: AuditQuery = { order: text('order') === 'asc' ? 'asc' : 'desc', limit: AUDIT_PAGE_DEFAULT };
  for (const name of ['staffId', 'clientId'] as const) {
    const v = text(name);
    if (v === undefined) continue;
    if (ID.test(v)) query[name] = v;
    else errors.push(err(name, '编号格式不正确', 'not a valid id'));
  }
  const kind = text('kind');
  if (kind !== undefined) {
    if ((DECISION_KINDS as readonly string[]).includes(kind)) query.kind = kind;
    else errors.push(err('kind', '没有这种决定类型', 'no such decision kind'));
  }
  const rule = text('rule');
  if (rule !== undefined) {
    if (RULE.test(rule)) query.rule = rule;
    else errors.push(err('rule', '规则编号格式不正确', 'not a valid rule id'));
  }
  for (const name of ['from', 'to'] as const) {
    const v = text(name);
    if (v === undefined) continue;
    const at = parseBound(v, name === 'to');
    if (at === null) errors.push(err(name, '日期格式应为 YYYY-MM-DD 或带时区的时间', 'expected YYYY-MM-DD or an ISO instant with offset'));
    else query[name] = at;
  }
  // `policy` is `id@version`, `id` or `version`.
  const policy = text('policy');
  if (policy !== undefined) {
    const [a = '', b] = policy.split('@');
    if (b !== undefined && ID.test(a) && VERSION.test(b)) Object.assign(query, { policyId: a, policyVersion: b });
    else if (b === undefined && VERSION.test(a)) query.policyVersion = a;
    else if (b === undefined && ID.test(a)) query.policyId = a;
    else errors.push(err('policy', '制度版本格式应为 id@1.0.0', 'expected id@1.0.0'));
  }
  const cursor = text('cursor');
  if (cursor !== undefined) {
    const n = Number(cursor);
    if (Number.isSafeInteger(n) && n >= 0) query.cursor = n;
    else errors.push(err('cursor', '翻页位置不正确', 'bad cursor'));
  }
  const limit = text('limit');
  if (limit !== undefined) {
    const n = Number(limit);
    if (Number.isSafeInteger(n) && n > 0) query.limit = Math.min(n, AUDIT_PAGE_MAX);
    else errors.push(err('limit', '每页条数不正确', 'bad page size'));
  }
  if (query.from !== undefined && query.to !== undefined && query.from.getTime() >= query.to.getTime()) {
    errors.push(err('to', '结束日期须晚于开始日期', 'the end must come after the start'));
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, query };
}

/** Client ids a decision names (for the access log). */
export function clientIdsOf(values: readonly unknown[]): string[] {
  const out = new Set<string>();
  for (const v of values) {
    const id = (v as { clientId?: unknown } | null)?.clientId;
    if (typeof id === 'string') out.add(id);
  }
  return [...out];
}

/** Writes one access-log entry per client named, under `action`; `always` adds one with no client (the read itself). */
export async function logReads(db: Kysely<Database>, actor: string, action: string, clientIds: readonly string[], at: Date, always = false): Promise<void> {
  const entries: AccessEntry[] = clientIds.map((clientId) => ({ actor, clientId, action }));
  if (always) entries.push({ actor, clientId: null, action });
  await logAccess(db, entries, at);
}

/**
 * Searches the recorded decisions with kysely on the store's `decisions` table (one query; the
 * store's own `queryDecisions` has no policy id filter and pages in one direction only), then
 * writes each client the page names to the access log as `audit.search`, as `runtime.decisions()` does.
 */
export async function searchDecisions(db: Kysely<Database>, query: AuditQuery, actor: string, now: Date): Promise<AuditPage> {
  let q = db.selectFrom('decisions').select(['seq', 'source_seq', 'payload']);
  if (query.staffId !== undefined) q = q.where('staff_id', '=', query.staffId);
  if (query.clientId !== undefined) q = q.where('client_id', '=', query.clientId);
  if (query.kind !== undefined) q = q.where('kind', '=', query.kind);
  if (query.rule !== undefined) q = q.where('rule', '=', query.rule);
  if (query.from !== undefined) q = q.where('at', '>=', query.from);
  if (query.to !== undefined) q = q.where('at', '<', query.to);
  if (query.policyId !== undefined) q = q.where('policy_id', '=', query.policyId);
  if (query.policyVersion !== undefined) q = q.where('policy_version', '=', query.policyVersion);
  if (query.cursor !== undefined) q = q.where('seq', query.order === 'desc' ? '<' : '>', query.cursor);
  const limit = Math.min(Math.max(1, query.limit), AUDIT_PAGE_MAX);
  // One row more than the page says whether there is a next page.
  const rows = await q.orderBy('seq', query.order).limit(limit + 1).execute();
  const items = rows.slice(0, limit).map((r) => ({ seq: Number(r.seq), sourceSeq: Number(r.source_seq), decision: r.payload as unknown as Decision }));
  await logReads(db, actor, 'audit.search', clientIdsOf(items.map((i) => i.decision)), now);
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last !== undefined ? last.seq : null };
}

/** The rule ids and policy versions to offer as search choices (from the published versions), and the staff ids known. */
export async function searchChoices(db: Kysely<Database>): Promise<{ rules: string[]; policies: string[]; staff: string[] }> {
  const rows = await db
    .selectFrom('policy_versions')
    .select(['policy_id', 'version', 'content'])
    .where('status', '=', 'published')
    .orderBy('publish_seq')
    .execute();
  const rules = new Set<string>();
  for (const r of rows) {
    const all = (r.content as { rules?: Record<string, { rungs?: Array<{ rule?: unknown }> }> } | null)?.rules ?? {};
    for (const [id, rule] of Object.entries(all)) {
      const rungRules = (Array.isArray(rule.rungs) ? rule.rungs : []).map((g) => g.rule).filter((x): x is string => typeof x === 'string');
      // A ladder (M) decides under its rungs' ids (M1–M3), never under its own key.
      if (rungRules.length > 0) for (const x of rungRules) rules.add(x);
      else rules.add(id);
    }
  }
  const staff = await db.selectFrom('staff_status').select('staff_id').orderBy('staff_id').limit(5_000).execute();
  return { rules: [...rules].sort(), policies: rows.map((r) => `${r.policy_id}@${r.version}`), staff: staff.map((r) => r.staff_id) };
}

/** Decisions by id (their seq and source op), for linking downstream rows found by a replay. */
export async function decisionsById(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, AuditRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('decisions')
    .select(['seq', 'source_seq', 'payload', 'decision_id'])
    .where(sql<boolean>`decision_id in (select json_array_elements_text(${JSON.stringify(ids)}::json))`)
    .execute();
  return new Map(rows.map((r) => [r.decision_id, { seq: Number(r.seq), sourceSeq: Number(r.source_seq), decision: r.payload as unknown as Decision }]));
}
