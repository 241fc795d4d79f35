import { canonicalJson } from '@allot/engine';
import { createRuntime } from '@allot/runtime';
import { listSnapshots, saveSnapshot } from '@allot/store';
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

  it('keeps the three newest snapshots and, of the older ones, the newest in each window of keepEvery ops', async () => {
    const at = new Date('2026-06-01T00:00:00Z');
    for (const seq of [50, 120, 180, 250, 260, 270, 390, 400, 410]) await saveSnapshot(db.store.db, seq, { seq }, at, { keepEvery: 100 });
    expect((await listSnapshots(db.store.db)).map((s) => s.seq)).toEqual([50, 180, 270, 390, 400, 410]);
    // The next one pushes 390 out of the newest three: it is kept, the only one of its window.
    await saveSnapshot(db.store.db, 530, { seq: 530 }, at, { keepEvery: 100 });
    expect((await listSnapshots(db.store.db)).map((s) => s.seq)).toEqual([50, 180, 270, 390, 400, 410, 530]);
    // 400 and 410 share a window, but 410 is among the newest three: both stay.
    await saveSnapshot(db.store.db, 540, { seq: 540 }, at, { keepEvery: 100 });
    expect((await listSnapshots(db.store.db)).map((s) => s.seq)).toEqual([50, 180, 270, 390, 400, 410, 530, 540]);
    // Once 410 is older too, it is the newest of its window and 400 goes.
    await saveSnapshot(db.store.db, 550, { seq: 550 }, at, { keepEvery: 100 });
    expect((await listSnapshots(db.store.db)).map((s) => s.seq)).toEqual([50, 180, 270, 390, 410, 530, 540, 550]);
    await expect(saveSnapshot(db.store.db, 600, {}, at, { keepEvery: 0 })).rejects.toThrow(/keepEvery/);
  });

  it('caps the spacing of snapshots at snapshotMaxSpacing and keeps every spaced one', async () => {
    expect(() => createRuntime({ store: db.store, snapshotMaxSpacing: 0 })).toThrow(/snapshotMaxSpacing/);
    const runtime = createRuntime({ store: db.store, clock: fixedClock(), snapshotEvery: 100, snapshotMaxSpacing: 300 });
    await runtime.publish(seedPolicy(), { effectiveFrom: null });
    for (let i = 0; i < historyLines.length; i += 100) await runtime.ingest(historyLines.slice(i, i + 100).join('\n'));
    const seqs = (await listSnapshots(db.store.db)).map((s) => s.seq);
    // Geometric at first (about 100, 200, 400), then at most 300 ops apart (plus the batch that crossed the mark).
    expect(seqs.length).toBeGreaterThanOrEqual(Math.floor(historyLines.length / 300));
    expect(seqs[0]).toBeLessThanOrEqual(400 + 100);
    for (let i = 1; i < seqs.length; i++) expect((seqs[i] as number) - (seqs[i - 1] as number)).toBeLessThanOrEqual(300 + 100);
    // No two of the older ones share a window of 300 ops.
    const windows = seqs.slice(0, -3).map((s) => Math.floor(s / 300));
    expect(new Set(windows).size).toBe(windows.length);
    expect((await runtime.verify()).ok).toBe(true);
  });
});
