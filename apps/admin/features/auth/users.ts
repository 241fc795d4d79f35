import type { AdminDb, Role } from '../shared/database';
import { hashPassword } from './passwords';

/** A user as the admin page lists them (never the hash). */
export interface UserSummary {
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
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
  const rows = await db.selectFrom('users').select(['username', 'display_name', 'role', 'disabled', 'created_at']).orderBy('username').execute();
  return rows.map((r) => ({ username: r.username, displayName: r.display_name, role: r.role, disabled: r.disabled, createdAt: r.created_at }));
}

/** Changes a user's role or disables them; a disabled user's sessions end at once. */
export async function updateUser(db: AdminDb, username: string, changes: { role?: Role; disabled?: boolean }): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ ...(changes.role === undefined ? {} : { role: changes.role }), ...(changes.disabled === undefined ? {} : { disabled: changes.disabled }) })
    .where('username', '=', username)
    .executeTakeFirst();
  if (changes.disabled === true || changes.role !== undefined) await db.deleteFrom('sessions').where('username', '=', username).execute();
  return result.numUpdatedRows > 0n;
}

/** The stored hash and state of one account, for sign-in. */
export async function findCredentials(db: AdminDb, username: string): Promise<{ username: string; passwordHash: string; disabled: boolean; mustChangePassword: boolean } | undefined> {
  const row = await db.selectFrom('users').select(['username', 'password_hash', 'disabled', 'must_change_password']).where('username', '=', username).executeTakeFirst();
  return row === undefined ? undefined : { username: row.username, passwordHash: row.password_hash, disabled: row.disabled, mustChangePassword: row.must_change_password };
}
