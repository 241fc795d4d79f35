import { sql } from 'kysely';
import type { AdminDb } from '../shared/database';

/**
 * Sign-in throttling (docs/security.md). Two counters per attempt, each one row of
 * `sign_in_throttle`:
 *
 * - the (account, address) pair: the first {@link PAIR_FREE} failures cost nothing, then every
 *   further attempt must wait a delay that doubles with each failure (1 s, 2 s, 4 s … at most
 *   {@link MAX_DELAY_MS}). Nobody else is locked out of the account: the same account from
 *   another address has its own pair.
 * - the address alone: {@link ADDRESS_FREE} failures (several people may share one office
 *   address), then the same growing delays, against one address guessing many accounts.
 *
 * An attempt is counted **before** the password is checked, in one statement
 * (`insert … on conflict do update … where … returning`): the row lock makes the check and the
 * count one step, so concurrent guesses cannot all pass a stale check. A success clears the pair.
 * Failures are forgotten {@link WINDOW_MS} after the last one.
 */

/** Failed sign-ins a pair (account, address) may make before delays start. */
export const PAIR_FREE = 5;
/** Failed sign-ins an address may make (over all accounts) before delays start. */
export const ADDRESS_FREE = 20;
/** The longest delay between two attempts. */
export const MAX_DELAY_MS = 15 * 60_000;
/** Failures older than this (since the last one) are forgotten. */
export const WINDOW_MS = 15 * 60_000;

/** The throttle keys of one sign-in attempt. */
export interface ThrottleKeys {
  /** The case-folded username. */
  account: string;
  pair: string;
  address: string;
}

/** The keys for a username (case-folded) and a client address. */
export function throttleKeys(username: string, address: string): ThrottleKeys {
  const account = username.trim().toLowerCase();
  return { account, pair: `pair:${JSON.stringify([account, address])}`, address: `ip:${address}` };
}

/** The delay after the `failures`-th failure of a counter that allows `free` failures. */
export function delayAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** Math.min(30, failures - free));
}

/**
 * Counts one attempt on one counter, atomically: returns true when the attempt may go on (the
 * counter was not waiting out a delay), false when it must wait. The count assumes a failure;
 * {@link clearPair} undoes it on success.
 */
async function take(db: AdminDb, key: string, account: string | null, free: number, now: Date): Promise<boolean> {
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  const firstDelay = delayAfter(1, free);
  const first = firstDelay === 0 ? null : new Date(now.getTime() + firstDelay);
  // failures' new value, as SQL: 1 after a quiet window, else one more.
  const next = sql<number>`(case when t.last_failure_at < ${windowStart} then 1 else t.failures + 1 end)`;
  const result = await sql<{ failures: number }>`
    insert into sign_in_throttle as t (key, account, failures, last_failure_at, locked_until)
    values (${key}, ${account}, 1, ${now}, ${first})
    on conflict (key) do update set
      failures = ${next},
      last_failure_at = ${now},
      locked_until = case when ${next} < ${free} then null
        else ${now}::timestamptz + make_interval(secs => least(${MAX_DELAY_MS / 1000}, power(2, least(30, ${next} - ${free}))))
      end
    where t.locked_until is null or t.locked_until <= ${now}
    returning t.failures`.execute(db);
  return result.rows.length === 1;
}

/**
 * Takes one attempt for the pair and the address (see the file comment). Returns null when the
 * password may be checked, or the time the caller may retry.
 */
export async function takeAttempt(db: AdminDb, keys: ThrottleKeys, now: Date): Promise<Date | null> {
  if ((await take(db, keys.pair, keys.account, PAIR_FREE, now)) && (await take(db, keys.address, null, ADDRESS_FREE, now))) return null;
  const rows = await db.selectFrom('sign_in_throttle').select(['locked_until']).where('key', 'in', [keys.pair, keys.address]).execute();
  let until: Date | null = null;
  for (const r of rows) if (r.locked_until !== null && r.locked_until > now && (until === null || r.locked_until > until)) until = r.locked_until;
  return until ?? new Date(now.getTime() + 1000);
}

/**
 * A successful sign-in clears the pair's failures and gives back the address the attempt it
 * counted in advance (so many people signing in from one office address are never delayed;
 * only failures count against it).
 */
export async function clearPair(db: AdminDb, keys: ThrottleKeys): Promise<void> {
  await db.deleteFrom('sign_in_throttle').where('key', '=', keys.pair).execute();
  await sql`
    update sign_in_throttle set
      failures = greatest(failures - 1, 0),
      locked_until = case when failures - 1 < ${ADDRESS_FREE} then null else locked_until end
    where key = ${keys.address}`.execute(db);
}

/**
 * The accounts whose sign-ins are being delayed from some address: at least {@link PAIR_FREE}
 * failures there within the window (each further attempt from there waits), for the users page.
 */
export async function throttledAccounts(db: AdminDb, now: Date): Promise<Set<string>> {
  const rows = await db
    .selectFrom('sign_in_throttle')
    .select('account')
    .where('account', 'is not', null)
    .where('failures', '>=', PAIR_FREE)
    .where('last_failure_at', '>', new Date(now.getTime() - WINDOW_MS))
    .execute();
  return new Set(rows.flatMap((r) => (r.account === null ? [] : [r.account])));
}

/** An administrator's unlock: forgets the account's failures from every address. Returns how many counters were cleared. */
export async function unlockAccount(db: AdminDb, username: string): Promise<number> {
  const result = await db.deleteFrom('sign_in_throttle').where('account', '=', username.trim().toLowerCase()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
