/** A read of a page of decisions is one access-log row naming every client in it, not one row per client. */
import { createRuntime } from '@allot/runtime';
import { readAccessLog } from '@allot/store';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../store/test/test-stores.js';
import { fixedClock, historyText, seedPolicy } from './fixtures.js';

describe.each(BACKENDS)('access log rows on $name', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await backend.open();
  });
  afterEach(async () => {
    await db.cleanup();
  });

  it('logs one row per page read, with the client ids in it', async () => {
    const runtime = createRuntime({ store: db.store, clock: fixedClock() });
    await runtime.publish(seedPolicy(), { effectiveFrom: null });
    await runtime.ingest(historyText);
    const count = async (): Promise<number> => Number((await sql<{ n: string }>`select count(*) as n from access_log`.execute(db.store.db)).rows[0]?.n ?? 0);
    const before = await count();
    const page = await runtime.decisions({ limit: 500 }, { actor: 'token:abc' });
    const clients = new Set(page.items.map((i) => (i.decision as { clientId?: string }).clientId).filter((c): c is string => c !== undefined));
    expect(clients.size).toBeGreaterThan(10);
    expect((await count()) - before).toBe(1);
    const [row] = await readAccessLog(db.store.db, { limit: 1 });
    expect(row).toMatchObject({ actor: 'token:abc', action: 'decisions', clientId: null });
    expect(new Set(row?.clientIds)).toEqual(clients);
    // Who read one client's data still finds the request that listed it among others.
    const one = [...clients][3] as string;
    expect((await readAccessLog(db.store.db, { clientId: one })).some((e) => e.actor === 'token:abc' && e.action === 'decisions')).toBe(true);
    await runtime.close();
  });
});
