/**
 * Sign-in: the throttle per account and address, and unknown accounts answered like wrong
 * passwords.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptSignIn } from '../sign-in';
import type { SignInOutcome } from '../sign-in';
import { hashPassword, verifyPassword } from '../passwords';
import { ADDRESS_FREE, PAIR_FREE, throttledAccounts, unlockAccount } from '../throttle';
import { createUser } from '../users';
import { BACKENDS, openAuthDb } from './auth-db';
import type { AuthDb } from './auth-db';

const PASSWORD = 'correct horse battery staple';
const T0 = new Date('2026-06-01T08:00:00Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);

describe.each(BACKENDS)('sign-in throttle on $name', (backend) => {
  let auth: AuthDb;
  beforeAll(async () => {
    auth = await openAuthDb(backend);
    for (const username of ['alice', 'bob', 'carol', 'dave']) await createUser(auth.db, { username, displayName: username, role: 'viewer', password: PASSWORD });
  }, 120_000);
  afterAll(async () => {
    await auth?.close();
  });

  it('checks at most the limit of 100 concurrent guesses, and the right password among the refused ones does not sign in', async () => {
    const guesses = Array.from({ length: 100 }, (_, i) => (i === 60 ? PASSWORD : `wrong guess ${i}`));
    const outcomes = await Promise.all(guesses.map((password) => attemptSignIn(auth.db, { username: 'alice', password, address: '203.0.113.7', now: T0 })));
    const checked = outcomes.filter((o) => o.kind !== 'throttled');
    expect(checked.length).toBeLessThanOrEqual(PAIR_FREE);
    expect(outcomes[60]?.kind).toBe('throttled');
    expect(outcomes.some((o) => o.kind === 'ok')).toBe(false);
  }, 120_000);

  it('delays the (account, address) pair with growing waits, and the account still signs in from elsewhere', async () => {
    const from = (address: string, password: string, now: Date): Promise<SignInOutcome> => attemptSignIn(auth.db, { username: 'bob', password, address, now });
    for (let i = 0; i < PAIR_FREE; i++) expect((await from('198.51.100.1', 'nope', at(i))).kind).toBe('invalid');
    // The fifth failure starts a 1 s wait; the next failure doubles it.
    const waiting = await from('198.51.100.1', PASSWORD, at(10));
    expect(waiting).toMatchObject({ kind: 'throttled' });
    expect(waiting.kind === 'throttled' && waiting.retryAt.getTime()).toBe(at(PAIR_FREE - 1 + 1000).getTime());
    expect((await from('198.51.100.1', 'nope', at(1_100))).kind).toBe('invalid');
    expect((await from('198.51.100.1', 'nope', at(2_000))).kind).toBe('throttled');
    expect((await from('198.51.100.1', 'nope', at(3_200))).kind).toBe('invalid');
    const longer = await from('198.51.100.1', 'nope', at(3_300));
    expect(longer.kind === 'throttled' && longer.retryAt.getTime()).toBe(at(3_200 + 4_000).getTime());
    // Not locked for everyone: the owner, from her own address, signs in.
    expect((await from('192.0.2.50', PASSWORD, at(3_400))).kind).toBe('ok');
    expect(await throttledAccounts(auth.db, at(3_400))).toContain('bob');
    // An administrator's unlock clears the pair at once.
    expect(await unlockAccount(auth.db, 'bob')).toBeGreaterThan(0);
    expect(await throttledAccounts(auth.db, at(3_400))).not.toContain('bob');
    expect((await from('198.51.100.1', PASSWORD, at(3_500))).kind).toBe('ok');
  });

  it('forgets failures a quiet window after the last one', async () => {
    for (let i = 0; i < PAIR_FREE; i++) await attemptSignIn(auth.db, { username: 'carol', password: 'x', address: '198.51.100.2', now: at(i) });
    expect((await attemptSignIn(auth.db, { username: 'carol', password: PASSWORD, address: '198.51.100.2', now: at(500) })).kind).toBe('throttled');
    expect((await attemptSignIn(auth.db, { username: 'carol', password: PASSWORD, address: '198.51.100.2', now: at(16 * 60_000) })).kind).toBe('ok');
  });

  it('never delays an address for its successful sign-ins (an office behind one address)', async () => {
    for (let i = 0; i < ADDRESS_FREE + 10; i++) {
      expect((await attemptSignIn(auth.db, { username: 'dave', password: PASSWORD, address: '198.51.100.200', now: at(i) })).kind, `sign-in ${i}`).toBe('ok');
    }
  });

  it('throttles one address guessing many accounts', async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < ADDRESS_FREE + 1; i++) outcomes.push((await attemptSignIn(auth.db, { username: `nobody${i}`, password: 'x', address: '198.51.100.99', now: at(i) })).kind);
    expect(outcomes.slice(0, ADDRESS_FREE).every((k) => k === 'invalid')).toBe(true);
    expect(outcomes[ADDRESS_FREE]).toBe('throttled');
  });

  it('answers an unknown user and a known one the same, empty password included, and counts empty passwords', async () => {
    const kinds: string[] = [];
    for (const [username, password] of [
      ['dave', ''],
      ['no-such-user', ''],
      ['', ''],
      ['no-such-user', 'something'],
      ['dave', 'something'],
    ] as const) {
      kinds.push((await attemptSignIn(auth.db, { username, password, address: `192.0.2.${kinds.length + 1}`, now: T0 })).kind);
    }
    expect(kinds).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'invalid']);
    for (let i = 0; i < PAIR_FREE; i++) await attemptSignIn(auth.db, { username: 'dave', password: '', address: '192.0.2.77', now: at(i) });
    expect((await attemptSignIn(auth.db, { username: 'dave', password: PASSWORD, address: '192.0.2.77', now: at(100) })).kind).toBe('throttled');
  });
});

describe('password check timing', () => {
  it('takes as long for an empty password or an unknown account as for a wrong password', async () => {
    const hash = await hashPassword(PASSWORD);
    const cases = [
      ['wrong password', hash],
      ['', hash],
      ['', undefined],
      ['wrong password', undefined],
    ] as const;
    const samples: number[][] = cases.map(() => []);
    await verifyPassword('warm-up', undefined);
    // Interleaved, so a busy machine slows every case alike; the medians are compared.
    for (let round = 0; round < 5; round++) {
      for (const [i, [password, h]] of cases.entries()) {
        const start = performance.now();
        expect(await verifyPassword(password, h)).toBe(false);
        samples[i]?.push(performance.now() - start);
      }
    }
    const median = (xs: number[] | undefined): number => [...(xs ?? [])].sort((a, b) => a - b)[2] ?? 0;
    const wrong = median(samples[0]);
    // Refusing an empty password at once (what argon2 does) would take well under a millisecond.
    for (let i = 1; i < cases.length; i++) expect(median(samples[i]), JSON.stringify(cases[i]?.[0])).toBeGreaterThan(wrong * 0.25);
  });
});
