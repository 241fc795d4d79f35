import { canonicalJson, simulate } from '@allot/engine';
import { createRuntime } from '@allot/runtime';
import type { IngestResult, Runtime } from '@allot/runtime';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminQuery, BACKENDS, POSTGRES_BACKENDS, uniqueSchema, type TestDatabase } from '../../store/test/test-stores.js';
import { fixedClock, historyEnd, historyEvents, historyLines, seedPolicy, simulatedHistory, storedDecisions } from './fixtures.js';

const count = async (db: TestDatabase, table: 'events' | 'decisions'): Promise<number> =>
  (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db.store.db)).rows[0]?.n ?? -1;

/** The history in batches of `size` lines (JSON Lines text each). */
const batches = (size: number): string[] => {
  const out: string[] = [];
  for (let i = 0; i < historyLines.length; i += size) out.push(historyLines.slice(i, i + size).join('\n'));
  return out;
};

/** Calls made without waiting for each other, `inFlight` at a time, in order; every outcome. */
async function ingestInFlight(runtime: Runtime, texts: readonly string[], inFlight: number): Promise<PromiseSettledResult<IngestResult>[]> {
  const pending: Array<Promise<IngestResult>> = [];
  const settled: PromiseSettledResult<IngestResult>[] = [];
  for (const text of texts) {
    const call = runtime.ingest(text);
    call.catch(() => undefined); // settled below, in order
    pending.push(call);
    if (pending.length >= inFlight) settled.push(...(await Promise.allSettled([pending.shift() as Promise<IngestResult>])));
  }
  settled.push(...(await Promise.allSettled(pending)));
  return settled;
}

describe.each(BACKENDS)('ingest calls in flight at once on $name', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await backend.open();
  });
  afterEach(async () => {
    await db.cleanup();
  });

  it('are applied in call order, each in its own transaction: the same record as one call at a time', async () => {
    const runtime = createRuntime({ store: db.store, clock: fixedClock() });
    await runtime.publish(seedPolicy(), { effectiveFrom: null });
    const results = await Promise.all(batches(300).map((text) => runtime.ingest(text)));
    expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(historyEvents.length);
    expect(results.every((r) => r.late === 0 && r.rejected.length === 0)).toBe(true);
    await runtime.tick(historyEnd);
    expect((await storedDecisions(db.store)).map((d) => canonicalJson(d))).toEqual(simulatedHistory.map((d) => canonicalJson(d)));
    expect(await runtime.verify()).toMatchObject({ ok: true, mismatchCount: 0 });
    await runtime.close();
  });

  it('keep duplicates within the calls in flight idempotent (an id in two calls is stored once, decided once)', async () => {
    const runtime = createRuntime({ store: db.store, clock: fixedClock() });
    await runtime.publish(seedPolicy(), { effectiveFrom: null });
    // Overlapping windows: each call repeats the end of the one before it.
    const texts: string[] = [];
    for (let i = 0; i < historyLines.length; i += 250) texts.push(historyLines.slice(Math.max(0, i - 50), i + 250).join('\n'));
    const settled = await ingestInFlight(runtime, texts, 4);
    const results = settled.map((s) => (s.status === 'fulfilled' ? s.value : undefined));
    expect(results.every((r) => r !== undefined && r.rejected.length === 0)).toBe(true);
    expect(results.reduce((n, r) => n + (r?.accepted ?? 0), 0)).toBe(historyEvents.length);
    expect(await count(db, 'events')).toBe(historyEvents.length);
    await runtime.tick(historyEnd);
    expect((await storedDecisions(db.store)).map((d) => canonicalJson(d))).toEqual(simulatedHistory.map((d) => canonicalJson(d)));
    await runtime.close();
  });

  it('a failing call leaves nothing of itself; the calls after it are still applied, in order', async () => {
    let calls = 0;
    const runtime = createRuntime({
      store: db.store,
      clock: fixedClock(),
      testHooks: {
        afterEventsInserted: () => {
          if (++calls === 3) throw new Error('injected failure');
        },
      },
    });
    await runtime.publish(seedPolicy(), { effectiveFrom: null });
    const texts = batches(400);
    const settled = await ingestInFlight(runtime, texts, 3);
    expect(settled.map((s) => s.status)).toEqual(texts.map((_, i) => (i === 2 ? 'rejected' : 'fulfilled')));
    // What is stored is the history without the third call's events, decided as if it never came.
    const kept = historyEvents.filter((_, i) => i < 800 || i >= 1200);
    expect(await count(db, 'events')).toBe(kept.length);
    await runtime.tick(historyEnd);
    const expected = simulate(seedPolicy(), kept);
    expect((await storedDecisions(db.store)).map((d) => canonicalJson(d))).toEqual(expected.map((d) => canonicalJson(d)));
    expect((await runtime.verify()).ok).toBe(true);
    await runtime.close();
  });
});

