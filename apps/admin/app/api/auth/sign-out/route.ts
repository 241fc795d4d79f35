import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';
import { getApp } from '../../../../features/shared/app-context';
import { deleteSession, SESSION_COOKIE } from '../../../../features/auth/sessions';
import { refuseCrossSite } from '../../../../features/shared/guard';
import { clearSessionCookie } from '../../../../features/auth/session-cookie';

/** Signs out: deletes the session row (the cookie is worthless from now on) and clears the cookie. No role needed. */
export async function POST(request: NextRequest): Promise<Response> {
  const crossSite = refuseCrossSite(request);
  if (crossSite !== null) return crossSite;
  const { db } = await getApp();
  await deleteSession(db, request.cookies.get(SESSION_COOKIE)?.value);
  const response = new NextResponse(null, { status: 303, headers: { location: '/sign-in?signedOut=1', 'cache-control': 'no-store' } });
  clearSessionCookie(response, request);
  return response;
}
