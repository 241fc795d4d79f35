import { createRuntime } from '@allot/runtime';
import type { StoreDb } from '@allot/store';
import { readHead } from '@allot/store';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminQuery, BACKENDS, POSTGRES_BACKENDS, uniqueSchema, type TestDatabase } from '../../store/test/test-stores.js';
import { fixedClock, historyLines, seedPolicy } from './fixtures.js';

const counts = async (db: StoreDb): Promise<{ events: number; decisions: number }> => {
  const r = await sql<{ events: number; decisions: number }>`
    select (select count(*)::int from events) as events, (select count(*)::int from decisions) as decisions`.execute(db);
  return r.rows[0] ?? { events: -1, decisions: -1 };
};

describe.each(BACKENDS)('atomic ingest on $name', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await backend.open();
  });
  afterEach(async () => {
    await db.cleanup();
  });

  it('a failure after the events are written and before the decisions are leaves neither, and the next ingest works', async () => {
    let fail = true;
    const runtime = createRuntime({
      store: db.store,
      clock: fixedClock(),
      testHooks: {
        afterEventsInserted: async (trx) => {
          // The events are in the transaction at this point…
          expect((await counts(trx)).events).toBeGreaterThan(0);
          if (fail) throw new Error('injected failure');
        },
      },
    });
    await runtime.publish(seedPolicy(), { effectiveFrom: null });
    const head = await readHead(db.store.db);
    await expect(runtime.ingest(historyLines.slice(0, 300).join('\n'))).rejects.toThrow('injected failure');
    // …and none of it is after.
    expect(await counts(db.store.db)).toEqual({ events: 0, decisions: 0 });
    expect(await readHead(db.store.db)).toEqual(head);
    fail = false;
    const retry = await runtime.ingest(historyLines.slice(0, 300).join('\n'));
    expect(retry.accepted).toBe(300);
    expect((await counts(db.store.db)).events).toBe(300);
    expect((await runtime.verify()).ok).toBe(true);
  });
});

describe.each(POSTGRES_BACKENDS)('a backend killed mid-batch on real PostgreSQL', (backend) => {
  it('leaves neither events nor decisions, and the next ingest works', async () => {
    const applicationName = uniqueSchema('kill');
    const errors: Error[] = [];
    const db = await backend.open({ applicationName, onError: (e) => errors.push(e) });
    try {
      let kill = false;
      const runtime = createRuntime({
        store: db.store,
        clock: fixedClock(),
        testHooks: {
          afterEventsInserted: async (trx) => {
            if (!kill) return;
            kill = false;
            const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]?.pid;
            await adminQuery('select pg_terminate_backend($1)', [pid]);
          },
        },
      });
      await runtime.publish(seedPolicy(), { effectiveFrom: null });
      await runtime.ingest(historyLines.slice(0, 100).join('\n'));
      const before = await counts(db.store.db);
      kill = true;
      await expect(runtime.ingest(historyLines.slice(100, 400).join('\n'))).rejects.toThrow();
      expect(await counts(db.store.db)).toEqual(before);
      const retry = await runtime.ingest(historyLines.slice(100, 400).join('\n'));
      expect(retry.accepted).toBe(300);
      expect((await runtime.verify()).ok).toBe(true);
    } finally {
      await db.cleanup();
    }
  });
});
