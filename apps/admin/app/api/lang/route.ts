import type { NextRequest } from 'next/server';
import { refuseCrossSite } from '../../../features/shared/guard';
import { switchLangHttp } from '../../../features/shared/http';

/** Switches the UI language (a cookie) and goes back to the page. Public, but same-origin only. */
export async function POST(request: NextRequest): Promise<Response> {
  const crossSite = refuseCrossSite(request);
  if (crossSite !== null) return crossSite;
  return switchLangHttp(request);
}
