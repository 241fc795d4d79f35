/**
 * The ingest benchmark (`npm run bench`, after the engine paths): the generated history ingested
 * through `@allot/runtime` in batches of 1,000 events — validated, stored, decided and recorded
 * with their hash chains and projections, one transaction per batch — into PostgreSQL (only
 * when DATABASE_URL is set; a schema of its own, dropped after) and into PGlite (a temporary
 * directory, removed after). Reports events/s per backend; the decisions recorded are checked
 * against the engine's on the same events.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulateStream } from '@allot/engine';
import type { AllotEvent, Policy } from '@allot/engine';
import { createRuntime } from '@allot/runtime';
import { openStore } from '@allot/store';
import type { Store } from '@allot/store';
import { DecisionDigest } from './decision-digest.js';
import { collectGarbage, peakRssMb, roundDown125, secondsSince } from './timing.js';

/** How one backend is benchmarked. */
export interface IngestBenchOptions {
  /** Events per `runtime.ingest` call. */
  batch: number;
  /** Ingest the whole history when the probe says it takes at most this long (s); else a prefix. */
  fullLimitS: number;
  /** How long (s) a prefix should take, when the whole history would take too long. */
  budgetS: number;
  /** Events timed before deciding between the whole history and a prefix (they count in the run). */
  probeEvents: number;
  /** Fix the number of events (0: decide by the probe). */
  fixedEvents: number;
  /** `ingest` calls kept in flight at once (1: each waits for the previous to resolve). */
  inFlight: number;
  /** Which backends to run (PostgreSQL only with DATABASE_URL too). */
  postgres: boolean;
  pglite: boolean;
  log: (line: string) => void;
}

/** What one backend did. */
export interface IngestRun {
  backend: 'postgres' | 'pglite';
  /** Events ingested and timed: the whole history or a prefix of it. */
  events: number;
  full: boolean;
  seconds: number;
  eps: number;
  decisions: number;
  /** The recorded decisions are the engine's on the same events (identities, in order). */
  agree: boolean;
}

/** The results of the ingest phase; a backend that did not run (or failed) is null. */
export interface IngestResults {
  postgres: IngestRun | null;
  pglite: IngestRun | null;
  /** Events per batch. */
  batch: number;
  /** `ingest` calls kept in flight at once. */
  inFlight: number;
  /** Backends that failed or recorded other decisions than the engine makes. */
  failures: number;
  /** Peak RSS (MB) at the end of the phase: the engine's number is taken before it. */
  peakRssMb: number;
}

/** A fixed clock: the runtime reads no other (only for `recorded_at` columns here). */
const CLOCK = (): Date => new Date('2027-06-01T00:00:00Z');

/**
 * How many events to ingest, from the probe's rate: a fixed number when given; else the number
 * the other backend ingested (so both are timed on the same events) unless that would take over
 * the time limit here; else the whole history when it fits the limit; else the largest round
 * (1/2/5 × 10^k) prefix that takes about `budgetS`.
 */
function chooseTarget(n: number, probeEps: number, o: IngestBenchOptions, shared: number): { target: number; why: string } {
  const budget = Math.max(o.probeEvents, Math.min(n, roundDown125(probeEps * o.budgetS)));
  const estimate = (events: number): number => Math.round(events / probeEps);
  if (o.fixedEvents > 0) return { target: Math.min(n, o.fixedEvents), why: 'BENCH_INGEST_EVENTS' };
  if (shared > 0 && estimate(shared) <= o.fullLimitS / 0.8) return { target: shared, why: 'the same events as the other backend' };
  if (estimate(n) <= o.fullLimitS) return { target: n, why: 'the whole history fits the time limit' };
  return { target: budget, why: `the whole history would take ~${estimate(n)} s` };
}

/**
 * Ingests `history` (in time order) into an open store in batches, timed from the first batch:
 * the first `probeEvents` estimate the rate, which decides how many events are ingested (the
 * probe's events are part of the run). `shared`: what the other backend ingested (0: none).
 */
