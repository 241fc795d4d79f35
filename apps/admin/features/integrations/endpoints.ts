/**
 * Webhook endpoints: their input checked (a bad field named), listed with their delivery counts,
 * created, changed, resumed, their secret rotated.
 */
import { randomBytes } from 'node:crypto';
import { outboxHead } from '@allot/store';
import type { AdminDb, DeliveryStatus, EndpointFilters } from '../shared/database';
import { storeDb } from '../shared/database';
import type { Outbound } from './outbound';
import { isSecret, newSecret } from './signing';

/** An endpoint as the page and the API show it (the secret only when just created or rotated). */
export interface EndpointView {
  id: string;
  name: string;
  url: string;
  filters: EndpointFilters;
  enabled: boolean;
  pausedAt: string | null;
  pauseReason: string | null;
  consecutiveFailures: number;
  /** During a rotation: until when the previous secret also signs. */
  previousSecretUntil: string | null;
  createdBy: string;
  createdAt: string;
  /** Counts of its deliveries by status. */
  counts: Partial<Record<DeliveryStatus, number>>;
}

/** A bad field: which one, and why (both languages). */
export class EndpointInputError extends Error {
  constructor(
    readonly field: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${field}: ${en}`);
  }
}

const list = (value: unknown, field: string): string[] => {
  if (value === undefined || value === null) return [];
  const items = typeof value === 'string' ? value.split(/[\s,]+/) : Array.isArray(value) ? value : null;
  if (items === null || items.some((v) => typeof v !== 'string')) throw new EndpointInputError(field, `${field} 须为字符串列表`, `${field} must be a list of strings`);
  return [...new Set((items as string[]).map((v) => v.trim()).filter((v) => v !== ''))].slice(0, 200);
};

/** Checks the filters of a request body. */
export function parseFilters(value: unknown): EndpointFilters {
  const f = value === undefined || value === null ? {} : value;
  if (typeof f !== 'object' || Array.isArray(f)) throw new EndpointInputError('filters', 'filters 须为对象', 'filters must be an object');
  const r = f as Record<string, unknown>;
  return { kinds: list(r['kinds'], 'filters.kinds'), rules: list(r['rules'], 'filters.rules'), staff: list(r['staff'], 'filters.staff'), workflow: r['workflow'] === undefined ? true : r['workflow'] === true };
}

/** Checks an endpoint URL: http(s), at most 2,000 characters. */
export function parseUrl(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2_000) throw new EndpointInputError('url', '需要 URL（至多 2000 字符）', 'a URL (up to 2,000 characters) is required');
  let u: URL;
  try {
    u = new URL(value.trim());
  } catch {
    throw new EndpointInputError('url', 'URL 格式不正确', 'the URL is not valid');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new EndpointInputError('url', 'URL 须以 http:// 或 https:// 开头', 'the URL must start with http:// or https://');
  return u.toString();
}

async function counts(db: AdminDb, ids: readonly string[]): Promise<Map<string, Partial<Record<DeliveryStatus, number>>>> {
  const out = new Map<string, Partial<Record<DeliveryStatus, number>>>();
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('outbound_deliveries').select(['endpoint_id', 'status', (eb) => eb.fn.countAll<number>().as('n')]).where('endpoint_id', 'in', [...ids]).groupBy(['endpoint_id', 'status']).execute();
  for (const r of rows) out.set(r.endpoint_id, { ...(out.get(r.endpoint_id) ?? {}), [r.status]: Number(r.n) });
  return out;
}

type Row = { id: string; name: string; url: string; filters: EndpointFilters; enabled: boolean; paused_at: Date | null; pause_reason: string | null; consecutive_failures: number; previous_secret_until: Date | null; created_by: string; created_at: Date };

const toView = (r: Row, c: Partial<Record<DeliveryStatus, number>> = {}): EndpointView => ({
  id: r.id,
  name: r.name,
  url: r.url,
  filters: r.filters,
  enabled: r.enabled,
  pausedAt: r.paused_at?.toISOString() ?? null,
  pauseReason: r.pause_reason,
  consecutiveFailures: r.consecutive_failures,
  previousSecretUntil: r.previous_secret_until?.toISOString() ?? null,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at).toISOString(),
  counts: c,
});

const COLUMNS = ['id', 'name', 'url', 'filters', 'enabled', 'paused_at', 'pause_reason', 'consecutive_failures', 'previous_secret_until', 'created_by', 'created_at'] as const;

/** Every endpoint, oldest first, with its delivery counts. */
export async function listEndpoints(db: AdminDb): Promise<EndpointView[]> {
  const rows = (await db.selectFrom('webhook_endpoints').select(COLUMNS).orderBy('created_at').orderBy('id').execute()) as Row[];
  const c = await counts(db, rows.map((r) => r.id));
  return rows.map((r) => toView(r, c.get(r.id)));
}

/** One endpoint, or undefined. */
export async function findEndpoint(db: AdminDb, id: string): Promise<EndpointView | undefined> {
  const r = (await db.selectFrom('webhook_endpoints').select(COLUMNS).where('id', '=', id).executeTakeFirst()) as Row | undefined;
  return r === undefined ? undefined : toView(r, (await counts(db, [id])).get(id));
}

/**
 * Adds an endpoint: it receives what enters the outbox from now on. The secret is generated
 * unless one is given (`whsec_…`); it is returned this once.
 */
export async function createEndpoint(db: AdminDb, input: { name: unknown; url: unknown; secret?: unknown; filters?: unknown; enabled?: unknown }, actor: string, now: Date): Promise<{ endpoint: EndpointView; secret: string }> {
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name === '' || name.length > 80) throw new EndpointInputError('name', '需要名称（至多 80 字）', 'a name (up to 80 characters) is required');
  const url = parseUrl(input.url);
  const secret = input.secret === undefined || input.secret === null || input.secret === '' ? newSecret() : String(input.secret);
  if (!isSecret(secret)) throw new EndpointInputError('secret', '密钥须为 whsec_ 加 base64（24–64 字节）', 'the secret must be whsec_ followed by base64 of 24–64 bytes');
  const filters = parseFilters(input.filters);
  const id = `wh_${randomBytes(8).toString('hex')}`;
  const fromSeq = await outboxHead(storeDb(db));
  await db
    .insertInto('webhook_endpoints')
    .values({ id, name, url, secret, previous_secret: null, previous_secret_until: null, filters: JSON.stringify(filters), enabled: input.enabled !== false, paused_at: null, pause_reason: null, from_seq: fromSeq, created_by: actor, created_at: now, updated_at: now })
    .execute();
  return { endpoint: (await findEndpoint(db, id)) as EndpointView, secret };
}

/** Changes an endpoint's name, URL, filters or on/off. */
export async function updateEndpoint(db: AdminDb, outbound: Outbound | undefined, id: string, input: { name?: unknown; url?: unknown; filters?: unknown; enabled?: unknown }, now: Date): Promise<EndpointView | undefined> {
  const changes: { name?: string; url?: string; filters?: string; enabled?: boolean; updated_at: Date } = { updated_at: now };
  if (input.name !== undefined) {
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (name === '' || name.length > 80) throw new EndpointInputError('name', '需要名称（至多 80 字）', 'a name (up to 80 characters) is required');
    changes.name = name;
  }
  if (input.url !== undefined) changes.url = parseUrl(input.url);
  if (input.filters !== undefined) changes.filters = JSON.stringify(parseFilters(input.filters));
  if (input.enabled !== undefined) {
    if (typeof input.enabled !== 'boolean') throw new EndpointInputError('enabled', 'enabled 须为 true 或 false', 'enabled must be true or false');
    changes.enabled = input.enabled;
  }
  const r = await db.updateTable('webhook_endpoints').set(changes).where('id', '=', id).returning('id').executeTakeFirst();
  if (r === undefined) return undefined;
  if (changes.enabled === true) await releaseHeld(db, outbound, id, now);
  return findEndpoint(db, id);
}

/**
 * Rotates the secret: a new one signs from now on, and the previous one too for `overlapHours`
 * (default 24), so receivers can switch keys without losing a delivery. Returns the new secret.
 */
export async function rotateSecret(db: AdminDb, id: string, now: Date, overlapHours = 24): Promise<{ endpoint: EndpointView; secret: string } | undefined> {
  const row = await db.selectFrom('webhook_endpoints').select('secret').where('id', '=', id).executeTakeFirst();
  if (row === undefined) return undefined;
  const secret = newSecret();
  const hours = Math.max(0, Math.min(24 * 30, overlapHours));
  await db.updateTable('webhook_endpoints').set({ secret, previous_secret: row.secret, previous_secret_until: new Date(now.getTime() + hours * 3_600_000), updated_at: now }).where('id', '=', id).execute();
  return { endpoint: (await findEndpoint(db, id)) as EndpointView, secret };
}

/** Deliveries that waited for the endpoint (paused or off) are due again. */
async function releaseHeld(db: AdminDb, outbound: Outbound | undefined, endpointId: string, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx.updateTable('outbound_deliveries').set({ status: 'pending', next_at: now }).where('endpoint_id', '=', endpointId).where('status', '=', 'held').returning('id').execute();
    await outbound?.schedule(trx, rows.map((r) => Number(r.id)), now);
    return rows.length;
  });
}

/** Resumes a paused endpoint: the failure count starts over and the deliveries that waited go out. */
export async function resumeEndpoint(db: AdminDb, outbound: Outbound | undefined, id: string, now: Date): Promise<{ endpoint: EndpointView; released: number } | undefined> {
  const r = await db.updateTable('webhook_endpoints').set({ paused_at: null, pause_reason: null, consecutive_failures: 0, updated_at: now }).where('id', '=', id).returning('id').executeTakeFirst();
  if (r === undefined) return undefined;
  const released = await releaseHeld(db, outbound, id, now);
  return { endpoint: (await findEndpoint(db, id)) as EndpointView, released };
}
