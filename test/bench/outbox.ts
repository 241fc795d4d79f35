/**
 * `npm run bench -- --only outbox`: what the transactional outbox costs and how fast it delivers.
 *
 * 1. Ingest rate with the outbox on vs off, on the same prefix of the generated history, in the
 *    same run, three runs each interleaved (off, on, on, off, off, on) on fresh stores; the
 *    median of each. The ratio on/off must be ≥ 0.8.
 * 2. Delivery rate: a fresh store with one webhook endpoint; the first events of the history
 *    are ingested (outbox on), then outbound delivery starts (pg-boss on PostgreSQL, the
 *    in-process worker on PGlite) and is timed until every decision has reached a local
 *    receiver that verifies each signature with `standardwebhooks`.
 *
 * PostgreSQL runs when DATABASE_URL is set, PGlite always. Overrides: BENCH_OUTBOX_EVENTS
 * (ingest prefix, 100,000 on PostgreSQL, 40,000 on PGlite), BENCH_OUTBOX_DELIVER (decisions to
 * deliver, 5,000), BENCH_INGEST_BATCH (1,000), BENCH_INGEST_IN_FLIGHT (2), BENCH_OUTBOX_BACKENDS
 * (`postgres,pglite`; name one to run only it).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AllotEvent, Policy } from '@allot/engine';
import { createRuntime } from '@allot/runtime';
import { openStore } from '@allot/store';
import type { Store } from '@allot/store';
import { collectGarbage, secondsSince } from './timing.js';

const env = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? Number.NaN : Number(raw);
  return Number.isFinite(value) ? value : fallback;
};
const CLOCK = (): Date => new Date('2027-06-01T00:00:00Z');

/** One backend's outbox numbers. */
export interface OutboxRun {
  backend: 'postgres' | 'pglite';
  events: number;
  offEps: number;
  onEps: number;
  ratio: number;
  delivered: number;
  deliverSeconds: number;
  deliveredPerSecond: number;
  engine: string;
}

/** Every backend's, and whether the ratio held everywhere. */
export interface OutboxResults {
  postgres: OutboxRun | null;
  pglite: OutboxRun | null;
  failures: number;
}

