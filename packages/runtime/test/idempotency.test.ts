import { canonicalJson } from '@allot/engine';
import { createRuntime } from '@allot/runtime';
import type { Runtime } from '@allot/runtime';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, POSTGRES_BACKENDS, type TestDatabase } from '../../store/test/test-stores.js';
import { fixedClock, historyEnd, historyEvents, historyLines, seedPolicy, simulatedHistory, storedDecisions } from './fixtures.js';

const count = async (db: TestDatabase, table: 'events' | 'decisions'): Promise<number> =>
  (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db.store.db)).rows[0]?.n ?? -1;

describe.each(BACKENDS)('idempotent ingest on $name', (backend) => {
  let db: TestDatabase;
  let runtime: Runtime;
  beforeEach(async () => {
    db = await backend.open();
    runtime = createRuntime({ store: db.store, clock: fixedClock() });
    await runtime.publish(seedPolicy(), { effectiveFrom: null });
  });
  afterEach(async () => {
    await runtime.close();
    await db.cleanup();
  });

  it('stores and decides a batch ingested twice only once', async () => {
    const batch = historyLines.slice(0, 800).join('\n');
    const first = await runtime.ingest(batch);
    const decisions = await count(db, 'decisions');
    expect(first.accepted).toBe(800);
    const second = await runtime.ingest(batch);
    expect(second).toMatchObject({ accepted: 0, duplicates: 800, rejected: [], decisions: [] });
    expect(await count(db, 'events')).toBe(800);
    expect(await count(db, 'decisions')).toBe(decisions);
    // Overlapping: only the new part is taken.
    const third = await runtime.ingest(historyLines.slice(700, 900).join('\n'));
    expect(third).toMatchObject({ accepted: 100, duplicates: 100 });
    expect(await count(db, 'events')).toBe(900);
  });

  it('rejects invalid lines one by one and keeps the valid ones', async () => {
    const lines = [historyLines[0], '{"id":"x1","type":"violation","at":"yesterday","staffId":"s0001","severity":"normal"}', '', 'not json', historyLines[1], historyLines[0]];
    const result = await runtime.ingest(lines.join('\n'));
    expect(result.accepted).toBe(2);
    expect(result.rejected.map((e) => [e.line, e.field])).toEqual([
      [2, 'at'],
      [4, null],
      [6, 'id'],
    ]);
  });

  it('refuses an event id already stored with other content, and keeps the stored one', async () => {
    const original = historyEvents[0] as unknown as Record<string, unknown>;
    await runtime.ingest([original]);
    const changed = { ...original, name: 'someone else' };
    const result = await runtime.ingest([historyEvents[1], changed]);
    expect(result.accepted).toBe(1);
    expect(result.rejected).toEqual([{ line: 2, field: 'id', message: expect.stringMatching(/already stored .* with different content/) }]);
  });
});

describe.each(POSTGRES_BACKENDS)('20 processes ingesting overlapping batches at once on real PostgreSQL', (backend) => {
  it('store one row per event and exactly the decisions simulate gives', async () => {
    const db = await backend.open();
    const runtimes: Runtime[] = [];
    try {
      await createRuntime({ store: db.store, clock: fixedClock() }).publish(seedPolicy(), { effectiveFrom: null });
      // 20 separate stores (pools) and runtimes (engines), as 20 processes would have.
      for (let i = 0; i < 20; i++) runtimes.push(createRuntime({ store: await db.openAnother({ poolSize: 2 }), clock: fixedClock() }));
      // Each walks the history in its own overlapping windows (size and step vary), in order.
      await Promise.all(
        runtimes.map(async (runtime, i) => {
          const size = 400 + ((i * 37) % 300);
          const step = size - 50 - ((i * 13) % 120);
          for (let start = 0; start < historyLines.length; start += step) {
            const result = await runtime.ingest(historyLines.slice(start, start + size).join('\n'));
            expect(result.rejected).toEqual([]);
          }
        }),
      );
      await runtimes[3]?.tick(historyEnd);
      expect(await count(db, 'events')).toBe(historyLines.length);
      const stored = await storedDecisions(db.store);
      expect(stored.map((d) => canonicalJson(d))).toEqual(simulatedHistory.map((d) => canonicalJson(d)));
      expect((await runtimes[7]!.verify()).ok).toBe(true);
    } finally {
      await db.cleanup();
    }
  });
});
