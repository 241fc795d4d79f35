/**
 * A sign-in attempt: throttled per account and address, the password checked, a new session on
 * success.
 */
import type { AdminDb } from '../shared/database';
import { verifyPassword } from './passwords';
import { createSession, deleteSession } from './sessions';
import { clearPair, takeAttempt, throttleKeys } from './throttle';
import { findCredentials } from './users';

/** What a sign-in attempt came to. */
export type SignInOutcome =
  | { kind: 'ok'; username: string; sessionId: string; mustChangePassword: boolean }
  /** Wrong username or password, unknown or disabled account, empty password: one answer for all. */
  | { kind: 'invalid' }
  /** The (account, address) pair or the address is waiting out a delay; the password was not checked. */
  | { kind: 'throttled'; retryAt: Date };

/** One sign-in attempt, as the route handler makes it. */
export interface SignInAttempt {
  username: string;
  password: string;
  /** The client's address (features/shared/client-address.ts). */
  address: string;
  now: Date;
  /** The session cookie the browser already had (ended on success: no fixation). */
  oldSessionId?: string | undefined;
}

/**
 * Signs in: takes an attempt from the throttle first (atomically, see throttle.ts), then checks
 * the password, the same work whether or not the account exists or the password is empty. A
 * success clears the pair's failures and starts a brand-new session.
 */
export async function attemptSignIn(db: AdminDb, attempt: SignInAttempt): Promise<SignInOutcome> {
  const username = attempt.username.trim().toLowerCase();
  const keys = throttleKeys(username, attempt.address);
  const retryAt = await takeAttempt(db, keys, attempt.now);
  if (retryAt !== null) return { kind: 'throttled', retryAt };
  const credentials = username === '' ? undefined : await findCredentials(db, username);
  const usable = credentials !== undefined && !credentials.disabled ? credentials.passwordHash : undefined;
  const ok = (await verifyPassword(attempt.password, usable)) && usable !== undefined && credentials !== undefined;
  if (!ok) return { kind: 'invalid' };
  await clearPair(db, keys);
  await deleteSession(db, attempt.oldSessionId);
  const session = await createSession(db, username, attempt.now);
  return { kind: 'ok', username, sessionId: session.id, mustChangePassword: credentials.mustChangePassword };
}
