/**
 * `Idempotency-Key` for `/api/v1` writes: the first answer to a key is kept for a day and replayed
 * to a retry of the same request.
 */
import { createHash } from 'node:crypto';
import type { AdminDb } from '../shared/database';
import type { TokenPrincipal } from '../tokens';
import { apiError } from './http';

/** How long an answer is kept for replay: a retry comes within minutes, a day is generous. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** A request still "in progress" after this long died with its process; its key may be taken over. */
export const IDEMPOTENCY_STALE_MS = 5 * 60 * 1000;

/** Printable ASCII, no spaces, 1–200 characters (a UUID fits; so does a CRM's batch number). */
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** An answer produced by a handler: status and JSON body. */
export interface Answer {
  status: number;
  body: unknown;
}

/** The hash that identifies one request: method, path, how the body is read, and the body itself. */
export function requestHash(parts: readonly string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(`${p.length}:`).update(p, 'utf8');
  return h.digest('hex');
}

const send = (status: number, text: string, replayed: boolean): Response =>
  new Response(text, {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...(replayed ? { 'idempotent-replayed': 'true' } : {}) },
  });

/**
 * Runs `run` at most once per (token, `Idempotency-Key`): the first answer is stored with the
 * request's hash and replayed, byte for byte, for the same key and the same request; the same key
 * with another request is refused (422); a key whose first request is still running gets 409.
 * Without the header `run` simply runs. The key is reserved before `run` starts (a row with
 * status 0), so two concurrent retries cannot both run it; a reservation whose request failed is
 * dropped, so the client may retry with the same key. Answers are kept for a day.
 */
export async function withIdempotency(db: AdminDb, request: Request, token: TokenPrincipal, hash: string, now: Date, run: () => Promise<Answer>): Promise<Response> {
  const key = request.headers.get('idempotency-key');
  if (key === null) {
    const answer = await run();
    return send(answer.status, JSON.stringify(answer.body), false);
  }
  if (!KEY_PATTERN.test(key)) return apiError(400, 'bad_request', 'api.err.idempotencyKey', {}, { field: 'Idempotency-Key' });
  const expired = new Date(now.getTime() - IDEMPOTENCY_TTL_MS);
  // Old answers of this token go first, so the table holds about a day of keys per token.
  await db.deleteFrom('api_idempotency').where('token_id', '=', token.id).where('created_at', '<', expired).execute();
  const reserved = await db
    .insertInto('api_idempotency')
    .values({ token_id: token.id, key, request_hash: hash, status: 0, body: '', created_at: now })
    .onConflict((oc) => oc.columns(['token_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (reserved === undefined) {
    const stored = await db.selectFrom('api_idempotency').select(['request_hash', 'status', 'body', 'created_at']).where('token_id', '=', token.id).where('key', '=', key).executeTakeFirst();
    if (stored !== undefined && stored.request_hash !== hash) return apiError(422, 'idempotency_key_reused', 'api.err.idempotencyMismatch', {}, { key });
    if (stored !== undefined && stored.status !== 0) return send(stored.status, stored.body, true);
    const takenOver = await db
      .updateTable('api_idempotency')
      .set({ created_at: now })
      .where('token_id', '=', token.id)
      .where('key', '=', key)
      .where('status', '=', 0)
      .where('created_at', '<', new Date(now.getTime() - IDEMPOTENCY_STALE_MS))
      .returning('key')
      .executeTakeFirst();
    if (takenOver === undefined) return apiError(409, 'idempotency_in_progress', 'api.err.idempotencyBusy', {}, { key });
  }
  let answer: Answer;
  try {
    answer = await run();
  } catch (error) {
    await db.deleteFrom('api_idempotency').where('token_id', '=', token.id).where('key', '=', key).where('status', '=', 0).execute();
    throw error;
  }
  const text = JSON.stringify(answer.body);
  if (answer.status >= 500) {
    // A server failure is not an answer to keep: the client retries with the same key.
    await db.deleteFrom('api_idempotency').where('token_id', '=', token.id).where('key', '=', key).where('status', '=', 0).execute();
  } else {
    await db.updateTable('api_idempotency').set({ status: answer.status, body: text }).where('token_id', '=', token.id).where('key', '=', key).execute();
  }
  return send(answer.status, text, false);
}
