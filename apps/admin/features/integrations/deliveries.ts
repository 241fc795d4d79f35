/** The delivery log: its lines, replays of one or a range, and the deliveries waiting. */
import { sql } from 'kysely';
import type { AdminDb, DeliveryStatus } from '../shared/database';
import type { Outbound } from './outbound';

/** One line of the delivery log. */
export interface DeliveryView {
  id: number;
  target: 'webhook' | 'notification';
  endpointId: string;
  recipient: string | null;
  eventId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  nextAt: string;
  createdAt: string;
  lastAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  latencyMs: number | null;
  deliveredAt: string | null;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** The newest deliveries first, of one endpoint or channel and/or status when given. */
export async function listDeliveries(db: AdminDb, filter: { endpointId?: string; status?: DeliveryStatus; before?: number; limit?: number } = {}): Promise<DeliveryView[]> {
  let q = db.selectFrom('outbound_deliveries').select(['id', 'target', 'endpoint_id', 'recipient', 'event_id', 'event_type', 'status', 'attempts', 'next_at', 'created_at', 'last_attempt_at', 'last_status', 'last_error', 'latency_ms', 'delivered_at']);
  if (filter.endpointId !== undefined) q = q.where('endpoint_id', '=', filter.endpointId);
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (filter.before !== undefined) q = q.where('id', '<', filter.before);
  const rows = await q.orderBy('id', 'desc').limit(Math.max(1, Math.min(500, filter.limit ?? 100))).execute();
  return rows.map((r) => ({
    id: Number(r.id),
    target: r.target,
    endpointId: r.endpoint_id,
    recipient: r.recipient,
    eventId: r.event_id,
    eventType: r.event_type,
    status: r.status,
    attempts: r.attempts,
    nextAt: iso(r.next_at) ?? '',
    createdAt: iso(r.created_at) ?? '',
    lastAttemptAt: iso(r.last_attempt_at),
    lastStatus: r.last_status,
    lastError: r.last_error,
    latencyMs: r.latency_ms,
    deliveredAt: iso(r.delivered_at),
  }));
}

/** What to replay: one delivery, or a range of one endpoint's (by delivery id, and/or by status). */
export type ReplaySelection = { id: number } | { endpointId: string; fromId?: number; toId?: number; status?: 'dead' | 'delivered' | 'held' };

/**
 * Sends deliveries again (a dead letter, or a range after the receiver lost data): each goes back
 * to pending now with its maximum age counted from the replay; the same webhook-id, so a receiver
 * that already has it can tell. A delivery being sent right now is left alone. Returns how many.
 */
export async function replayDeliveries(db: AdminDb, outbound: Outbound | undefined, selection: ReplaySelection, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let q = trx.updateTable('outbound_deliveries').set({ status: 'pending', next_at: now, replayed_at: now, lease_until: null }).where('status', '<>', 'sending');
    if ('id' in selection) q = q.where('id', '=', selection.id);
    else {
      q = q.where('endpoint_id', '=', selection.endpointId);
      if (selection.fromId !== undefined) q = q.where('id', '>=', selection.fromId);
      if (selection.toId !== undefined) q = q.where('id', '<=', selection.toId);
      q = selection.status === undefined ? q.where('status', 'in', ['dead', 'delivered', 'held']) : q.where('status', '=', selection.status);
    }
    const rows = await q.returning('id').execute();
    await outbound?.schedule(trx, rows.map((r) => Number(r.id)), now);
    return rows.length;
  });
}

/** Whether any delivery of an endpoint is still to go (tests and the page). */
export async function pendingCount(db: AdminDb, endpointId?: string): Promise<number> {
  let q = db.selectFrom('outbound_deliveries').select(sql<number>`count(*)`.as('n')).where('status', 'in', ['pending', 'sending']);
  if (endpointId !== undefined) q = q.where('endpoint_id', '=', endpointId);
  return Number((await q.executeTakeFirst())?.n ?? 0);
}
