/** Sessions: expired and idle session rows swept. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, IDLE_MS, MAX_SESSIONS_PER_ACCOUNT, readSession } from '../sessions';
import { createUser } from '../users';
import { BACKENDS, openAuthDb } from './auth-db';
import type { AuthDb } from './auth-db';

const T0 = new Date('2026-06-01T08:00:00Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);

describe.each(BACKENDS)('sessions on $name', (backend) => {
  let auth: AuthDb;
  beforeAll(async () => {
    auth = await openAuthDb(backend);
    for (const username of ['many', 'idle']) await createUser(auth.db, { username, displayName: username, role: 'viewer', password: 'Quiet-Lantern-Harbor-71' });
  }, 60_000);
  afterAll(async () => {
    await auth?.close();
  });

  it(`keeps at most ${MAX_SESSIONS_PER_ACCOUNT} sessions per account: a new sign-in ends the oldest`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < MAX_SESSIONS_PER_ACCOUNT + 3; i++) ids.push((await createSession(auth.db, 'many', at(i * 1000))).id);
    const rows = await auth.db.selectFrom('sessions').select('id_hash').where('username', '=', 'many').execute();
    expect(rows).toHaveLength(MAX_SESSIONS_PER_ACCOUNT);
    const now = at(20_000);
    expect(await readSession(auth.db, ids[0], now)).toBeNull();
    expect(await readSession(auth.db, ids[2], now)).toBeNull();
    expect(await readSession(auth.db, ids[3], now)).not.toBeNull();
    expect(await readSession(auth.db, ids[ids.length - 1], now)).not.toBeNull();
  });

  it('sweeps expired and idle session rows of every account', async () => {
    await createSession(auth.db, 'idle', at(0));
    await createSession(auth.db, 'idle', at(1000));
    // Much later someone else signs in: the idle account's rows are gone, not kept for ever.
    await createSession(auth.db, 'many', at(IDLE_MS + 60_000));
    const left = await auth.db.selectFrom('sessions').select('username').where('username', '=', 'idle').execute();
    expect(left).toHaveLength(0);
  });
});
