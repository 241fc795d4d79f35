/**
 * The access log search: its filters read from a query string, and a page of entries newest first.
 */
import { sql } from 'kysely';
import { parseBound } from '../people';
import type { AdminDb } from '../shared/database';

/** Filters of the access log search; every field optional. */
export interface AccessLogQuery {
  /** Username (or runtime actor) who read. */
  actor?: string;
  clientId?: string;
  /** e.g. `contact.view`, `decisions`, `explain`. */
  action?: string;
  /** `at >= since`. */
  since?: Date;
  /** `at < until`. */
  until?: Date;
  /** Cursor: entries with an id below this one (pages go from newest to oldest). */
  before?: number;
  limit?: number;
}

/** One read recorded in the store's append-only `access_log`. */
export interface AccessLogEntry {
  id: number;
  at: string;
  actor: string;
  clientId: string | null;
  /** Every client a read of many returned (one row per request); null otherwise. */
  clientIds: string[] | null;
  action: string;
}

/** A page of the access log, newest first; pass `next` as `before` for the following page. */
export interface AccessLogPage {
  items: AccessLogEntry[];
  next: number | null;
}

/**
 * Searches the store's access log (who read which client's data, when) for the auditors. The
 * store's `readAccessLog` filters by client only, so this reads the table with kysely; the log
 * holds ids and actions, never the personal data itself.
 */
export async function searchAccessLog(db: AdminDb, query: AccessLogQuery): Promise<AccessLogPage> {
  const limit = Math.min(Math.max(1, Math.floor(query.limit ?? 100)), 1000);
  let q = db.selectFrom('access_log').selectAll();
  if (query.actor !== undefined && query.actor !== '') q = q.where('actor', '=', query.actor);
  const clientId = query.clientId;
  if (clientId !== undefined && clientId !== '') q = q.where((eb) => eb.or([eb('client_id', '=', clientId), sql<boolean>`client_ids @> array[${clientId}]::text[]`]));
  if (query.action !== undefined && query.action !== '') q = q.where('action', '=', query.action);
  if (query.since !== undefined) q = q.where('at', '>=', query.since);
  if (query.until !== undefined) q = q.where('at', '<', query.until);
  if (query.before !== undefined) q = q.where('id', '<', query.before);
  const rows = await q.orderBy('id', 'desc').limit(limit).execute();
  const items = rows.map((r) => ({ id: Number(r.id), at: r.at.toISOString(), actor: r.actor, clientId: r.client_id, clientIds: r.client_ids, action: r.action }));
  const last = items[items.length - 1];
  return { items, next: items.length === limit && last !== undefined ? last.id : null };
}

/**
 * Reads the log's filters from URL search parameters (`actor`, `clientId`, `action`, `since`,
 * `until` as ISO instants or `YYYY-MM-DD` days in China time (a day `until` includes that day), `before`, `limit`); null when an
 * instant or a number is malformed.
 */
export function accessLogQuery(params: URLSearchParams): AccessLogQuery | null {
  const text = (k: string): string | undefined => {
    const v = params.get(k)?.trim();
    return v === undefined || v === '' ? undefined : v.slice(0, 200);
  };
  // A bare day is a whole day in China time: `since` from its start, `until` to its end.
  const instant = (k: string, endOfDay: boolean): Date | undefined | null => {
    const v = text(k);
    return v === undefined ? undefined : parseBound(v, endOfDay);
  };
  const int = (k: string): number | undefined | null => {
    const v = text(k);
    if (v === undefined) return undefined;
    const n = Number(v);
    return Number.isSafeInteger(n) && n > 0 ? n : null;
  };
  const since = instant('since', false);
  const until = instant('until', true);
  const before = int('before');
  const limit = int('limit');
  if (since === null || until === null || before === null || limit === null) return null;
  const out: AccessLogQuery = {};
  const actor = text('actor');
  const clientId = text('clientId');
  const action = text('action');
  if (actor !== undefined) out.actor = actor;
  if (clientId !== undefined) out.clientId = clientId;
  if (action !== undefined) out.action = action;
  if (since !== undefined) out.since = since;
  if (until !== undefined) out.until = until;
  if (before !== undefined) out.before = before;
  if (limit !== undefined) out.limit = limit;
  return out;
}
