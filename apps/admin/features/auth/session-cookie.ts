/** The session cookie: set and cleared with `HttpOnly`, `SameSite=Lax`, and `Secure` on HTTPS. */
import type { NextResponse } from 'next/server';
import { ABSOLUTE_MS, SESSION_COOKIE } from './sessions';

/** Is the request on HTTPS (directly or behind a proxy that says so)? Then cookies are `Secure`. */
export function isHttps(request: Request): boolean {
  return request.headers.get('x-forwarded-proto') === 'https' || request.url.startsWith('https:') || process.env['ALLOT_COOKIE_SECURE'] === '1';
}

/** Sets the session cookie: httpOnly, SameSite=Lax, Secure on HTTPS, for the whole app. */
export function setSessionCookie(response: NextResponse, request: Request, id: string): void {
  response.cookies.set({ name: SESSION_COOKIE, value: id, httpOnly: true, sameSite: 'lax', secure: isHttps(request), path: '/', maxAge: Math.floor(ABSOLUTE_MS / 1000) });
}

/** Removes the session cookie from the browser (the session row is deleted separately). */
export function clearSessionCookie(response: NextResponse, request: Request): void {
  response.cookies.set({ name: SESSION_COOKIE, value: '', httpOnly: true, sameSite: 'lax', secure: isHttps(request), path: '/', maxAge: 0 });
}
