import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';
import { LANG_COOKIE, parseLang } from '../../../features/shared/i18n/lang';
import { refuseCrossSite } from '../../../features/shared/guard';
import { readForm } from '../../../features/shared/body-limit';
import { isHttps } from '../../../features/auth/session-cookie';

/** Only paths of this app may be returned to (no open redirect). */
const safePath = (value: string | null): string => (typeof value === 'string' && /^\/(?!\/)[\w\-./?=&%]*$/.test(value) ? value : '/policies');

/** Switches the UI language (a cookie) and goes back to the page. Public, but same-origin only. */
export async function POST(request: NextRequest): Promise<Response> {
  const crossSite = refuseCrossSite(request);
  if (crossSite !== null) return crossSite;
  const read = await readForm(request);
  if (!read.ok) return read.response;
  const field = (name: string): string | null => (typeof read.fields[name] === 'string' ? (read.fields[name] as string) : null);
  const lang = parseLang(field('lang'));
  const response = new NextResponse(null, { status: 303, headers: { location: safePath(field('back')), 'cache-control': 'no-store' } });
  response.cookies.set({ name: LANG_COOKIE, value: lang, sameSite: 'lax', secure: isHttps(request), path: '/', maxAge: 365 * 24 * 3600 });
  return response;
}
