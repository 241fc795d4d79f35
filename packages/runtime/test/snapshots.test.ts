import { canonicalJson } from '@allot/engine';
import { createRuntime } from '@allot/runtime';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../store/test/test-stores.js';
import { fixedClock, historyEnd, historyLines, seedPolicy, simulatedHistory, storedDecisions } from './fixtures.js';

const snapshotCount = async (db: TestDatabase): Promise<number> =>
  (await sql<{ n: number }>`select count(*)::int as n from snapshots`.execute(db.store.db)).rows[0]?.n ?? -1;

describe.each(BACKENDS)('snapshots and restarts on $name', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await backend.open();
  });
  afterEach(async () => {
    await db.cleanup();
  });

  it('a restarted runtime resumes from its snapshot and decides exactly as one that never stopped', async () => {
    const first = createRuntime({ store: db.store, clock: fixedClock(), snapshotEvery: 400 });
    await first.publish(seedPolicy(), { effectiveFrom: null });
    for (let i = 0; i < 2000; i += 500) await first.ingest(historyLines.slice(i, i + 500).join('\n'));
    expect(await snapshotCount(db)).toBeGreaterThan(0);
    await first.close();

    const second = createRuntime({ store: db.store, clock: fixedClock() });
    await second.ingest(historyLines.slice(2000).join('\n'));
    await second.tick(historyEnd);
    expect((await storedDecisions(db.store)).map((d) => canonicalJson(d))).toEqual(simulatedHistory.map((d) => canonicalJson(d)));
    expect((await second.verify()).ok).toBe(true);
  });

  it('ignores a damaged snapshot and replays from the start instead', async () => {
    const first = createRuntime({ store: db.store, clock: fixedClock() });
    await first.publish(seedPolicy(), { effectiveFrom: null });
    await first.ingest(historyLines.slice(0, 1800).join('\n'));
    await first.close();
    await sql`update snapshots set state_hash = 'damaged'`.execute(db.store.db);

    const second = createRuntime({ store: db.store, clock: fixedClock() });
    await second.ingest(historyLines.slice(1800).join('\n'));
    await second.tick(historyEnd);
    expect((await storedDecisions(db.store)).map((d) => canonicalJson(d))).toEqual(simulatedHistory.map((d) => canonicalJson(d)));
  });
});
