import type { AdminResults } from './admin.js';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { DecisionDigest } from './decision-digest.js';
import type { IngestResults, IngestRun } from './ingest.js';

/** The numbers the benchmark measured. */
export interface BenchNumbers {
  events: number;
  decisions: number;
  generatedInS: number;
  engineEps: number;
  engineS: number;
  referenceEps: number;
  referenceS: number;
  referenceEvents: number;
  handwrittenEps: number;
  handwrittenS: number;
  /** Parse + subject lookup only: what the machine allows (see floor-pass.ts). */
  floorEps: number;
  floorS: number;
  peakRssMb: number;
  runs: number;
  digest: DecisionDigest;
  agree: boolean;
}

/** The targets. */
export const TARGETS = { engineEps: 1_000_000, vsReference: 50, vsHandwritten: 0.2, peakRssMb: 1024 } as const;

/** The store-and-runtime issue's ingest targets (events/s, batches of 1,000, decisions recorded). */
export const INGEST_TARGETS = { postgresEps: 20_000, pgliteEps: 5_000 } as const;

const int = (n: number): number => Math.round(n);
const grouped = (n: number): string => int(n).toLocaleString('en-US');

/** Which targets were met. */
export function targetsMet(n: BenchNumbers): Record<string, boolean> {
  return {
    engine_eps: n.engineEps >= TARGETS.engineEps,
    vs_reference: n.engineEps / n.referenceEps >= TARGETS.vsReference,
    vs_handwritten: n.engineEps / n.handwrittenEps >= TARGETS.vsHandwritten,
    peak_rss: n.peakRssMb < TARGETS.peakRssMb,
  };
}

/** Prints the result table and the targets. */
export function printReport(n: BenchNumbers): void {
  const rows: [string, number, number, number, string][] = [
    ['engine (compiled)', n.events, n.engineS, n.engineEps, '1.00×'],
    ['reference (json-rules-engine)', n.referenceEvents, n.referenceS, n.referenceEps, `${(n.referenceEps / n.engineEps).toFixed(4)}×`],
    ['hand-written reducer', n.events, n.handwrittenS, n.handwrittenEps, `${(n.handwrittenEps / n.engineEps).toFixed(2)}×`],
    ['floor (parse + lookup only)', n.events, n.floorS, n.floorEps, `${(n.floorEps / n.engineEps).toFixed(2)}×`],
  ];
  const header = ['path', 'events', 'seconds', 'events/s', 'vs engine'];
  const cells = [header, ...rows.map(([path, events, s, e, ratio]) => [path, grouped(events), s.toFixed(3), grouped(e), ratio])];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]): string => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  console.log('');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of cells.slice(1)) console.log(line(row));
  console.log('');
  console.log(`decisions: ${grouped(n.decisions)} (digest ${n.digest.hex()}), paths agree: ${n.agree ? 'yes' : 'NO'}`);
  console.log(`peak RSS: ${grouped(n.peakRssMb)} MB; history generated in ${n.generatedInS.toFixed(1)} s (not timed)`);
  const met = targetsMet(n);
  const mark = (ok: boolean | undefined): string => (ok === true ? 'met ' : 'MISS');
  console.log('targets:');
  console.log(`  [${mark(met['engine_eps'])}] engine ≥ ${grouped(TARGETS.engineEps)} events/s: ${grouped(n.engineEps)}`);
  console.log(`  [${mark(met['vs_reference'])}] engine ≥ ${TARGETS.vsReference}× reference: ${(n.engineEps / n.referenceEps).toFixed(1)}×`);
  console.log(`  [${mark(met['vs_handwritten'])}] engine ≥ ${TARGETS.vsHandwritten}× hand-written: ${(n.engineEps / n.handwrittenEps).toFixed(2)}×`);
  console.log(`  [${mark(met['peak_rss'])}] peak RSS < ${TARGETS.peakRssMb} MB: ${grouped(n.peakRssMb)} MB`);
}

/** Prints the ingest phase's table and its targets. */
export function printIngestReport(ingest: IngestResults): void {
  const rows: [string, IngestRun | null, number][] = [
    ['PostgreSQL', ingest.postgres, INGEST_TARGETS.postgresEps],
    ['PGlite', ingest.pglite, INGEST_TARGETS.pgliteEps],
  ];
  console.log('');
  console.log('ingest backend  events                       seconds  events/s  decisions');
  for (const [name, run] of rows) {
    if (run === null) console.log(`${name.padEnd(14)}  (not run)`);
    else {
      const events = `${grouped(run.events)} ${run.full ? '(whole history)' : '(prefix)'}`;
      console.log(`${name.padEnd(14)}  ${events.padEnd(27)}  ${run.seconds.toFixed(1).padStart(7)}  ${grouped(run.eps).padStart(8)}  ${grouped(run.decisions).padStart(9)}${run.agree ? '' : ' DIFFERENT from the engine'}`);
    }
  }
  console.log(`peak RSS at the end of the ingest phase: ${grouped(ingest.peakRssMb)} MB`);
  console.log('targets:');
  for (const [name, run, target] of rows) {
    const mark = run === null ? 'n/a ' : run.eps >= target ? 'met ' : 'MISS';
    console.log(`  [${mark}] ingest into ${name} ≥ ${grouped(target)} events/s: ${run === null ? 'not run' : grouped(run.eps)}`);
  }
}

