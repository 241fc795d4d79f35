import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from './database.js';

/** One read of personal data: who, which client (null for a read not about one client), what. */
export interface AccessEntry {
  actor: string;
  clientId: string | null;
  action: string;
  /** Every client a read of many returned (then `clientId` is null): one row for the request. */
  clientIds?: readonly string[] | null;
}

/** Records reads in one insert. */
export async function logAccess(db: Kysely<Database>, entries: readonly AccessEntry[], at: Date): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('access_log')
    .values(entries.map((e) => ({ actor: e.actor, client_id: e.clientId, action: e.action, at, ...(e.clientIds === undefined || e.clientIds === null ? {} : { client_ids: [...e.clientIds] }) })))
    .execute();
}

/**
 * Records one request that read the data of `clientIds` (a page of decisions): one row, with
 * the one client in `client_id` or, for several, all of them in `client_ids`. Nothing for none.
 */
export async function logAccessRequest(db: Kysely<Database>, entry: { actor: string; action: string; clientIds: Iterable<string> }, at: Date): Promise<void> {
  const ids = [...new Set(entry.clientIds)].sort();
  if (ids.length === 0) return;
  await logAccess(db, [ids.length === 1 ? { actor: entry.actor, clientId: ids[0] ?? null, action: entry.action } : { actor: entry.actor, clientId: null, clientIds: ids, action: entry.action }], at);
}

/** The reads of one client's data (its own rows and the requests that listed it among others), or all reads, newest first. */
export async function readAccessLog(
  db: Kysely<Database>,
  filter: { clientId?: string; limit?: number } = {},
): Promise<Array<AccessEntry & { id: number; at: Date }>> {
  let q = db.selectFrom('access_log').selectAll();
  const clientId = filter.clientId;
  if (clientId !== undefined) q = q.where((eb) => eb.or([eb('client_id', '=', clientId), sql<boolean>`client_ids @> array[${clientId}]::text[]`]));
  const rows = await q.orderBy('id', 'desc').limit(Math.min(filter.limit ?? 100, 10_000)).execute();
  return rows.map((r) => ({ id: Number(r.id), actor: r.actor, clientId: r.client_id, action: r.action, at: r.at, clientIds: r.client_ids }));
}
