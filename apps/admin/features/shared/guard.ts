/**
 * The route guards: JSON responses, the same-origin check, the session's role check
 * (`requireRole`, `guardMutation`) and JSON bodies under a limit.
 */
import { isIP } from 'node:net';
import type { NextRequest } from 'next/server';
import type { Role } from './database';
import { getApp } from './app-context';
import { bodyRefusal, DEFAULT_BODY_LIMIT, readBodyText } from './body-limit';
import { findBodyHazard, hazardResponse } from './request-body';
import { readSession, SESSION_COOKIE } from '../auth';
import type { SessionUser } from '../auth';

/** Methods that change nothing; every other method must come from the app's own pages. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A JSON response with no caching. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers } });
}

/** Is `host` (a Host header: name or address, maybe a port) one no DNS rebinding can forge? */
export function isLiteralHost(host: string): boolean {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:]+)(:\d+)?$/.exec(host.trim());
  if (m === null) return false;
  const name = (m[1] ?? '').replace(/^\[|\]$/g, '').toLowerCase();
  return name === 'localhost' || isIP(name) !== 0;
}

/**
 * The origins the app answers on: `ALLOT_ORIGIN` (comma-separated). Without it, the origin the
 * request was sent to, but only when its Host is `localhost` or an IP address: a Host that is a
 * domain name could be an attacker's, pointed at this server (DNS rebinding), so a deployment
 * under a name must set `ALLOT_ORIGIN` (docs/security.md).
 */
export function appOrigins(request: Request): string[] {
  const configured = process.env['ALLOT_ORIGIN'];
  if (configured !== undefined && configured.trim() !== '') return configured.split(',').map((o) => o.trim().replace(/\/$/, ''));
  const host = request.headers.get('host');
  if (host === null || !isLiteralHost(host)) return [];
  const proto = request.headers.get('x-forwarded-proto') === 'https' ? 'https' : 'http';
  return [`${proto}://${host}`];
}

/**
 * Refuses a cross-site request: a method that changes state must carry an `Origin` header equal
 * to the app's own origin (missing, `null` or foreign → 403), and a browser's `Sec-Fetch-Site`,
 * when sent, must say `same-origin`. Safe methods pass. Returns the 403 to send, or null.
 * Called first by every mutating route handler: the framework's checks are not relied on.
 */
export function refuseCrossSite(request: Request): Response | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const origin = request.headers.get('origin');
  const site = request.headers.get('sec-fetch-site');
  const ok = origin !== null && origin !== 'null' && appOrigins(request).includes(origin) && (site === null || site === 'same-origin');
  return ok ? null : json({ error: 'cross_site', message: { zh: '拒绝跨站请求', en: 'cross-site request refused' } }, 403);
}

/** Options of {@link requireRole} and {@link guardMutation}. */
export interface GuardOptions {
  /** Admit a user whose password was reset (only the password-change route does). */
  allowPasswordChange?: boolean;
}

/** The outcome of {@link requireRole}. */
export type RoleCheck = { ok: true; user: SessionUser } | { ok: false; response: Response };

/** The signed-in user of a request, or null. */
export async function sessionUser(request: NextRequest): Promise<SessionUser | null> {
  const { db, clock } = await getApp();
  return readSession(db, request.cookies.get(SESSION_COOKIE)?.value, clock.now());
}

/**
 * The authorization check every route handler makes itself (middleware is never the check):
 * no live session → 401, a password reset by an administrator and not yet changed → 403
 * `password_change_required`, a role not in `roles` → 403. `roles: 'any'` admits every signed-in user.
 */
export async function requireRole(request: NextRequest, roles: readonly Role[] | 'any', options: GuardOptions = {}): Promise<RoleCheck> {
  const user = await sessionUser(request);
  if (user === null) return { ok: false, response: json({ error: 'unauthenticated', message: { zh: '请先登录', en: 'please sign in' } }, 401) };
  if (user.mustChangePassword && options.allowPasswordChange !== true) {
    return { ok: false, response: json({ error: 'password_change_required', message: { zh: '管理员已重置您的密码，请先设置新密码', en: 'an administrator reset your password: choose a new one first' } }, 403) };
  }
  if (roles !== 'any' && !roles.includes(user.role)) {
    return { ok: false, response: json({ error: 'forbidden', message: { zh: '您的角色无权执行此操作', en: 'your role may not do this' } }, 403) };
  }
  return { ok: true, user };
}

/**
 * The two checks every mutating route handler makes first, in this order: {@link refuseCrossSite}
 * (a cross-site request gets 403 before any session is read), then {@link requireRole}. Each
 * handler calls it itself, with the roles it admits; the authorization test checks that it does.
 */
export async function guardMutation(request: NextRequest, roles: readonly Role[] | 'any', options: GuardOptions = {}): Promise<RoleCheck> {
  const crossSite = refuseCrossSite(request);
  if (crossSite !== null) return { ok: false, response: crossSite };
  return requireRole(request, roles, options);
}

/**
 * Reads a JSON body of at most `limit` bytes as a stream (features/shared/body-limit.ts): the
 * value, null when it is not JSON; or the answer to send: 413 when the body is over the limit,
 * 400 naming the field when it nests too deep or holds a NUL or a lone surrogate
 * ({@link findBodyHazard}).
 */
export async function readJsonBody(request: Request, limit = DEFAULT_BODY_LIMIT): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const read = await readBodyText(request, limit);
  if (!read.ok) return { ok: false, response: bodyRefusal(read) };
  let value: unknown;
  try {
    value = JSON.parse(read.text) as unknown;
  } catch (error) {
    // JSON.parse recurses: a RangeError is its stack running out on absurd nesting.
    if (error instanceof RangeError) return { ok: false, response: hazardResponse({ pointer: '', problem: 'too_deep' }) };
    return { ok: true, value: null };
  }
  const hazard = findBodyHazard(value);
  return hazard === null ? { ok: true, value } : { ok: false, response: hazardResponse(hazard) };
}
