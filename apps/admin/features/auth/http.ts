/**
 * The auth API over HTTP (route files check the origin or the session, then call one of these):
 * signing in (form posts get redirects, JSON clients status codes), signing out, and changing
 * one's own password.
 */
import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';
import { getApp } from '../shared/app-context';
import { bodyRefusal, FORM_BODY_LIMIT, readBodyText, readForm } from '../shared/body-limit';
import { readJsonBody } from '../shared/guard';
import { asRecord, clientAddress, stringField } from '../shared/request-body';
import { badRequest } from '../shared/step-response';
import { passwordChangeResponse } from './password-http';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import { deleteSession, SESSION_COOKIE } from './sessions';
import type { SessionUser } from './sessions';
import { attemptSignIn } from './sign-in';
import { changePassword } from './users';

/** A redirect that is never cached. */
const seeOther = (location: string): NextResponse => new NextResponse(null, { status: 303, headers: { location, 'cache-control': 'no-store' } });

/** Form posts get redirects (the sign-in page shows the error); JSON clients get status codes. */
function answer(asJson: boolean, status: number, error: string | null, extra: Record<string, unknown> = {}): NextResponse {
  if (asJson) return new NextResponse(JSON.stringify(error === null ? { ok: true, ...extra } : { error, ...extra }), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
  return seeOther(error === null ? (extra['mustChangePassword'] === true ? '/account/password?required=1' : '/') : `/sign-in?error=${error}`);
}

/** The sign-in body, a JSON object or a form, read with a 16 KiB limit; a response when it cannot be read. */
async function signInBody(request: NextRequest, asJson: boolean): Promise<Record<string, unknown> | Response> {
  if (!asJson) {
    const form = await readForm(request);
    return form.ok ? form.fields : form.response;
  }
  const read = await readBodyText(request, FORM_BODY_LIMIT);
  if (!read.ok) return bodyRefusal(read);
  try {
    return asRecord(JSON.parse(read.text));
  } catch {
    return answer(true, 400, 'bad_request');
  }
}

/**
 * Signs in (`username`, `password`): the (account, address) pair and the address are throttled
 * with growing delays (429 with `retry-after`); a success always starts a brand-new session.
 */
export async function signInHttp(request: NextRequest): Promise<Response> {
  const asJson = (request.headers.get('content-type') ?? '').includes('application/json');
  const body = await signInBody(request, asJson);
  if (body instanceof Response) return body;
  const username = stringField(body, 'username', 64).toLowerCase();
  const password = typeof body['password'] === 'string' ? body['password'].slice(0, 256) : '';
  const { db, clock } = await getApp();
  const outcome = await attemptSignIn(db, { username, password, address: clientAddress(request), now: clock.now(), oldSessionId: request.cookies.get(SESSION_COOKIE)?.value });
  if (outcome.kind === 'throttled') {
    const wait = Math.max(1, Math.ceil((outcome.retryAt.getTime() - clock.now().getTime()) / 1000));
    const response = answer(asJson, 429, 'locked', { retryAfterSeconds: wait });
    response.headers.set('retry-after', String(wait));
    return response;
  }
  if (outcome.kind === 'invalid') return answer(asJson, 401, 'invalid');
  const response = answer(asJson, 200, null, { username: outcome.username, mustChangePassword: outcome.mustChangePassword });
  setSessionCookie(response, request, outcome.sessionId);
  return response;
}

/** Signs out: deletes the session row (the cookie is worthless from now on), clears the cookie and goes to the sign-in page. */
export async function signOutHttp(request: NextRequest): Promise<Response> {
  const { db } = await getApp();
  await deleteSession(db, request.cookies.get(SESSION_COOKIE)?.value);
  const response = seeOther('/sign-in?signedOut=1');
  clearSessionCookie(response, request);
  return response;
}

/** The signed-in user changes her password (`{ current, next }`); her other sessions end. */
export async function changePasswordHttp(request: NextRequest, user: SessionUser): Promise<Response> {
  const read = await readJsonBody(request, 4096);
  if (!read.ok) return read.response;
  const body = asRecord(read.value);
  const current = body['current'];
  const next = body['next'];
  if (typeof current !== 'string' || typeof next !== 'string' || current === '' || next === '') return badRequest('需要当前密码和新密码', 'the current and the new password are required');
  const { db } = await getApp();
  return passwordChangeResponse(await changePassword(db, user.username, { current, next, keepSessionId: request.cookies.get(SESSION_COOKIE)?.value }));
}
