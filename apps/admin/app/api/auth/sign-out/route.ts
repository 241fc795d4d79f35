import type { NextRequest } from 'next/server';
import { signOutHttp } from '../../../../features/auth/http';
import { refuseCrossSite } from '../../../../features/shared/guard';

/** Signs out: deletes the session row (the cookie is worthless from now on) and clears the cookie. No role needed. */
export async function POST(request: NextRequest): Promise<Response> {
  const crossSite = refuseCrossSite(request);
  if (crossSite !== null) return crossSite;
  return signOutHttp(request);
}
