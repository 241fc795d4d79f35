/**
 * The op log read in batches (events, ticks, publications and cancellations merged by seq) gives
 * every op once, in seq order, whatever the page sizes; a replay's read of an event is the same
 * row without its hashes; and the runtime restored from such a read is the one the log makes.
 */
import { createRuntime } from '@allot/runtime';
import { readCancellations, readEvents, readHead, readPublishedVersions, readTicks } from '@allot/store';
import type { StoreDb } from '@allot/store';
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../../store/test/test-stores.js';
import { readOpBatches, readOps, readReplayOpBatches } from '../src/read-ops.js';
import { fixedClock, historyLines, seedPolicy } from './fixtures.js';

const HOUR = 3_600_000;

/** Every op of the log with `after < seq <= to`, read whole and sorted (publish, then tick, then event at one seq). */
async function everyOp(db: StoreDb, after: number, to: number): Promise<{ kind: string; seq: number }[]> {
  const order = { publish: 0, cancel: 0, tick: 1, event: 2 } as const;
  const ops = [
    ...(await readPublishedVersions(db, { afterSeq: after, toSeq: to })).map((v) => ({ kind: 'publish', seq: v.publishSeq ?? 0 })),
    ...(await readCancellations(db, { afterSeq: after, toSeq: to })).map((c) => ({ kind: 'cancel', seq: c.seq })),
    ...(await readTicks(db, { afterSeq: after, toSeq: to, limit: 1e9 })).map((t) => ({ kind: 'tick', seq: t.seq })),
    ...(await readEvents(db, { afterSeq: after, toSeq: to, limit: 1e9 })).map((e) => ({ kind: 'event', seq: e.seq })),
  ];
  return ops.sort((a, b) => a.seq - b.seq || order[a.kind as keyof typeof order] - order[b.kind as keyof typeof order]);
}

describe.each(BACKENDS)('reading the op log on $name', (backend) => {
  it('merges events, ticks and publications in seq order in batches of any page size', async () => {
    const db = await backend.open();
    try {
      const runtime = createRuntime({ store: db.store, clock: fixedClock() });
      await runtime.publish(seedPolicy(), { effectiveFrom: null });
      // Events, ticks between them, a scheduled version and its cancellation.
      for (let i = 0; i < 6; i++) {
        await runtime.ingest(historyLines.slice(i * 40, i * 40 + 40).join('\n'));
        const t = await runtime.time();
        if (t !== null) await runtime.tick(new Date(Date.parse(t) + (i + 1) * HOUR));
        if (i === 2) await runtime.publish({ ...seedPolicy(), version: '1.1.0' }, { effectiveFrom: new Date(Date.parse(t ?? '') + 30 * 24 * HOUR).toISOString() });
        if (i === 4) await runtime.cancelScheduled(seedPolicy().id, '1.1.0');
      }
      const head = (await readHead(db.store.db)).opSeq;
      await runtime.close();
      for (const [after, to] of [
        [0, head],
        [17, head - 9],
        [head - 1, head],
      ] as const) {
        const expected = await everyOp(db.store.db, after, to);
        if (after === 0) expect(new Set(expected.map((o) => o.kind))).toEqual(new Set(['publish', 'cancel', 'tick', 'event']));
        expect(expected.length).toBeGreaterThan(0);
        for (const sizes of [{ events: 1, ticks: 1 }, { events: 7, ticks: 2 }, { events: 1000, ticks: 3 }, undefined]) {
          const batches: { kind: string; seq: number }[][] = [];
          for await (const b of readOpBatches(db.store.db, after, to, sizes)) batches.push(b.map((o) => ({ kind: o.kind, seq: o.seq })));
          expect(batches.every((b) => b.length > 0)).toBe(true);
          expect(batches.flat(), JSON.stringify({ after, to, sizes })).toEqual(expected);
          const lean: { kind: string; seq: number }[] = [];
          for await (const b of readReplayOpBatches(db.store.db, after, to, sizes)) lean.push(...b.map((o) => ({ kind: o.kind, seq: o.seq })));
          expect(lean).toEqual(expected);
        }
        const single: { kind: string; seq: number }[] = [];
        for await (const o of readOps(db.store.db, after, to)) single.push({ kind: o.kind, seq: o.seq });
        expect(single).toEqual(expected);
      }
      // A replay's event is the stored row's seq, instants and payload.
      const whole = await readEvents(db.store.db, { afterSeq: 0, limit: 1e9 });
      const replayed = [];
      for await (const b of readReplayOpBatches(db.store.db, 0, head, { events: 13, ticks: 5 })) for (const o of b) if (o.kind === 'event') replayed.push(o.event);
      expect(replayed).toEqual(whole.map((e) => ({ seq: e.seq, at: e.at, appliedAt: e.appliedAt, payload: e.payload })));
    } finally {
      await db.cleanup();
    }
  }, 120_000);
});
