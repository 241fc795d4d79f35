/**
 * `npm run bench`: replays a generated 12-month history (1,000 staff, 200,000 clients) through
 * (a) the engine's compiled path, (b) its json-rules-engine reference path and (c) the
 * hand-written 1.0.0 reducer, and (a′) the compiled path under the format-2 2.0.0 policy; checks
 * that all of them decide the same; prints events/s and peak
 * RSS; writes test/bench/results.json. Exits 1 when the paths disagree.
 *
 * Environment overrides (all optional): BENCH_STAFF, BENCH_CLIENTS, BENCH_MONTHS, BENCH_SEED,
 * BENCH_RUNS (timed runs per fast path, median reported), BENCH_REFERENCE_BUDGET_S (how long
 * the reference path may run), BENCH_REFERENCE_EVENTS (fix the reference prefix length).
 *
 * Then the ingest phase (ingest.ts): the same history through `@allot/runtime` in batches into
 * PostgreSQL (when DATABASE_URL is set) and PGlite; `ingest_pg_eps` / `ingest_pglite_eps`.
 * Overrides: BENCH_INGEST_BATCH (events per batch, 1000), BENCH_INGEST_BUDGET_S (how long a
 * prefix may take when the whole history would not fit the time limit, 90), BENCH_INGEST_EVENTS
 * (fix the number of events ingested), BENCH_INGEST=0 (skip the phase), BENCH_INGEST_BACKENDS
 * (`postgres,pglite` by default; name one to run only it), BENCH_INGEST_IN_FLIGHT (`ingest` calls
 * kept in flight at once, 2: the runtime pipelines them on PostgreSQL).
 *
 * `npm run bench -- --only ingest` runs only the ingest phase (the history is still generated):
 * it updates the ingest keys of results.json and keeps the engine paths' numbers there.
 * `npm run bench -- --only admin` runs only the admin bench (admin.ts; DATABASE_URL needed,
 * BENCH_ADMIN_EVENTS the prefix of the year to load): the admin's keys of results.json.
 * `npm run bench -- --only outbox` runs only the outbox phase (outbox.ts): ingest with the outbox
 * on vs off and signed webhook delivery; it updates the `outbox` key of results.json.
 */
import { fileURLToPath } from 'node:url';
import { policyHash, simulate, simulateReference, simulateStream, simulateStreamAsync } from '@allot/engine';
import type { AllotEvent, Decision, Policy } from '@allot/engine';
import { generateHistory } from '../../examples/history/generate.js';
import { measureConditionSpeed } from './condition-speed.js';
import { collectCompact, loadDefaultPolicy, loadPolicyV2 } from './bench-inputs.js';
import { printIngestReport, printReport, writeAdminResults, writeIngestResults, writeResults } from './bench-report.js';
import { describeDifference, firstDifference } from './first-difference.js';
import { floorPass } from './floor-pass.js';
import { handwrittenSimulate } from './handwritten/index.js';
import { runIngestBench } from './ingest.js';
import { runAdminBench } from './admin.js';
import { runOutboxBench, writeOutboxResults } from './outbox.js';
import type { IngestResults } from './ingest.js';
import { collectGarbage, eps, medianRun, peakRssMb, roundDown125, secondsSince, timeAsync, timeSync } from './timing.js';
import type { PathRun } from './timing.js';

const env = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? Number.NaN : Number(raw);
  return Number.isFinite(value) ? value : fallback;
};

/** `--only ingest` / `--only outbox`: skip the engine paths; `--only admin`: only the admin bench (admin.ts). */
function onlyPhase(argv: readonly string[]): 'ingest' | 'admin' | 'outbox' | undefined {
  const i = argv.indexOf('--only');
  const value = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  if (value === undefined) return undefined;
  if (value !== 'ingest' && value !== 'admin' && value !== 'outbox') throw new Error(`bench: --only ${value}: only "ingest", "admin" or "outbox" can be run alone`);
  return value;
}

const ONLY = onlyPhase(process.argv.slice(2));
const BACKENDS = (process.env['BENCH_INGEST_BACKENDS'] ?? 'postgres,pglite').split(',').map((b) => b.trim());

