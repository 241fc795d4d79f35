import type { Kysely } from 'kysely';
import type { Database } from './database.js';

/** One read of personal data: who, which client (null for a read not about one client), what. */
export interface AccessEntry {
  actor: string;
  clientId: string | null;
  action: string;
}

/** Records reads in one insert. */
export async function logAccess(db: Kysely<Database>, entries: readonly AccessEntry[], at: Date): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('access_log')
    .values(entries.map((e) => ({ actor: e.actor, client_id: e.clientId, action: e.action, at })))
    .execute();
}

/** The reads of one client's data (or all reads), newest first. */
export async function readAccessLog(
  db: Kysely<Database>,
  filter: { clientId?: string; limit?: number } = {},
): Promise<Array<AccessEntry & { id: number; at: Date }>> {
  let q = db.selectFrom('access_log').selectAll();
  if (filter.clientId !== undefined) q = q.where('client_id', '=', filter.clientId);
  const rows = await q.orderBy('id', 'desc').limit(Math.min(filter.limit ?? 100, 10_000)).execute();
  return rows.map((r) => ({ id: Number(r.id), actor: r.actor, clientId: r.client_id, action: r.action, at: r.at }));
}
