import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';
import { getApp } from '../../../../features/shared/app-context';
import { attemptSignIn } from '../../../../features/auth/sign-in';
import { SESSION_COOKIE } from '../../../../features/auth/sessions';
import { refuseCrossSite } from '../../../../features/shared/guard';
import { bodyRefusal, FORM_BODY_LIMIT, readBodyText, readForm } from '../../../../features/shared/body-limit';
import { asRecord, clientAddress, stringField } from '../../../../features/shared/request-body';
import { setSessionCookie } from '../../../../features/auth/session-cookie';

/** Form posts get redirects (the sign-in page shows the error); JSON clients get status codes. */
function answer(asJson: boolean, status: number, error: string | null, extra: Record<string, unknown> = {}): NextResponse {
  if (asJson) return new NextResponse(JSON.stringify(error === null ? { ok: true, ...extra } : { error, ...extra }), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
  const to = error === null ? (extra['mustChangePassword'] === true ? '/account/password?required=1' : '/') : `/sign-in?error=${error}`;
  return new NextResponse(null, { status: 303, headers: { location: to, 'cache-control': 'no-store' } });
}

/**
 * Signs in: public (no role), but only from the app's own pages (Origin check); the body is
 * read with a 16 KiB limit. The (account, address) pair and the address are throttled with
 * growing delays (features/auth/throttle.ts); a success always starts a brand-new session.
 */
export async function POST(request: NextRequest): Promise<Response> {
  const crossSite = refuseCrossSite(request);
  if (crossSite !== null) return crossSite;
  const asJson = (request.headers.get('content-type') ?? '').includes('application/json');
  let body: Record<string, unknown>;
  if (asJson) {
    const read = await readBodyText(request, FORM_BODY_LIMIT);
    if (!read.ok) return bodyRefusal(read);
    try {
      body = asRecord(JSON.parse(read.text));
    } catch {
      return answer(true, 400, 'bad_request');
    }
  } else {
    const form = await readForm(request);
    if (!form.ok) return form.response;
    body = form.fields;
  }
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
