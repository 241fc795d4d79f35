/** The page guard: the signed-in user of a page request, and each page's own role check. */
import { cookies } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import type { Role } from './database';
import { getApp } from './app-context';
import { readSession, SESSION_COOKIE } from '../auth';
import type { SessionUser } from '../auth';

/** The signed-in user of the page request, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const { db, clock } = await getApp();
  const jar = await cookies();
  return readSession(db, jar.get(SESSION_COOKIE)?.value, clock.now());
}

/**
 * A page's own check: no session → the sign-in page; a password reset by an administrator →
 * the password page; a role not in `roles` → 403 (forbidden UI).
 * Rendering a page is not a security boundary for the data it shows, so every page calls it.
 */
export async function requirePageUser(roles: readonly Role[] | 'any' = 'any', options: { allowPasswordChange?: boolean } = {}): Promise<SessionUser> {
  const user = await currentUser();
  if (user === null) redirect('/sign-in');
  if (user.mustChangePassword && options.allowPasswordChange !== true) redirect('/account/password?required=1');
  if (roles !== 'any' && !roles.includes(user.role)) forbidden();
  return user;
}