const CONFIG = {
  seed: env('BENCH_SEED', 20260101),
  staff: env('BENCH_STAFF', 1000),
  clients: env('BENCH_CLIENTS', 200_000),
  months: env('BENCH_MONTHS', 12),
  start: '2026-01-01T00:00:00+08:00',
  runs: Math.max(1, env('BENCH_RUNS', 3)),
  referenceBudgetS: env('BENCH_REFERENCE_BUDGET_S', 90),
  referenceFullLimitS: 180,
  referenceEvents: env('BENCH_REFERENCE_EVENTS', 0),
  /** Stop adding timed runs of the fast paths once they have taken this long in all. */
  fastBudgetS: 60,
  warmupEvents: 100_000,
  probeEvents: 20_000,
  ingest: {
    enabled: env('BENCH_INGEST', 1) !== 0,
    batch: Math.max(1, env('BENCH_INGEST_BATCH', 1000)),
    /** The whole history when the probe says it takes at most 80 % of 3 minutes, else a prefix. */
    fullLimitS: 180 * 0.8,
    budgetS: env('BENCH_INGEST_BUDGET_S', 90),
    probeEvents: 20_000,
    fixedEvents: env('BENCH_INGEST_EVENTS', 0),
    inFlight: Math.max(1, env('BENCH_INGEST_IN_FLIGHT', 2)),
    postgres: BACKENDS.includes('postgres'),
    pglite: BACKENDS.includes('pglite'),
  },
};

const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));
const log = (text: string): void => console.log(text);
const mb = (bytes: number): string => `${Math.round(bytes / 1048576)} MB`;

let disagreements = 0;
const explained = new Set<string>();

/**
 * Reports a digest disagreement; the first time for a label, also the first differing decision
 * (found by replaying both paths in lockstep). Timing goes on: the numbers are still printed.
 */
function check(label: string, base: PathRun, other: PathRun, explain?: () => string): void {
  if (base.digest.equals(other.digest)) return;
  disagreements++;
  console.error(`DISAGREEMENT (${label}): ${base.digest.count} decisions ${base.digest.hex()} vs ${other.digest.count} ${other.digest.hex()}`);
  if (explain !== undefined && !explained.has(label)) {
    explained.add(label);
    console.error(explain());
  }
}

function syncPaths(policy: Policy, hash: string) {
  return {
    engine: (events: readonly AllotEvent[]) => simulateStream(policy, events),
    handwritten: (events: readonly AllotEvent[]) => handwrittenSimulate(events, { policyHash: hash }),
  };
}

/** `--only admin`: the admin app timed on the bench year (or a prefix) in PostgreSQL; writes its keys into results.json. */
async function adminOnly(policy: Policy): Promise<void> {
  const databaseUrl = process.env['DATABASE_URL'];
  if (databaseUrl === undefined || databaseUrl === '') throw new Error('bench --only admin: set DATABASE_URL (PostgreSQL)');
  log('admin pages, Verify and what-if on PostgreSQL (--only admin):');
  const results = await runAdminBench(policy, {
    databaseUrl,
    seed: CONFIG.seed,
    staff: CONFIG.staff,
    clients: CONFIG.clients,
    months: CONFIG.months,
    start: CONFIG.start,
    events: Math.max(0, env('BENCH_ADMIN_EVENTS', 450_000)),
    batch: Math.max(1, env('BENCH_ADMIN_BATCH', 1000)),
    schema: process.env['BENCH_ADMIN_SCHEMA'] || undefined,
    log,
  });
  writeAdminResults(RESULTS, results);
  log(`updated the admin keys of ${RESULTS}`);
}

