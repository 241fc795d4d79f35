/**
 * The `/api/v1` handlers (route files check the token, then call one of these): a published
 * version, one staff member's status, the recorded decisions, allocating a client, and a
 * client's contact written in. `http.ts` holds the plumbing they share; an error nobody
 * expected answers 500 without internals (`internalError`).
 */
import { ALLOCATION_MODES } from '@allot/engine';
import type { AllocationMode } from '@allot/engine';
import { PHONE_PATTERN, upsertContacts } from '../clients';
import type { TokenPrincipal } from '../tokens';
import { getApp } from '../shared/app-context';
import { json } from '../shared/guard';
import { postEvents, refusalAnswer } from './events';
import { apiError, badField, internalError, isId, readJsonObject } from './http';
import { requestHash, withIdempotency } from './idempotency';
import { parseDecisionQuery, readPublishedVersion } from './reads';

/** Runs a handler's work, answering 500 for what it throws. */
async function guarded(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    return internalError(error);
  }
}

/** A published version's content, hash, status and effective time; 404 for drafts and unknown versions. */
export async function publishedVersionHttp({ id, version }: { id: string; version: string }): Promise<Response> {
  return guarded(async () => {
    const { db, clock } = await getApp();
    const found = await readPublishedVersion(db, id, version, clock.now());
    if (found === undefined) return apiError(404, 'not_found', 'api.err.unknownVersion', { id, version });
    return json(found);
  });
}

/** The runtime's view of one staff member now; 404 when no event names them. */
export async function staffStatusHttp(id: string): Promise<Response> {
  if (!isId(id)) return apiError(404, 'not_found', 'api.err.unknownStaff', { id: '?' });
  return guarded(async () => {
    const { runtime } = await getApp();
    const status = await runtime.status(id);
    if (!status.known) return apiError(404, 'not_found', 'api.err.unknownStaff', { id });
    return json(status);
  });
}

/** Recorded decisions by the query's filters and cursor (400 naming a bad parameter), access-logged as the token. */
export async function decisionsHttp(searchParams: URLSearchParams, token: TokenPrincipal): Promise<Response> {
  const query = parseDecisionQuery(searchParams);
  if (!query.ok) return query.response;
  return guarded(async () => {
    const { runtime } = await getApp();
    return json(await runtime.decisions(query.filter, { actor: token.actor }));
  });
}

/** Allocates `{ clientId, mode? }` now (a `lead.allocate` event) → `{ decision }`; `Idempotency-Key` replays the first answer. */
export async function allocateHttp(request: Request, token: TokenPrincipal): Promise<Response> {
  const read = await readJsonObject(request);
  if (!read.ok) return read.response;
  const clientId = read.body['clientId'];
  const mode = read.body['mode'] ?? 'pool';
  if (!isId(clientId)) return badField('clientId', 'expected a string of 1–128 characters');
  if (typeof mode !== 'string' || !(ALLOCATION_MODES as readonly string[]).includes(mode)) return badField('mode', `expected one of ${ALLOCATION_MODES.join(', ')}`);
  return guarded(async () => {
    const { db, runtime, clock } = await getApp();
    const hash = requestHash(['POST', '/api/v1/allocate', read.text]);
    return await withIdempotency(db, request, token, hash, clock.now(), async () => {
      try {
        return { status: 200, body: { decision: await runtime.allocate(clientId, mode as AllocationMode) } };
      } catch (error) {
        return refusalAnswer(error);
      }
    });
  });
}

/** Writes a client's contact `{ name, phone }` (stored outside the event log); the answer repeats neither field. */
export async function putContactHttp(request: Request, token: TokenPrincipal, id: string): Promise<Response> {
  if (!isId(id)) return badField('id', 'expected a client id of 1–128 characters');
  const read = await readJsonObject(request);
  if (!read.ok) return read.response;
  const name = typeof read.body['name'] === 'string' ? read.body['name'].trim() : '';
  // Spaces and dashes as people type them ("138 0013 8000") are dropped; the digits must match.
  const phone = typeof read.body['phone'] === 'string' ? read.body['phone'].replace(/[\s-]/g, '') : '';
  if (name === '' || name.length > 100) return badField('name', 'expected 1–100 characters');
  if (!PHONE_PATTERN.test(phone)) return badField('phone', 'expected a mainland mobile number: 11 digits starting with 1 (e.g. 13800138000)');
  return guarded(async () => {
    const { db, clock } = await getApp();
    const now = clock.now();
    await upsertContacts(db, [{ clientId: id, name, phone }], token.actor, now);
    return json({ clientId: id, stored: true, updatedAt: now.toISOString() });
  });
}

/** A batch of events (`postEvents`), answering 500 for what it throws. */
export async function eventsHttp(request: Request, token: TokenPrincipal): Promise<Response> {
  return guarded(() => postEvents(request, token));
}
