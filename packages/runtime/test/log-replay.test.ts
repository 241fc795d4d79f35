import { canonicalJson } from '@allot/engine';
import type { Decision } from '@allot/engine';
import { createRuntime, LogReplay } from '@allot/runtime';
import { readHead } from '@allot/store';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../store/test/test-stores.js';
import { fixedClock, historyEnd, historyLines, seedPolicy, storedDecisions } from './fixtures.js';

describe.each(BACKENDS)('LogReplay on $name', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await backend.open();
  });
  afterEach(async () => {
    await db.cleanup();
  });

  it('starts from the nearest snapshot and reaches the state and decisions of a replay from the first op', async () => {
    const runtime = createRuntime({ store: db.store, clock: fixedClock(), snapshotEvery: 500 });
    await runtime.publish(seedPolicy(), { effectiveFrom: null });
    for (let i = 0; i < historyLines.length; i += 400) await runtime.ingest(historyLines.slice(i, i + 400).join('\n'));
    await runtime.tick(historyEnd);
    await runtime.close();
    const snapshots = (await sql<{ seq: number }>`select seq::int as seq from snapshots order by seq`.execute(db.store.db)).rows.map((r) => r.seq);
    expect(snapshots.length).toBeGreaterThan(0);
    const head = await readHead(db.store.db);
    const stored = await storedDecisions(db.store);

    // A point past the first snapshot, between two ops' decisions.
    const at = (snapshots[0] ?? 0) + 137;
    expect(at).toBeLessThan(head.opSeq);
    const fromSnapshot = await LogReplay.at(db.store.db, at);
    expect(fromSnapshot.snapshotSeq).toBe(snapshots[0]);
    expect(fromSnapshot.opSeq).toBe(at);

    // The same point reached from the first op (no snapshot is at or before op 0).
    const fromStart = await LogReplay.at(db.store.db, 0);
    expect(fromStart.snapshotSeq).toBe(0);
    for await (const _ of fromStart.ops(at)) {
      // applied
    }
    expect(canonicalJson(fromSnapshot.engine?.snapshot())).toBe(canonicalJson(fromStart.engine?.snapshot()));
    expect(fromSnapshot.horizon).toBe(fromStart.horizon);

    // From there to the head it decides exactly what the record holds after that point.
    const after: Decision[] = [];
    let sawBefore = 0;
    for await (const { result } of fromSnapshot.ops(undefined, { beforeEvent: () => void sawBefore++ })) {
      if (result.kind === 'event') after.push(...result.applied.decisions);
      if (result.kind === 'tick') after.push(...result.decisions);
    }
    expect(sawBefore).toBeGreaterThan(0);
    expect(fromSnapshot.opSeq).toBe(head.opSeq);
    const lastBefore = stored.length - after.length;
    expect(after.map((d) => canonicalJson(d))).toEqual(stored.slice(lastBefore).map((d) => canonicalJson(d)));
    expect(after.length).toBeGreaterThan(100);
  });

  it('stops when its signal is aborted', async () => {
    const runtime = createRuntime({ store: db.store, clock: fixedClock() });
    await runtime.publish(seedPolicy(), { effectiveFrom: null });
    await runtime.ingest(historyLines.slice(0, 300).join('\n'));
    const abort = new AbortController();
    abort.abort(new Error('stop'));
    await expect(LogReplay.at(db.store.db, 200, { signal: abort.signal })).rejects.toThrow('stop');
    await runtime.close();
  });
});