async function main(): Promise<void> {
  const policy = loadDefaultPolicy();
  const hash = policyHash(policy);
  const paths = syncPaths(policy, hash);
  log(`allot bench — node ${process.version}, policy ${policy.id}@${policy.version} ${hash.slice(0, 19)}…`);
  if (ONLY === 'admin') {
    await adminOnly(policy);
    return;
  }
  log(`generating ${CONFIG.months} months, ${CONFIG.staff} staff, ${CONFIG.clients} clients (seed ${CONFIG.seed})…`);

  const genStart = process.hrtime.bigint();
  const history = collectCompact(
    generateHistory({ seed: CONFIG.seed, staff: CONFIG.staff, clients: CONFIG.clients, months: CONFIG.months, start: CONFIG.start }),
    collectGarbage,
  );
  const generatedInS = secondsSince(genStart);
  collectGarbage();
  const n = history.length;
  log(`  ${n.toLocaleString('en-US')} events in ${generatedInS.toFixed(1)} s; heap ${mb(process.memoryUsage().heapUsed)}, RSS ${mb(process.memoryUsage().rss)}, peak RSS so far ${Math.round(peakRssMb())} MB`);
  if (ONLY === 'outbox') {
    log('');
    log('outbox (ingest with the outbox on vs off, signed webhook delivery) only (--only outbox):');
    const outbox = await runOutboxBench(policy, history, log);
    writeOutboxResults(RESULTS, outbox);
    log(`updated the outbox keys of ${RESULTS}`);
    if (outbox.failures > 0) process.exitCode = 1;
    return;
  }
  if (ONLY === 'ingest') {
    log('');
    log('ingest (runtime + store) only (--only ingest):');
    const ingest = await runIngestBench(policy, history, { ...CONFIG.ingest, log });
    printIngestReport(ingest);
    writeIngestResults(RESULTS, ingest);
    log(`updated the ingest keys of ${RESULTS}`);
    if (ingest.failures > 0) process.exitCode = 1;
    return;
  }

  // Warm-up: a prefix through each fast path (also a first agreement check).
  const warm = history.slice(0, Math.min(n, CONFIG.warmupEvents));
  for (let i = 0; i < 2; i++) {
    const e = timeSync(warm.length, () => paths.engine(warm));
    const h = timeSync(warm.length, () => paths.handwritten(warm));
    check('warm-up engine vs hand-written', e, h, () => describeFirst(paths.engine(warm), paths.handwritten(warm), warm));
  }

  // (a) and (c): full history, interleaved, median of CONFIG.runs.
  const engineRuns: PathRun[] = [];
  const handRuns: PathRun[] = [];
  for (let r = 0; r < CONFIG.runs; r++) {
    const e = timeSync(n, () => paths.engine(history));
    log(`  engine       run ${r + 1}: ${describeRun(e)}`);
    const h = timeSync(n, () => paths.handwritten(history));
    log(`  hand-written run ${r + 1}: ${describeRun(h)}`);
    engineRuns.push(e);
    handRuns.push(h);
    check('engine vs hand-written', e, h, () => describeFirst(paths.engine(history), paths.handwritten(history), history));
    const spent = [...engineRuns, ...handRuns].reduce((sum, run) => sum + run.seconds, 0);
    if (spent > CONFIG.fastBudgetS && r + 1 < CONFIG.runs) {
      log(`  (stopping after ${r + 1} run(s): ${spent.toFixed(0)} s spent)`);
      break;
    }
  }
  const engine = medianRun(engineRuns);
  const hand = medianRun(handRuns);

  // (a′) the same history under policies/sales-resource/2.0.0.json (format 2): the same
  // decisions (the digest has no policy field), at a speed measured in the same run.
  const policyV2 = loadPolicyV2();
  const engineV2Path = (events: readonly AllotEvent[]) => simulateStream(policyV2, events);
  timeSync(warm.length, () => engineV2Path(warm));
  const v2Runs: PathRun[] = [];
  for (let r = 0; r < Math.min(CONFIG.runs, engineRuns.length); r++) {
    const e2 = timeSync(n, () => engineV2Path(history));
    log(`  engine 2.0.0 run ${r + 1}: ${describeRun(e2)}`);
    v2Runs.push(e2);
    check('engine 2.0.0 vs 1.0.0', engine, e2, () => describeFirst(paths.engine(history), engineV2Path(history), history));
  }
  const engineV2 = medianRun(v2Runs);
  log(`  engine 2.0.0: ${Math.round(eps(engineV2)).toLocaleString('en-US')} events/s = ${(eps(engineV2) / eps(hand)).toFixed(2)}× hand-written; digest ${engineV2.digest.hex()} (1.0.0: ${engine.digest.hex()})`);

  // The floor: parse each instant and look up each subject, nothing else (what the machine allows).
  timeSync(warm.length, () => floorPass(warm));
  const floor = medianRun([0, 1, 2].map(() => timeSync(n, () => floorPass(history))));
  log(`  floor (parse + lookup only): ${describeRun(floor)}`);

  // (b): the reference path; full history when it fits the time limit, else a fixed prefix.
  const probe = history.slice(0, Math.min(n, CONFIG.probeEvents));
  const probeRun = await timeAsync(probe.length, () => simulateStreamAsync(policy, probe, { mode: 'reference' }));
  check('reference vs engine (probe)', timeSync(probe.length, () => paths.engine(probe)), probeRun);
  const probeEps = eps(probeRun);
  let refCount: number;
  if (CONFIG.referenceEvents > 0) refCount = Math.min(n, CONFIG.referenceEvents);
  else if (n / probeEps <= CONFIG.referenceFullLimitS * 0.8) refCount = n;
  else refCount = Math.min(n, roundDown125(probeEps * CONFIG.referenceBudgetS));
  log(`  reference probe: ${probe.length} events at ${Math.round(probeEps).toLocaleString('en-US')} events/s → ` +
    (refCount === n ? 'timing the full history' : `timing the first ${refCount.toLocaleString('en-US')} events`));
  const refEvents = refCount === n ? history : history.slice(0, refCount);
  const reference = await timeAsync(refCount, () => simulateStreamAsync(policy, refEvents, { mode: 'reference' }));
  log(`  reference    run: ${describeRun(reference)}`);
  const enginePrefix = refCount === n ? engine : timeSync(refCount, () => paths.engine(refEvents));
  if (!enginePrefix.digest.equals(reference.digest)) {
    check('reference vs engine', enginePrefix, reference);
    const [a, b] = [simulate(policy, refEvents), await simulateReference(policy, refEvents)];
    const difference = firstDifference(a, b);
    if (difference !== null) console.error(describeDifference(difference, ['engine   ', 'reference'], refEvents));
  }

  // Per evaluation: the policy's own conditions, compiled vs json-rules-engine.
  const conditions = await measureConditionSpeed(policy);
  log(`  conditions: compiled ${conditions.compiledNs.toFixed(0)} ns, json-rules-engine ${(conditions.referenceNs / 1000).toFixed(1)} µs per evaluation → ${Math.round(conditions.speedup)}×`);

  const numbers = {
    events: n,
    decisions: engine.digest.count,
    generatedInS,
    engineEps: eps(engine),
    engineS: engine.seconds,
    referenceEps: eps(reference),
    referenceS: reference.seconds,
    referenceEvents: refCount,
    handwrittenEps: eps(hand),
    handwrittenS: hand.seconds,
    floorEps: eps(floor),
    floorS: floor.seconds,
    peakRssMb: peakRssMb(),
    runs: engineRuns.length,
    digest: engine.digest,
    agree: disagreements === 0,
  };
  printReport(numbers);

  // The ingest phase, after the engine numbers (and their peak RSS) are taken.
  let ingest: IngestResults | null = null;
  if (CONFIG.ingest.enabled) {
    log('');
    log('ingest (runtime + store), the same history:');
    ingest = await runIngestBench(policy, history, { ...CONFIG.ingest, log });
    printIngestReport(ingest);
    if (ingest.failures > 0) disagreements++;
  }
  writeResults(RESULTS, numbers, ingest, {
    engine_v2_eps: Math.round(eps(engineV2)),
    digest_v2: engineV2.digest.hex(),
    engine_v2_vs_handwritten: Number((eps(engineV2) / eps(hand)).toFixed(3)),
    condition_compiled_ns: Math.round(conditions.compiledNs),
    condition_reference_ns: Math.round(conditions.referenceNs),
    condition_speedup: Math.round(conditions.speedup),
    history: { seed: CONFIG.seed, staff: CONFIG.staff, clients: CONFIG.clients, months: CONFIG.months, start: CONFIG.start },
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  });
  log(`wrote ${RESULTS}`);
  if (disagreements > 0) process.exitCode = 1;
}

/** One line about a timed run, with the process's peak RSS so far (which phase drives the peak). */
function describeRun(run: PathRun): string {
  const rate = Math.round(eps(run)).toLocaleString('en-US');
  return `${run.seconds.toFixed(3)} s, ${rate} events/s, ${run.digest.count} decisions (peak RSS so far ${Math.round(peakRssMb())} MB)`;
}

/** The first differing decision of two synchronous streams, readably (constant memory). */
function describeFirst(
  a: Iterable<Decision>,
  b: Iterable<Decision>,
  events: readonly AllotEvent[],
): string {
  const difference = firstDifference(a, b);
  return difference === null ? '(no difference found on replay)' : describeDifference(difference, ['engine     ', 'hand-written'], events);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