async function withStore<T>(backend: 'postgres' | 'pglite', fn: (store: Store) => Promise<T>): Promise<T> {
  if (backend === 'postgres') {
    const store = await openStore({ databaseUrl: process.env['DATABASE_URL'] ?? '', schema: `bench_outbox_${process.pid}_${randomBytes(4).toString('hex')}`, applicationName: 'allot bench' });
    try {
      return await fn(store);
    } finally {
      await store.dropSchema();
      await store.close();
    }
  }
  const dir = await mkdtemp(join(tmpdir(), 'allot-bench-outbox-'));
  try {
    const store = await openStore({ dataDir: dir });
    try {
      return await fn(store);
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Ingests `events` with two calls in flight; events/s. */
async function ingestRate(store: Store, policy: Policy, events: readonly AllotEvent[], outbox: boolean): Promise<number> {
  const runtime = createRuntime({ store, clock: CLOCK, outbox });
  await runtime.publish(policy, { effectiveFrom: null, author: 'bench' });
  collectGarbage();
  const batch = Math.max(1, env('BENCH_INGEST_BATCH', 1_000));
  const inFlight = Math.max(1, env('BENCH_INGEST_IN_FLIGHT', 2));
  const pending: Promise<unknown>[] = [];
  const start = process.hrtime.bigint();
  for (let i = 0; i < events.length; i += batch) {
    pending.push(runtime.ingest(events.slice(i, i + batch)));
    if (pending.length >= inFlight) await pending.shift();
  }
  await Promise.all(pending);
  const seconds = secondsSince(start);
  await runtime.close();
  return events.length / seconds;
}

/** The admin app's side of the delivery benchmark (apps/admin/features/integrations/bench.ts, loaded at run time: the admin app is typechecked by its own tsconfig). */
interface DeliveryBench {
  deliveryRate(store: Store, backend: 'postgres' | 'pglite', policy: Policy, history: readonly AllotEvent[], want: number, log: (l: string) => void): Promise<{ delivered: number; seconds: number; engine: string }>;
}
const loadDeliveryBench = async (): Promise<DeliveryBench> => (await import(new URL('../../apps/admin/features/integrations/bench.ts', import.meta.url).href)) as DeliveryBench;

async function runBackend(backend: 'postgres' | 'pglite', policy: Policy, history: readonly AllotEvent[], log: (l: string) => void): Promise<OutboxRun> {
  const n = Math.min(history.length, env('BENCH_OUTBOX_EVENTS', backend === 'postgres' ? 100_000 : 40_000));
  const events = history.slice(0, n);
  const off: number[] = [];
  const on: number[] = [];
  // Interleaved and balanced (off on on off off on), the median of each: the machine's load drifts.
  for (const outbox of [false, true, true, false, false, true]) {
    const eps = await withStore(backend, (store) => ingestRate(store, policy, events, outbox));
    (outbox ? on : off).push(eps);
    log(`    ${n.toLocaleString('en-US')} events, outbox ${outbox ? 'on ' : 'off'}: ${Math.round(eps).toLocaleString('en-US')} events/s`);
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const want = env('BENCH_OUTBOX_DELIVER', 5_000);
  const { deliveryRate } = await loadDeliveryBench();
  const d = await withStore(backend, (store) => deliveryRate(store, backend, policy, history, want, log));
  log(`    delivered ${d.delivered.toLocaleString('en-US')} signed webhooks (${d.engine}) in ${d.seconds.toFixed(1)} s: ${Math.round(d.delivered / d.seconds).toLocaleString('en-US')} decisions/s`);
  return { backend, events: n, offEps: median(off), onEps: median(on), ratio: median(on) / median(off), delivered: d.delivered, deliverSeconds: d.seconds, deliveredPerSecond: d.delivered / d.seconds, engine: d.engine };
}

/** Runs the outbox benchmark on PostgreSQL (when DATABASE_URL is set) and PGlite. */
export async function runOutboxBench(policy: Policy, history: readonly AllotEvent[], log: (l: string) => void): Promise<OutboxResults> {
  const out: OutboxResults = { postgres: null, pglite: null, failures: 0 };
  const only = (process.env['BENCH_OUTBOX_BACKENDS'] ?? 'postgres,pglite').split(',').map((b) => b.trim());
  for (const backend of ['postgres', 'pglite'] as const) {
    if (!only.includes(backend)) {
      log(`  ${backend}: skipped (BENCH_OUTBOX_BACKENDS)`);
      continue;
    }
    if (backend === 'postgres' && (process.env['DATABASE_URL'] ?? '') === '') {
      log('  PostgreSQL: skipped (DATABASE_URL is not set)');
      continue;
    }
    log(`  ${backend === 'postgres' ? 'PostgreSQL' : 'PGlite'}:`);
    try {
      const run = await runBackend(backend, policy, history, log);
      out[backend] = run;
      log(`    ingest with the outbox / without: ${run.ratio.toFixed(2)} (${Math.round(run.onEps).toLocaleString('en-US')} / ${Math.round(run.offEps).toLocaleString('en-US')} events/s)${run.ratio >= 0.8 ? '' : ' — BELOW 0.8'}`);
      if (run.ratio < 0.8) out.failures++;
    } catch (error) {
      console.error(`OUTBOX BENCH FAILED (${backend}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      out.failures++;
    }
    collectGarbage();
  }
  return out;
}

/** Writes the `outbox` key of results.json (keeps every other key). */
export function writeOutboxResults(path: string, r: OutboxResults): void {
  const old = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : {};
  const prev = (old['outbox'] ?? {}) as Record<string, unknown>;
  const view = (run: OutboxRun | null, key: string): unknown =>
    run === null
      ? (prev[key] ?? null)
      : { events: run.events, ingest_off_eps: Math.round(run.offEps), ingest_on_eps: Math.round(run.onEps), ratio: Number(run.ratio.toFixed(3)), delivered: run.delivered, delivered_per_s: Math.round(run.deliveredPerSecond), engine: run.engine };
  writeFileSync(path, `${JSON.stringify({ ...old, outbox: { postgres: view(r.postgres, 'postgres'), pglite: view(r.pglite, 'pglite'), ratio_target: 0.8 } }, null, 2)}\n`);
}
