import type { AdminDb } from '../shared/database';

/** Failed sign-ins allowed per account before it locks. */
export const ACCOUNT_LIMIT = 5;
/** Failed sign-ins allowed per client address (several people may share one office address). */
export const ADDRESS_LIMIT = 20;
/** How long a lock lasts, and the window the failures are counted in. */
export const LOCK_MS = 15 * 60_000;

/** The throttle keys of one sign-in attempt. */
export interface ThrottleKeys {
  account: string;
  address: string;
}

/** The keys for a username (case-folded) and a client address. */
export function throttleKeys(username: string, address: string): ThrottleKeys {
  return { account: `user:${username.trim().toLowerCase()}`, address: `ip:${address}` };
}

/** When the attempt may be retried, or null when neither the account nor the address is locked. */
export async function lockedUntil(db: AdminDb, keys: ThrottleKeys, now: Date): Promise<Date | null> {
  const rows = await db.selectFrom('sign_in_throttle').select(['locked_until']).where('key', 'in', [keys.account, keys.address]).execute();
  let until: Date | null = null;
  for (const r of rows) {
    if (r.locked_until !== null && r.locked_until > now && (until === null || r.locked_until > until)) until = r.locked_until;
  }
  return until;
}

async function countFailure(db: AdminDb, key: string, limit: number, now: Date): Promise<void> {
  const row = await db.selectFrom('sign_in_throttle').selectAll().where('key', '=', key).executeTakeFirst();
  const windowOpen = row !== undefined && now.getTime() - row.first_failure_at.getTime() < LOCK_MS && (row.locked_until === null || row.locked_until > now);
  const failures = windowOpen ? row.failures + 1 : 1;
  const first = windowOpen ? row.first_failure_at : now;
  const locked = failures >= limit ? new Date(now.getTime() + LOCK_MS) : null;
  await db
    .insertInto('sign_in_throttle')
    .values({ key, failures: locked === null ? failures : 0, first_failure_at: first, locked_until: locked })
    .onConflict((oc) => oc.column('key').doUpdateSet({ failures: locked === null ? failures : 0, first_failure_at: first, locked_until: locked }))
    .execute();
}

/** Counts a failed sign-in against the account and the address; the limit-th failure locks for 15 minutes. */
export async function recordFailure(db: AdminDb, keys: ThrottleKeys, now: Date): Promise<void> {
  await countFailure(db, keys.account, ACCOUNT_LIMIT, now);
  await countFailure(db, keys.address, ADDRESS_LIMIT, now);
}

/** A successful sign-in clears the account's failures (the address keeps its count). */
export async function clearFailures(db: AdminDb, keys: ThrottleKeys): Promise<void> {
  await db.deleteFrom('sign_in_throttle').where('key', '=', keys.account).execute();
}
