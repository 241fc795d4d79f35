import { findBodyHazard } from '../shared/request-body';
import type { Localized } from '../shared/i18n/lang';
import { t } from '../shared/i18n/messages';
import type { MessageKey } from '../shared/i18n/messages';
import { grants, verifyToken } from '../tokens';
import type { TokenPrincipal, TokenScope } from '../tokens';
import { getApp } from '../shared/app-context';
import { json } from '../shared/guard';

/**
 * The `/api/v1` plumbing: token authentication, errors in both languages, bodies read under a
 * size limit. These handlers take the token from `Authorization: Bearer …` and nothing else —
 * no cookie is read, so a browser cannot be tricked into sending an authenticated request
 * (no CSRF surface), and no CORS header is sent, so no other site's script can call them.
 */

/** A sentence in both languages from the messages table. */
export function apiMessage(key: MessageKey, vars: Record<string, string | number> = {}): Localized {
  return { zh: t('zh', key, vars), en: t('en', key, vars) };
}

/** An error answer: `{ error, message: { zh, en }, ...extra }`. */
export function apiError(status: number, error: string, key: MessageKey, vars: Record<string, string | number> = {}, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return json({ error, message: apiMessage(key, vars), ...extra }, status, headers);
}

/** The outcome of {@link requireToken}. */
export type TokenCheck = { ok: true; token: TokenPrincipal } | { ok: false; response: Response };

const REALM = 'Bearer realm="allot"';

/**
 * The check every `/api/v1` handler makes itself: `Authorization: Bearer allot_<id>.<secret>`
 * naming a live token (missing, malformed, unknown, wrong secret or revoked → 401), whose
 * scopes include `scope` (→ 403). Cookies are ignored on purpose (see above).
 */
export async function requireToken(request: Request, scope: TokenScope): Promise<TokenCheck> {
  const header = request.headers.get('authorization');
  const m = header === null ? null : /^Bearer[ ]+([^ ]+)[ ]*$/i.exec(header);
  if (m === null) return { ok: false, response: apiError(401, 'unauthenticated', 'api.err.unauthenticated', {}, {}, { 'www-authenticate': REALM }) };
  const { db, clock } = await getApp();
  const token = await verifyToken(db, m[1] ?? '', clock.now());
  if (token === undefined) return { ok: false, response: apiError(401, 'unauthenticated', 'api.err.unauthenticated', {}, {}, { 'www-authenticate': `${REALM}, error="invalid_token"` }) };
  if (!grants(token.scopes, scope)) {
    return { ok: false, response: apiError(403, 'forbidden', 'api.err.forbidden', { scope }, { scope }, { 'www-authenticate': `${REALM}, error="insufficient_scope", scope="${scope}"` }) };
  }
  return { ok: true, token };
}

/** A body read as text, or the error to answer. */
export type BodyRead = { ok: true; text: string } | { ok: false; response: Response };

/**
 * Reads the body as UTF-8 text of at most `limit` bytes: a `Content-Length` over the limit is
 * refused before reading, and a body without one is counted while it streams, so an oversized
 * request never sits in memory whole (413 either way).
 */
export async function readBody(request: Request, limit: number): Promise<BodyRead> {
  const tooLarge = (): BodyRead => ({ ok: false, response: apiError(413, 'payload_too_large', 'api.err.tooLarge', { limit }, { limit }) });
  const declared = Number(request.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > limit) return tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body !== null) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        return tooLarge();
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, response: apiError(400, 'bad_encoding', 'api.err.badEncoding') };
  }
}

/** Small JSON bodies (allocate, contact): at most 16 KiB. */
export const SMALL_BODY_LIMIT = 16 * 1024;

/** Reads a small JSON object body; the error to answer when it is too large, not JSON or not an object. */
export async function readJsonObject(request: Request): Promise<{ ok: true; text: string; body: Record<string, unknown> } | { ok: false; response: Response }> {
  const read = await readBody(request, SMALL_BODY_LIMIT);
  if (!read.ok) return read;
  let parsed: unknown;
  try {
    parsed = JSON.parse(read.text) as unknown;
  } catch {
    return { ok: false, response: apiError(400, 'bad_json', 'api.err.badJson') };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, response: badField('(body)', 'expected a JSON object') };
  const hazard = findBodyHazard(parsed);
  if (hazard !== null) return { ok: false, response: badField(hazard.pointer === '' ? '(body)' : hazard.pointer, hazard.problem === 'too_deep' ? 'nested too deeply' : hazard.problem === 'nul' ? 'contains a NUL character' : 'contains a lone surrogate') };
  return { ok: true, text: read.text, body: parsed as Record<string, unknown> };
}

/** 400 for one bad body field, named. */
export function badField(field: string, detail: string): Response {
  return apiError(400, 'bad_request', 'api.err.badField', { field, detail }, { field });
}

/** 400 for one bad query parameter, named. */
export function badQuery(field: string, detail: string): Response {
  return apiError(400, 'bad_request', 'api.err.badQuery', { field, detail }, { field });
}

/** 500 for an error nobody expected, logged on the server; the client learns nothing of the internals. */
export function internalError(error: unknown): Response {
  console.error('allot api v1:', error);
  return apiError(500, 'internal', 'api.err.internal');
}

/** Ids in paths and bodies: 1–128 characters, no control characters. */
export function isId(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 128) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return false;
  }
  return true;
}
