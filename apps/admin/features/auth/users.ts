/** Accounts: create, list and change them, read their credentials, change and reset passwords. */
import type { AdminDb, Role } from '../shared/database';
import { hashPassword, verifyPassword } from './passwords';
import { passwordProblem } from './password-rule';
import type { PasswordProblem } from './password-rule';
import { hashSessionId } from './session-id';

/** A user as the admin page lists them (never the hash). */
export interface UserSummary {
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  /** The staff id of the event history the account belongs to, or null. */
  staffId: string | null;
  createdAt: Date;
}

/** Usernames: lower-case letters, digits, `.`, `_`, `-`; 2–40 characters. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,39}$/;

/** Creates a user with an argon2id password hash. Throws on a taken username. */
export async function createUser(db: AdminDb, user: { username: string; displayName: string; role: Role; password: string; staffId?: string | null }): Promise<void> {
  await db
    .insertInto('users')
    .values({ username: user.username, display_name: user.displayName, role: user.role, staff_id: user.staffId ?? null, password_hash: await hashPassword(user.password) })
    .execute();
}

/** Every user, by name. */
export async function listUsers(db: AdminDb): Promise<UserSummary[]> {
  const rows = await db.selectFrom('users').select(['username', 'display_name', 'role', 'disabled', 'staff_id', 'created_at']).orderBy('username').execute();
  return rows.map((r) => ({ username: r.username, displayName: r.display_name, role: r.role, disabled: r.disabled, staffId: r.staff_id, createdAt: r.created_at }));
}

/** Changes a user's role, state or staff link; the user's sessions end at once. */
export async function updateUser(db: AdminDb, username: string, changes: { role?: Role; disabled?: boolean; staffId?: string | null }): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({
      ...(changes.role === undefined ? {} : { role: changes.role }),
      ...(changes.disabled === undefined ? {} : { disabled: changes.disabled }),
      ...(changes.staffId === undefined ? {} : { staff_id: changes.staffId }),
    })
    .where('username', '=', username)
    .executeTakeFirst();
  if (changes.disabled === true || changes.role !== undefined || changes.staffId !== undefined) await db.deleteFrom('sessions').where('username', '=', username).execute();
  return result.numUpdatedRows > 0n;
}

/** The stored hash and state of one account, for sign-in. */
export async function findCredentials(db: AdminDb, username: string): Promise<{ username: string; passwordHash: string; disabled: boolean; mustChangePassword: boolean } | undefined> {
  const row = await db.selectFrom('users').select(['username', 'password_hash', 'disabled', 'must_change_password']).where('username', '=', username).executeTakeFirst();
  return row === undefined ? undefined : { username: row.username, passwordHash: row.password_hash, disabled: row.disabled, mustChangePassword: row.must_change_password };
}

/** What a password change or reset came to. */
export type PasswordChange = { ok: true } | { ok: false; reason: 'not_found' | 'wrong_password' | 'same_password' } | { ok: false; reason: 'rule'; problem: PasswordProblem };

/**
 * A signed-in user changes her own password: the current one must be right and the new one
 * must pass the rule (password-rule.ts). Her other sessions end (the one she is using stays);
 * a reset's "must change" flag is cleared.
 */
export async function changePassword(db: AdminDb, username: string, change: { current: string; next: string; keepSessionId?: string | undefined }): Promise<PasswordChange> {
  const row = await db.selectFrom('users').select(['password_hash', 'display_name', 'disabled']).where('username', '=', username).executeTakeFirst();
  if (row === undefined || row.disabled) return { ok: false, reason: 'not_found' };
  if (!(await verifyPassword(change.current, row.password_hash))) return { ok: false, reason: 'wrong_password' };
  if (change.next === change.current) return { ok: false, reason: 'same_password' };
  const problem = passwordProblem(change.next, { username, displayName: row.display_name });
  if (problem !== null) return { ok: false, reason: 'rule', problem };
  await db.updateTable('users').set({ password_hash: await hashPassword(change.next), must_change_password: false }).where('username', '=', username).execute();
  let others = db.deleteFrom('sessions').where('username', '=', username);
  if (change.keepSessionId !== undefined) others = others.where('id_hash', '<>', hashSessionId(change.keepSessionId));
  await others.execute();
  return { ok: true };
}

/**
 * An administrator resets an account's password to a temporary one (which must pass the rule):
 * every session of the account ends, and its next sign-in must choose a new password first.
 */
export async function resetPassword(db: AdminDb, username: string, temporary: string): Promise<PasswordChange> {
  const row = await db.selectFrom('users').select(['display_name']).where('username', '=', username).executeTakeFirst();
  if (row === undefined) return { ok: false, reason: 'not_found' };
  const problem = passwordProblem(temporary, { username, displayName: row.display_name });
  if (problem !== null) return { ok: false, reason: 'rule', problem };
  await db.updateTable('users').set({ password_hash: await hashPassword(temporary), must_change_password: true }).where('username', '=', username).execute();
  await db.deleteFrom('sessions').where('username', '=', username).execute();
  return { ok: true };
}