/** A backend's run for results.json. */
const ingestDetail = (run: IngestRun | null): Record<string, unknown> | null =>
  run === null ? null : { events: run.events, whole_history: run.full, seconds: Number(run.seconds.toFixed(1)), decisions: run.decisions, same_as_engine: run.agree };

/** The ingest part of results.json. */
function ingestResults(ingest: IngestResults): Record<string, unknown> {
  return {
    batch: ingest.batch,
    in_flight: ingest.inFlight,
    postgres: ingestDetail(ingest.postgres),
    pglite: ingestDetail(ingest.pglite),
    targets_met: {
      ingest_pg_eps: ingest.postgres === null ? null : ingest.postgres.eps >= INGEST_TARGETS.postgresEps,
      ingest_pglite_eps: ingest.pglite === null ? null : ingest.pglite.eps >= INGEST_TARGETS.pgliteEps,
    },
    peak_rss_mb: int(ingest.peakRssMb),
  };
}

/** test/bench/results.json as it stands (empty when there is none yet). */
function readResults(path: string): Record<string, unknown> {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : {};
}

/**
 * `--only ingest`: updates the ingest keys of test/bench/results.json (a backend that was not run
 * keeps its last number) and leaves the engine paths' numbers as they are.
 */
export function writeIngestResults(path: string, ingest: IngestResults): void {
  const old = readResults(path);
  const oldIngest = (old['ingest'] ?? {}) as Record<string, unknown>;
  const fresh = ingestResults(ingest);
  const oldMet = (oldIngest['targets_met'] ?? {}) as Record<string, unknown>;
  const freshMet = fresh['targets_met'] as Record<string, unknown>;
  const results = {
    ...old,
    ingest_pg_eps: ingest.postgres === null ? (old['ingest_pg_eps'] ?? null) : int(ingest.postgres.eps),
    ingest_pglite_eps: ingest.pglite === null ? (old['ingest_pglite_eps'] ?? null) : int(ingest.pglite.eps),
    ingest: {
      ...fresh,
      postgres: ingest.postgres === null ? (oldIngest['postgres'] ?? null) : fresh['postgres'],
      pglite: ingest.pglite === null ? (oldIngest['pglite'] ?? null) : fresh['pglite'],
      targets_met: {
        ingest_pg_eps: ingest.postgres === null ? (oldMet['ingest_pg_eps'] ?? null) : freshMet['ingest_pg_eps'],
        ingest_pglite_eps: ingest.pglite === null ? (oldMet['ingest_pglite_eps'] ?? null) : freshMet['ingest_pglite_eps'],
      },
    },
  };
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}

/**
 * Writes test/bench/results.json: the five keys (integers), the ingest issue's two
 * (`ingest_pg_eps`, `ingest_pglite_eps`: integers, null when not run), then extras.
 */
export function writeResults(path: string, n: BenchNumbers, ingest: IngestResults | null, extra: Record<string, unknown>): void {
  const results = {
    events: n.events,
    engine_eps: int(n.engineEps),
    reference_eps: int(n.referenceEps),
    handwritten_eps: int(n.handwrittenEps),
    peak_rss_mb: int(n.peakRssMb),
    ingest_pg_eps: ingest?.postgres == null ? null : int(ingest.postgres.eps),
    ingest_pglite_eps: ingest?.pglite == null ? null : int(ingest.pglite.eps),
    decisions: n.decisions,
    decisions_digest: n.digest.hex(),
    decisions_by_kind: n.digest.byKind,
    paths_agree: n.agree,
    reference_events: n.referenceEvents,
    reference_full_history: n.referenceEvents === n.events,
    engine_vs_reference: Number((n.engineEps / n.referenceEps).toFixed(1)),
    engine_vs_handwritten: Number((n.engineEps / n.handwrittenEps).toFixed(3)),
    floor_eps: int(n.floorEps),
    targets_met: targetsMet(n),
    timed_runs: n.runs,
    generated_in_s: Number(n.generatedInS.toFixed(1)),
    ingest: ingest === null ? null : ingestResults(ingest),
    ...extra,
  };
  // The other phases' keys (`--only admin`, `--only outbox`) stay: this run did not measure them.
  writeFileSync(path, `${JSON.stringify({ ...readResults(path), ...results }, null, 2)}\n`);
}

/** Writes the admin bench's keys into test/bench/results.json, keeping every other key. */
export function writeAdminResults(path: string, admin: AdminResults): void {
  writeFileSync(path, `${JSON.stringify({ ...readResults(path), ...admin }, null, 2)}\n`);
}