describe.each(POSTGRES_BACKENDS)('pipelined ingest on real PostgreSQL', (backend) => {
  it('survives a backend killed mid-batch while later calls wait: that call fails whole, the rest are applied', async () => {
    const applicationName = uniqueSchema('pipekill');
    const db = await backend.open({ applicationName, onError: () => undefined });
    try {
      let calls = 0;
      const runtime = createRuntime({
        store: db.store,
        clock: fixedClock(),
        testHooks: {
          afterEventsInserted: async (trx) => {
            if (++calls !== 4) return;
            const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]?.pid;
            await adminQuery('select pg_terminate_backend($1)', [pid]);
          },
        },
      });
      await runtime.publish(seedPolicy(), { effectiveFrom: null });
      const texts = batches(300);
      const settled = await ingestInFlight(runtime, texts, 3);
      expect(settled.map((s) => s.status)).toEqual(texts.map((_, i) => (i === 3 ? 'rejected' : 'fulfilled')));
      const kept = historyEvents.filter((_, i) => i < 900 || i >= 1200);
      expect(await count(db, 'events')).toBe(kept.length);
      await runtime.tick(historyEnd);
      const expected = simulate(seedPolicy(), kept);
      expect((await storedDecisions(db.store)).map((d) => canonicalJson(d))).toEqual(expected.map((d) => canonicalJson(d)));
      expect((await runtime.verify()).ok).toBe(true);
      await runtime.close();
    } finally {
      await db.cleanup();
    }
  });

  it('survives its connections being killed while batches commit in one round trip: calls fail whole or succeed', async () => {
    const applicationName = uniqueSchema('pipeterm');
    const db = await backend.open({ applicationName, onError: () => undefined });
    try {
      const runtime = createRuntime({ store: db.store, clock: fixedClock() });
      await runtime.publish(seedPolicy(), { effectiveFrom: null });
      const texts = batches(200);
      const pending: Array<Promise<IngestResult>> = texts.map((text) => runtime.ingest(text));
      const outcomes = Promise.allSettled(pending);
      // Kill every connection of this store once a few batches are in.
      await Promise.allSettled(pending.slice(0, 4));
      await adminQuery('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [applicationName]);
      const settled = await outcomes;
      const stored = settled.filter((s) => s.status === 'fulfilled').reduce((n, s) => n + (s.status === 'fulfilled' ? s.value.accepted : 0), 0);
      expect(settled.some((s) => s.status === 'rejected')).toBe(true);
      // Exactly what the calls that succeeded said, and a record that verifies.
      expect(await count(db, 'events')).toBe(stored);
      expect(await runtime.verify()).toMatchObject({ ok: true });
      // The failed calls can simply be made again.
      const again = await Promise.all(texts.map((text) => runtime.ingest(text)));
      expect(again.reduce((n, r) => n + r.accepted, 0)).toBe(historyEvents.length - stored);
      expect(await count(db, 'events')).toBe(historyEvents.length);
      expect(await runtime.verify()).toMatchObject({ ok: true });
      await runtime.close();
    } finally {
      await db.cleanup();
    }
  });

  it('lets a waiting writer in at the end of a session period while it pipelines a long run', async () => {
    const db = await backend.open();
    try {
      // A session period of 50 ms instead of the default second, so the run is sure to outlast
      // several periods on any machine (the mechanism is the same).
      const a = createRuntime({ store: db.store, clock: fixedClock(), testHooks: { writeSessionMs: 50 } });
      await a.publish(seedPolicy(), { effectiveFrom: null });
      const b = createRuntime({ store: await db.openAnother({ poolSize: 2 }), clock: fixedClock() });
      // Hundreds of small batches, three in flight: one long pipelined run.
      const run = ingestInFlight(a, batches(10), 3);
      while ((await count(db, 'events')) < 200) await new Promise((resolve) => setTimeout(resolve, 20));
      // Another writer asks for the lock: it gets it when a's session next looks (one period).
      let storedWhenTicked = -1;
      const tick = b.tick('2026-01-01T00:00:00+08:00').then(async () => {
        storedWhenTicked = await count(db, 'events');
      });
      const settled = await run;
      await tick;
      expect(settled.every((s) => s.status === 'fulfilled')).toBe(true);
      expect(await count(db, 'events')).toBe(historyEvents.length);
      expect(storedWhenTicked).toBeGreaterThan(0);
      expect(storedWhenTicked).toBeLessThan(historyEvents.length);
      await a.close();
      await b.close();
    } finally {
      await db.cleanup();
    }
  });

  it('shares the log with other processes: pipelined runtimes over overlapping windows and a ticking one store one row per event', async () => {
    const db = await backend.open();
    const runtimes: Runtime[] = [];
    try {
      await createRuntime({ store: db.store, clock: fixedClock() }).publish(seedPolicy(), { effectiveFrom: null });
      for (let i = 0; i < 4; i++) runtimes.push(createRuntime({ store: await db.openAnother({ poolSize: 3 }), clock: fixedClock() }));
      const [a, b, c, ticker] = runtimes as [Runtime, Runtime, Runtime, Runtime];
      const windows = (size: number, step: number): string[] => {
        const out: string[] = [];
        for (let start = 0; start < historyLines.length; start += step) out.push(historyLines.slice(start, start + size).join('\n'));
        return out;
      };
      let ticking = true;
      const ticks = (async () => {
        // Ticks at the start of the history move nothing (the runtimes are past it) but take the lock.
        while (ticking) await ticker.tick('2026-01-01T00:00:00+08:00');
      })();
      const runs = await Promise.all([ingestInFlight(a, windows(300, 200), 3), ingestInFlight(b, windows(450, 350), 2), ingestInFlight(c, windows(200, 150), 4)]);
      ticking = false;
      await ticks;
      for (const run of runs) expect(run.every((s) => s.status === 'fulfilled' && s.value.rejected.length === 0)).toBe(true);
      expect(await count(db, 'events')).toBe(historyEvents.length);
      await a.tick(historyEnd);
      expect((await storedDecisions(db.store)).map((d) => canonicalJson(d))).toEqual(simulatedHistory.map((d) => canonicalJson(d)));
      expect((await b.verify()).ok).toBe(true);
    } finally {
      for (const r of runtimes) await r.close();
      await db.cleanup();
    }
  });
});
