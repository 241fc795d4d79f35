/**
 * `POST /api/v1/events` and what the admin's own event feed shares with it: the batch limit, the
 * formats accepted, and runtime refusals as HTTP statuses.
 */
import { isRuntimeError } from '@allot/runtime';
import type { RuntimeErrorCode } from '@allot/runtime';
import type { TokenPrincipal } from '../tokens';
import { apiError, apiMessage, readBody } from './http';
import { requestHash, withIdempotency } from './idempotency';
import type { Answer } from './idempotency';
import { getApp } from '../shared/app-context';

/** The largest event batch: 8 MiB (about 40,000 events; the demo's three months are 3,729). */
export const EVENTS_BODY_LIMIT = 8 * 1024 * 1024;

/** An answer lists at most this many rejected lines; `rejectedCount` says how many there were. */
export const MAX_REJECTED_SHOWN = 100;

/** How a body is read: a JSON array, or JSON Lines. */
export type EventsFormat = 'array' | 'lines';

/**
 * The format a `Content-Type` names: `application/json` (and `+json` types) is an array;
 * `application/x-ndjson`, `application/jsonl`, `application/json-lines` and `text/*` are JSON
 * Lines. Anything else, or none, is refused (415) rather than guessed.
 */
export function eventsFormat(contentType: string | null): EventsFormat | null {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json' || /^application\/[a-z0-9.+-]*\+json$/.test(type)) return 'array';
  if (['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonl', 'application/json-lines', 'application/jsonlines'].includes(type)) return 'lines';
  if (type.startsWith('text/')) return 'lines';
  return null;
}

/**
 * The HTTP status of each documented runtime refusal (docs/security.md "Refusals"). Matched on
 * the error's code (`isRuntimeError`), never `instanceof`: Next.js loads the runtime into more
 * than one bundle, and an error from one copy is no instance of another's class.
 */
export const RUNTIME_REFUSAL_STATUS: Readonly<Record<RuntimeErrorCode, number>> = {
  'no-policy': 409,
  'policy-invalid': 422,
  'policy-exists': 409,
  'effective-too-early': 409,
  'effective-required': 400,
  'not-found': 404,
  'invalid-input': 400,
  'not-scheduled': 409,
};

/** A refusal of the runtime as an answer (the request changed nothing); null for any other error. */
export function runtimeAnswer(error: unknown): Answer | null {
  if (!isRuntimeError(error)) return null;
  const status = RUNTIME_REFUSAL_STATUS[error.code];
  if (error.code === 'no-policy') return { status, body: { error: 'no_policy', message: apiMessage('api.err.noPolicy') } };
  if (error.code === 'invalid-input') return { status, body: { error: 'bad_request', message: { zh: `请求无效：${error.message}`, en: `invalid request: ${error.message}` } } };
  return { status, body: { error: error.code.replace(/-/g, '_'), message: { zh: `请求被拒绝：${error.message}`, en: `refused: ${error.message}` } } };
}

/** A runtime refusal as its answer; any other error is thrown on. */
export function refusalAnswer(error: unknown): Answer {
  const answer = runtimeAnswer(error);
  if (answer === null) throw error;
  return answer;
}

/**
 * `POST /api/v1/events`: reads the batch (size-limited), then — at most once per
 * `Idempotency-Key` — hands it to the runtime's `ingest`, which validates every line, keeps the
 * valid ones, skips events already stored (idempotent by event id) and records the decisions.
 * 200 when anything was kept or already stored (the bad lines listed in `rejected`), 422 when
 * every line was bad.
 */
export async function postEvents(request: Request, token: TokenPrincipal): Promise<Response> {
  const format = eventsFormat(request.headers.get('content-type'));
  if (format === null) return apiError(415, 'unsupported_media_type', 'api.err.mediaType');
  const read = await readBody(request, EVENTS_BODY_LIMIT);
  if (!read.ok) return read.response;
  let input: string | unknown[] = read.text;
  if (format === 'array') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(read.text) as unknown;
    } catch {
      return apiError(400, 'bad_json', 'api.err.badJson');
    }
    if (!Array.isArray(parsed)) return apiError(400, 'bad_request', 'api.err.notArray', {}, { field: '(body)' });
    input = parsed;
  }
  const { db, runtime, clock } = await getApp();
  const hash = requestHash(['POST', '/api/v1/events', format, read.text]);
  return withIdempotency(db, request, token, hash, clock.now(), async () => {
    try {
      const result = await runtime.ingest(input, { maxRejected: MAX_REJECTED_SHOWN });
      const kept = result.accepted + result.duplicates;
      if (kept === 0 && result.rejected.length > 0) return { status: 422, body: { error: 'invalid_events', message: apiMessage('api.err.invalidEvents'), ...result } };
      return { status: 200, body: result.rejected.length > 0 ? { ...result, message: apiMessage('api.err.someInvalid') } : result };
    } catch (error) {
      return refusalAnswer(error);
    }
  });
}