async function ingestInto(store: Store, policy: Policy, history: readonly AllotEvent[], o: IngestBenchOptions, shared: number): Promise<IngestRun> {
  const runtime = createRuntime({ store, clock: CLOCK });
  await runtime.publish(policy, { effectiveFrom: null, author: 'bench' });
  collectGarbage();
  const digest = new DecisionDigest();
  let target = Math.min(history.length, o.probeEvents);
  let decided = false;
  let done = 0;
  let submitted = 0;
  // Calls in flight, oldest first: the runtime applies them in the order they were made.
  const inFlight: Array<ReturnType<typeof runtime.ingest>> = [];
  const start = process.hrtime.bigint();
  while (done < target) {
    while (submitted < target && inFlight.length < Math.max(1, o.inFlight)) {
      const end = Math.min(target, submitted + o.batch);
      inFlight.push(runtime.ingest(history.slice(submitted, end)));
      submitted = end;
    }
    const result = await (inFlight.shift() as ReturnType<typeof runtime.ingest>);
    if (result.rejected.length > 0) throw new Error(`bench ingest: rejected ${JSON.stringify(result.rejected.slice(0, 3))}`);
    for (const d of result.decisions) digest.add(d);
    done += result.accepted;
    if (!decided && done >= target) {
      decided = true;
      const probeEps = done / secondsSince(start);
      const choice = chooseTarget(history.length, probeEps, o, shared);
      target = Math.max(done, choice.target);
      o.log(
        `    probe: ${done.toLocaleString('en-US')} events at ${Math.round(probeEps).toLocaleString('en-US')} events/s → ` +
          (target === history.length ? 'ingesting the whole history' : `ingesting the first ${target.toLocaleString('en-US')} events`) +
          ` (${choice.why})`,
      );
    }
  }
  const seconds = secondsSince(start);
  await runtime.close();
  const engine = new DecisionDigest();
  for (const d of simulateStream(policy, done === history.length ? history : history.slice(0, done))) engine.add(d);
  return {
    backend: store.backend,
    events: done,
    full: done === history.length,
    seconds,
    eps: done / seconds,
    decisions: digest.count,
    agree: digest.equals(engine),
  };
}

/** One line about a backend's run. */
export function describeIngest(run: IngestRun): string {
  return (
    `${run.events.toLocaleString('en-US')} events${run.full ? ' (whole history)' : ' (prefix)'} in ${run.seconds.toFixed(1)} s: ` +
    `${Math.round(run.eps).toLocaleString('en-US')} events/s, ${run.decisions.toLocaleString('en-US')} decisions recorded` +
    (run.agree ? ', same as the engine' : ' — DIFFERENT from the engine on the same events')
  );
}

/** PostgreSQL (DATABASE_URL) in a schema of its own, dropped after; null without DATABASE_URL. */
async function benchPostgres(policy: Policy, history: readonly AllotEvent[], o: IngestBenchOptions, shared: number): Promise<IngestRun | null> {
  const url = process.env['DATABASE_URL'];
  if (!o.postgres) {
    o.log('  ingest into PostgreSQL: skipped (BENCH_INGEST_BACKENDS)');
    return null;
  }
  if (url === undefined || url === '') {
    o.log('  ingest into PostgreSQL: skipped (DATABASE_URL is not set)');
    return null;
  }
  const schema = `bench_ingest_${process.pid}_${randomBytes(4).toString('hex')}`;
  o.log(`  ingest into PostgreSQL (schema ${schema}), batches of ${o.batch.toLocaleString('en-US')}…`);
  const store = await openStore({ databaseUrl: url, schema, applicationName: 'allot bench' });
  try {
    return await ingestInto(store, policy, history, o, shared);
  } finally {
    await store.dropSchema();
    await store.close();
  }
}

/** PGlite in a temporary directory, removed after. */
async function benchPGlite(policy: Policy, history: readonly AllotEvent[], o: IngestBenchOptions, shared: number): Promise<IngestRun | null> {
  if (!o.pglite) {
    o.log('  ingest into PGlite: skipped (BENCH_INGEST_BACKENDS)');
    return null;
  }
  const dir = await mkdtemp(join(tmpdir(), 'allot-bench-pglite-'));
  o.log(`  ingest into PGlite (${dir}), batches of ${o.batch.toLocaleString('en-US')}…`);
  try {
    const store = await openStore({ dataDir: dir });
    try {
      return await ingestInto(store, policy, history, o, shared);
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs one backend; a failure is logged and counted, not thrown (the engine numbers still count). */
async function attempt(name: string, run: () => Promise<IngestRun | null>, o: IngestBenchOptions): Promise<{ run: IngestRun | null; failed: boolean }> {
  try {
    const result = await run();
    if (result !== null) o.log(`    ${name}: ${describeIngest(result)}`);
    return { run: result, failed: result !== null && !result.agree };
  } catch (error) {
    console.error(`INGEST FAILED (${name}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return { run: null, failed: true };
  }
}

/** Runs the ingest benchmark on PostgreSQL (when DATABASE_URL is set) and on PGlite. */
export async function runIngestBench(policy: Policy, history: readonly AllotEvent[], o: IngestBenchOptions): Promise<IngestResults> {
  const postgres = await attempt('PostgreSQL', () => benchPostgres(policy, history, o, 0), o);
  collectGarbage();
  const pglite = await attempt('PGlite', () => benchPGlite(policy, history, o, postgres.run?.events ?? 0), o);
  return {
    batch: o.batch,
    inFlight: Math.max(1, o.inFlight),
    postgres: postgres.run,
    pglite: pglite.run,
    failures: (postgres.failed ? 1 : 0) + (pglite.failed ? 1 : 0),
    peakRssMb: peakRssMb(),
  };
}
