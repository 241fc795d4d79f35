/** The password rule, and password change and reset through their route handlers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as changeOwn } from '../../../app/api/account/password/route';
import { POST as resetOther } from '../../../app/api/users/[username]/reset-password/route';
import { POST as createAccount } from '../../../app/api/users/route';
import { GET as listPolicies } from '../../../app/api/policies/route';
import { GET as whoAmI } from '../../../app/api/session/route';
import { passwordProblem } from '../password-rule';
import { attemptSignIn } from '../sign-in';
import { createUser } from '../users';
import { openHarness } from '../../shared/test/app-harness';
import type { Harness } from '../../shared/test/app-harness';

const GOOD = 'Quiet-Lantern-Harbor-71';
const json = (value: unknown): { body: string; headers: Record<string, string> } => ({ body: JSON.stringify(value), headers: { 'content-type': 'application/json' } });

describe('the password rule', () => {
  it('counts code points, and refuses the username, repeats and common passwords', () => {
    expect(passwordProblem('short', { username: 'li.fang' })).toBe('too_short');
    // Nine Chinese characters are 9 code points (27 bytes in UTF-8): too short.
    expect(passwordProblem('春眠不觉晓处处闻啼', { username: 'li.fang' })).toBe('too_short');
    // Ten emoji are 20 UTF-16 units but 10 code points: long enough, but one repeated character.
    expect(passwordProblem('😀'.repeat(10), { username: 'li.fang' })).toBe('repeats');
    expect(passwordProblem('x'.repeat(129), { username: 'li.fang' })).toBe('too_long');
    expect(passwordProblem('my-li.fang-secret-99', { username: 'li.fang' })).toBe('contains_username');
    expect(passwordProblem('aaaaaaaaaaaa', { username: 'li.fang' })).toBe('repeats');
    expect(passwordProblem('abc123abc123abc123', { username: 'li.fang' })).toBe('repeats');
    for (const common of ['password123', 'qwertyuiop1', '1234567890', 'iloveyou12']) expect(passwordProblem(common, { username: 'li.fang' }), common).toBe('too_common');
    expect(passwordProblem('LiFang2026!', { username: 'lf', displayName: 'LiFang' })).toBe('too_common');
    expect(passwordProblem(GOOD, { username: 'li.fang' })).toBeNull();
    expect(passwordProblem('春眠不觉晓，处处闻啼鸟。夜来风雨声', { username: 'li.fang' })).toBeNull();
  });
});

describe('password change and reset', () => {
  let app: Harness;
  let admin: string;
  beforeAll(async () => {
    app = await openHarness('2026-03-01T00:00:00Z');
    admin = await app.cookieFor('admin');
    await createUser(app.db, { username: 'wang', displayName: 'Wang', role: 'viewer', password: GOOD });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });
  const signIn = async (password: string): Promise<string> => {
    const outcome = await attemptSignIn(app.db, { username: 'wang', password, address: '192.0.2.1', now: app.clock.now() });
    if (outcome.kind !== 'ok') throw new Error(`sign-in: ${outcome.kind}`);
    return `allot_session=${outcome.sessionId}`;
  };

  it('creating an account applies the rule', async () => {
    const res = await createAccount(app.request('POST', '/api/users', { cookie: admin, ...json({ username: 'zhao', displayName: 'Zhao', role: 'viewer', password: 'password123' }) }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'password_rule', problem: 'too_common' });
  });

  it('a signed-in user changes her password; a wrong current one or a weak new one is refused; her other sessions end', async () => {
    const here = await signIn(GOOD);
    const elsewhere = await signIn(GOOD);
    const change = (cookie: string, current: string, next: string): Promise<Response> => changeOwn(app.request('POST', '/api/account/password', { cookie, ...json({ current, next }) }));
    expect((await change(here, 'not my password', 'Copper-Meadow-Violin-38')).status).toBe(403);
    const weak = await change(here, GOOD, 'wang12345678');
    expect(weak.status).toBe(400);
    expect(await weak.json()).toMatchObject({ error: 'password_rule' });
    expect((await change(here, GOOD, 'Copper-Meadow-Violin-38')).status).toBe(200);
    expect((await whoAmI(app.request('GET', '/api/session', { cookie: here }))).status).toBe(200);
    expect((await whoAmI(app.request('GET', '/api/session', { cookie: elsewhere }))).status).toBe(401);
    expect((await attemptSignIn(app.db, { username: 'wang', password: GOOD, address: '192.0.2.2', now: app.clock.now() })).kind).toBe('invalid');
  });

  it("an administrator's reset ends the sessions and forces a change at the next sign-in", async () => {
    const before = await signIn('Copper-Meadow-Violin-38');
    const reset = (password: string): Promise<Response> =>
      resetOther(app.request('POST', '/api/users/wang/reset-password', { cookie: admin, ...json({ password }) }), { params: Promise.resolve({ username: 'wang' }) });
    expect((await reset('1234567890')).status).toBe(400);
    expect((await reset('Temporary-Orchid-Kettle-5')).status).toBe(200);
    expect((await whoAmI(app.request('GET', '/api/session', { cookie: before }))).status).toBe(401);
    const outcome = await attemptSignIn(app.db, { username: 'wang', password: 'Temporary-Orchid-Kettle-5', address: '192.0.2.3', now: app.clock.now() });
    expect(outcome).toMatchObject({ kind: 'ok', mustChangePassword: true });
    const cookie = outcome.kind === 'ok' ? `allot_session=${outcome.sessionId}` : '';
    const blocked = await listPolicies(app.request('GET', '/api/policies', { cookie }));
    expect(blocked.status).toBe(403);
    expect(await blocked.json()).toMatchObject({ error: 'password_change_required' });
    expect(await (await whoAmI(app.request('GET', '/api/session', { cookie }))).json()).toMatchObject({ user: { mustChangePassword: true } });
    expect((await changeOwn(app.request('POST', '/api/account/password', { cookie, ...json({ current: 'Temporary-Orchid-Kettle-5', next: 'Granite-Pelican-Mosaic-64' }) }))).status).toBe(200);
    expect((await listPolicies(app.request('GET', '/api/policies', { cookie }))).status).toBe(200);
  });
});
