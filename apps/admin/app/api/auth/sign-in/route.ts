import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';
import { getApp } from '../../../../features/shared/app-context';
import { verifyPassword } from '../../../../features/auth/passwords';
import { createSession, deleteSession, SESSION_COOKIE } from '../../../../features/auth/sessions';
import { clearFailures, lockedUntil, recordFailure, throttleKeys } from '../../../../features/auth/throttle';
import { findCredentials } from '../../../../features/auth/users';
import { json, refuseCrossSite } from '../../../../features/shared/guard';
import { asRecord, clientAddress, stringField } from '../../../../features/shared/request-body';
import { setSessionCookie } from '../../../../features/auth/session-cookie';

/** Form posts get redirects (the sign-in page shows the error); JSON clients get status codes. */
function answer(request: NextRequest, asJson: boolean, status: number, error: string | null, username?: string): NextResponse {
  if (asJson) return new NextResponse(JSON.stringify(error === null ? { ok: true, username } : { error }), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
  return new NextResponse(null, { status: 303, headers: { location: error === null ? '/' : `/sign-in?error=${error}`, 'cache-control': 'no-store' } });
}

/**
 * Signs in: public (no role), but only from the app's own pages (Origin check). Refused while the
 * account or the address is locked (5 / 20 failures → 15 minutes); a success always starts a
 * brand-new session (the old one, if any, is deleted).
 */
export async function POST(request: NextRequest): Promise<Response> {
  const crossSite = refuseCrossSite(request);
  if (crossSite !== null) return crossSite;
  const asJson = (request.headers.get('content-type') ?? '').includes('application/json');
  let body: Record<string, unknown>;
  try {
    body = asJson ? asRecord(await request.json()) : Object.fromEntries((await request.formData()).entries());
  } catch {
    return json({ error: 'bad_request' }, 400);
  }
  const username = stringField(body, 'username', 64).toLowerCase();
  const password = typeof body['password'] === 'string' ? body['password'].slice(0, 256) : '';
  const { db, clock } = await getApp();
  const now = clock.now();
  const keys = throttleKeys(username, clientAddress(request));
  if ((await lockedUntil(db, keys, now)) !== null) return answer(request, asJson, 429, 'locked');
  const credentials = username === '' ? undefined : await findCredentials(db, username);
  const usable = credentials !== undefined && !credentials.disabled ? credentials.passwordHash : undefined;
  const ok = (await verifyPassword(password, usable)) && usable !== undefined;
  if (!ok) {
    await recordFailure(db, keys, now);
    return answer(request, asJson, 401, 'invalid');
  }
  await clearFailures(db, keys);
  await deleteSession(db, request.cookies.get(SESSION_COOKIE)?.value);
  const session = await createSession(db, username, now);
  const response = answer(request, asJson, 200, null, username);
  setSessionCookie(response, request, session.id);
  return response;
}
