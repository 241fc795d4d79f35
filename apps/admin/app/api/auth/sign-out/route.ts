import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';
import { getApp } from '../../../../lib/server/app-context';
import { deleteSession, SESSION_COOKIE } from '../../../../lib/server/auth/sessions';
import { refuseCrossSite } from '../../../../lib/server/guard';
import { clearSessionCookie } from '../../../../lib/server/session-cookie';

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
