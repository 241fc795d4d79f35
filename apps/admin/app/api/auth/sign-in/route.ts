import type { NextRequest } from 'next/server';
import { signInHttp } from '../../../../features/auth/http';
import { refuseCrossSite } from '../../../../features/shared/guard';

/**
 * Signs in: public (no role), but only from the app's own pages (Origin check); the body is
 * read with a 16 KiB limit. The (account, address) pair and the address are throttled with
 * growing delays (features/auth/throttle.ts); a success always starts a brand-new session.
 */
export async function POST(request: NextRequest): Promise<Response> {
  const crossSite = refuseCrossSite(request);
  if (crossSite !== null) return crossSite;
  return signInHttp(request);
}
