/**
 * Sessions: created at sign-in, read from the cookie with idle and absolute limits, swept and
 * deleted.
 */
import type { AdminDb, Role } from '../shared/database';
import { hashSessionId, newSessionId } from './session-id';

/** The session cookie's name. */
export const SESSION_COOKIE = 'allot_session';
/** A session ends after this long without a request. */
export const IDLE_MS = 8 * 3_600_000;
/** …and at the latest this long after sign-in. */
export const ABSOLUTE_MS = 7 * 24 * 3_600_000;
/** Sessions one account may hold at once; a new sign-in ends the oldest beyond this. */
export const MAX_SESSIONS_PER_ACCOUNT = 10;
/** last_seen_at is written at most this often (a read-mostly app should not write on every request). */
const TOUCH_MS = 60_000;

/** The signed-in person, as every check sees them. */
export interface SessionUser {
  username: string;
  displayName: string;
  role: Role;
  /** The staff member a rep account is; null for other roles. */
  staffId: string | null;
  /** An administrator reset the password: nothing but choosing a new one is allowed until then. */
  mustChangePassword: boolean;
}

/**
 * Starts a session: always a fresh random id (no fixation); returns the id for the cookie.
 * The account keeps at most {@link MAX_SESSIONS_PER_ACCOUNT} sessions (the oldest beyond end),
 * and every expired or idle session row of any account is swept.
 */
export async function createSession(db: AdminDb, username: string, now: Date): Promise<{ id: string; expiresAt: Date }> {
  const id = newSessionId();
  const expiresAt = new Date(now.getTime() + ABSOLUTE_MS);
  await db.insertInto('sessions').values({ id_hash: hashSessionId(id), username, created_at: now, last_seen_at: now, expires_at: expiresAt }).execute();
  const keep = db.selectFrom('sessions').select('id_hash').where('username', '=', username).orderBy('created_at', 'desc').orderBy('id_hash').limit(MAX_SESSIONS_PER_ACCOUNT);
  await db.deleteFrom('sessions').where('username', '=', username).where('id_hash', 'not in', keep).execute();
  await sweepSessions(db, now);
  return { id, expiresAt };
}

/** Deletes every session that has expired or been idle too long (they are refused anyway). Returns how many. */
export async function sweepSessions(db: AdminDb, now: Date): Promise<number> {
  const idleSince = new Date(now.getTime() - IDLE_MS);
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<', idleSince)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The user of a live session, or null (unknown, expired, idle too long, or the account disabled). */
export async function readSession(db: AdminDb, id: string | undefined, now: Date): Promise<SessionUser | null> {
  if (id === undefined || id.length < 20 || id.length > 100) return null;
  const idHash = hashSessionId(id);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.username', 'sessions.username')
    .select(['sessions.last_seen_at', 'sessions.expires_at', 'users.username', 'users.display_name', 'users.role', 'users.staff_id', 'users.disabled', 'users.must_change_password'])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  if (row === undefined || row.disabled) return null;
  if (row.expires_at <= now || now.getTime() - row.last_seen_at.getTime() > IDLE_MS) {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return null;
  }
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
  }
  return { username: row.username, displayName: row.display_name, role: row.role, staffId: row.staff_id, mustChangePassword: row.must_change_password };
}

/** Ends a session for good: the row is deleted, so the old cookie is worthless even if kept. */
export async function deleteSession(db: AdminDb, id: string | undefined): Promise<void> {
  if (id === undefined || id === '') return;
  await db.deleteFrom('sessions').where('id_hash', '=', hashSessionId(id)).execute();
}
