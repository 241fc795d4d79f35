/**
 * The admin benchmark (`npm run bench -- --only admin`): the bench's generated year (or a stated
 * prefix of it) ingested through `@allot/runtime` into PostgreSQL (a schema of its own, dropped
 * after), then the admin app started on it (`next start`, the production build) and timed over
 * HTTP as a signed-in auditor: each page cold (its first request after the start) and warm (the
 * median of three more), Verify over a month and over everything, what-if over 90 days and over
 * the whole history (as jobs: submitted, then polled until done), and the server's peak RSS.
 *
 * Overrides: BENCH_ADMIN_EVENTS (events of the year to load, default 450,000 — about the first
 * three months; 0: the whole year), BENCH_ADMIN_BATCH (events per ingest call, 1,000),
 * BENCH_ADMIN_SCHEMA (load into this schema and keep it; a schema already loaded is reused as it
 * is, so the pages can be timed again without loading). Needs DATABASE_URL.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { AllotEvent, Policy } from '@allot/engine';
import { createRuntime } from '@allot/runtime';
import { openStore } from '@allot/store';
import { sql } from 'kysely';
import { generateHistory } from '../../examples/history/generate.js';
import { ROOT } from './bench-inputs.js';
import { serverNodeOptions } from '../../apps/admin/scripts/server-options.mjs';

/** How the admin bench runs. */
export interface AdminBenchOptions {
  databaseUrl: string;
  seed: number;
  staff: number;
  clients: number;
  months: number;
  start: string;
  /** Events of the history to load (0: all). */
  events: number;
  batch: number;
  /** A schema to load into and keep (reused when already loaded); else a new one, dropped after. */
  schema?: string | undefined;
  log: (line: string) => void;
}

/** One page's times (seconds). */
export interface PageTime {
  cold_s: number;
  warm_s: number;
}

/** What the admin bench measured. */
export interface AdminResults {
  admin_events: number;
  admin_decisions: number;
  admin_history: string;
  admin_ingest_s: number;
  admin_pages: Record<string, PageTime>;
  verify_month_s: number | null;
  verify_year_s: number | null;
  whatif_90d_s: number | null;
  whatif_90d_warm_s: number | null;
  /** Seconds from a draft's version page first asked until it shows the impact (its what-if job done). */
  admin_impact_ready_s: number | null;
  /** Seconds from a pause's audit page first asked until it shows the trace (replayed in the background). */
  admin_trace_ready_s: number | null;
  whatif_year_s: number | null;
  admin_peak_rss_mb: number;
  /** The floor: an unauthenticated `GET /api/session` (401) round trip, median of 5 (s). */
  admin_floor_s: number;
  /** The machine's 1-minute load average when the pages were timed (2 cores). */
  admin_load_avg: number;
}

const APP_DIR = join(ROOT, 'apps', 'admin');
const NEXT_BIN = createRequire(join(APP_DIR, 'package.json')).resolve('next/dist/bin/next');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const round = (s: number): number => Math.round(s * 1000) / 1000;
/** The runtime's clock while loading: after the history, so no event is ahead of it. */
const LOAD_CLOCK = (): Date => new Date('2027-06-01T00:00:00Z');

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => res(typeof a === 'object' && a !== null ? a.port : 0));
    });
  });
}

/** Peak RSS (VmHWM, MB) of a process and every process under it. */
function peakRssOf(pid: number): number {
  let peak = 0;
  const visit = (p: number): void => {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      const m = /VmHWM:\s+(\d+) kB/.exec(status);
      if (m !== null) peak = Math.max(peak, Number(m[1]) / 1024);
      for (const task of readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(/\s+/)) if (task !== '') visit(Number(task));
    } catch {
      // gone
    }
  };
  visit(pid);
  return Math.round(peak);
}

/** The prefix of the generated year, in the order the generator makes it (time order). */
function loadHistory(o: AdminBenchOptions): AllotEvent[] {
  const out: AllotEvent[] = [];
  for (const e of generateHistory({ seed: o.seed, staff: o.staff, clients: o.clients, months: o.months, start: o.start })) {
    out.push(e);
    if (o.events > 0 && out.length >= o.events) break;
  }
  return out;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; s: number }> {
  const t = process.hrtime.bigint();
  const value = await fn();
  return { value, s: Number(process.hrtime.bigint() - t) / 1e9 };
}

/** Runs the admin bench; the schema is dropped and the server stopped whatever happens. */
export async function runAdminBench(policy: Policy, o: AdminBenchOptions): Promise<AdminResults> {
  const schema = o.schema ?? `bench_admin_${randomBytes(4).toString('hex')}`;
  o.log(`  generating the history (${o.events > 0 ? `the first ${o.events.toLocaleString('en-US')} events of ` : ''}${o.months} months, ${o.staff} staff, ${o.clients} clients)…`);
  let history: AllotEvent[] | null = loadHistory(o);
  const events = history.length;
  const firstAt = history[0]?.at ?? o.start;
  const lastAt = history[events - 1]?.at ?? o.start;
  o.log(`  ${events.toLocaleString('en-US')} events, ${firstAt} … ${lastAt}`);

  const store = await openStore({ databaseUrl: o.databaseUrl, schema, poolSize: 4 });
  let child: ChildProcess | undefined;
  try {
    const loaded = Number((await store.db.selectFrom('log_head').select('op_seq').executeTakeFirstOrThrow()).op_seq) > 0;
    let ingestS = 0;
    if (loaded) o.log(`  schema ${schema} is loaded already: timing it as it is`);
    else {
      const runtime = createRuntime({ store, clock: LOAD_CLOCK, actor: 'bench' });
      await runtime.publish(policy, { effectiveFrom: null, author: 'bench' });
      const ingest = await timed(async () => {
        const inFlight: Promise<unknown>[] = [];
        for (let i = 0; i < events; i += o.batch) {
          inFlight.push(runtime.ingest((history as AllotEvent[]).slice(i, i + o.batch)));
          if (inFlight.length >= 2) await inFlight.shift();
          if ((i / o.batch) % 100 === 0) o.log(`    ingest ${i.toLocaleString('en-US')} / ${events.toLocaleString('en-US')}`);
        }
        await Promise.all(inFlight);
        await runtime.tick(lastAt);
      });
      ingestS = ingest.s;
      await runtime.close(); // saves a snapshot: the admin's runtime starts from it
      o.log(`  ingested in ${ingest.s.toFixed(1)} s (${Math.round(events / ingest.s).toLocaleString('en-US')} events/s)`);
    }
    history = null;
    // What autovacuum does after a bulk load on a database that runs it (the default): table
    // statistics for the planner, and the GIN index's pending entries merged. A server with
    // autovacuum off (as CI's) would otherwise time plans made without statistics and every
    // cause lookup scanning the GIN's pending list (1.7 s instead of 5 ms for 1,000 ids).
    const vacuumed = await timed(async () => {
      for (const table of ['events', 'decisions', 'ticks', 'snapshots', 'staff_status', 'client_state', 'policy_versions']) await sql.raw(`vacuum analyze ${table}`).execute(store.db);
    });
    o.log(`  vacuum analyze ${vacuumed.s.toFixed(1)} s`);
    const decisions = Number((await store.db.selectFrom('decisions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    o.log(`  ${decisions.toLocaleString('en-US')} decisions`);

    // Ids the pages are asked about: a rep with the most decisions, a pause, a client.
    const db = store.db;
    const rep = (await db.selectFrom('decisions').select(['staff_id']).where('kind', '=', 'staff.paused').orderBy('seq').limit(1).executeTakeFirst())?.staff_id ?? 's0001';
    // A pause from the middle of the record: its trace (pauses used by the ring) has half the log before it.
    const middle = Math.floor(Number((await db.selectFrom('log_head').select('decision_seq').executeTakeFirstOrThrow()).decision_seq) / 2);
    const pause = (await db.selectFrom('decisions').select(['decision_id']).where('kind', '=', 'staff.paused').where('seq', '>=', middle).orderBy('seq').limit(1).executeTakeFirst())?.decision_id ?? null;
    const client = (await db.selectFrom('decisions').select(['client_id']).where('kind', '=', 'lead.allocated').orderBy('seq').limit(1).executeTakeFirst())?.client_id ?? null;

    // The admin app over the loaded schema (demo accounts seeded; no demo history or contacts).
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    let out = '';
    child = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], {
      cwd: APP_DIR,
      env: { ...process.env, NODE_OPTIONS: serverNodeOptions(process.env['NODE_OPTIONS']), NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: o.databaseUrl, ALLOT_DB_SCHEMA: schema, ALLOT_REPO_ROOT: ROOT, ALLOT_SEED_HISTORY: '/dev/null', PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    const started = await timed(async () => {
      for (let i = 0; i < 600; i++) {
        if (child?.exitCode !== null) throw new Error(`the admin app exited:\n${out}`);
        try {
          if ((await fetch(`${base}/api/session`)).status === 401) return;
        } catch {
          // not listening yet
        }
        await sleep(250);
      }
      throw new Error(`the admin app did not start:\n${out}`);
    });
    o.log(`  admin started in ${started.s.toFixed(1)} s`);
    // The server's peak RSS, sampled while it runs (it is gone if it crashes).
    let sampledPeak = 0;
    const sampler = setInterval(() => {
      if (child?.pid !== undefined) sampledPeak = Math.max(sampledPeak, peakRssOf(child.pid));
    }, 1000);
    sampler.unref();
    const signIn = await fetch(`${base}/api/auth/sign-in`, { method: 'POST', headers: { origin: base, 'content-type': 'application/json' }, body: JSON.stringify({ username: 'auditor', password: 'allot-demo' }) });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    if (signIn.status !== 200) throw new Error(`sign-in: ${signIn.status}`);
    const get = async (path: string): Promise<number> => {
      const r = await timed(async () => {
        const res = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' });
        await res.arrayBuffer();
        if (res.status >= 500) throw new Error(`GET ${path}: ${res.status}\n${out.slice(-2000)}`);
        if (res.status !== 200) o.log(`    (GET ${path}: ${res.status})`);
      });
      return r.s;
    };
    const send = async (method: string, path: string, body: unknown): Promise<Record<string, unknown>> => {
      const res = await fetch(`${base}${path}`, { method, headers: { cookie, origin: base, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const json = (await res.json()) as Record<string, unknown>;
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json).slice(0, 500)}`);
      return json;
    };

    // A draft (as the editor), so a version page shows its impact summary over the last 90 days.
    const hrIn = await fetch(`${base}/api/auth/sign-in`, { method: 'POST', headers: { origin: base, 'content-type': 'application/json' }, body: JSON.stringify({ username: 'hr', password: 'allot-demo' }) });
    const hrCookie = (hrIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const drafted = await fetch(`${base}/api/policies/${policy.id}/drafts`, { method: 'POST', headers: { cookie: hrCookie, origin: base, 'content-type': 'application/json' }, body: JSON.stringify({ from: policy.version }) });
    const draft = drafted.status === 200 ? ((await drafted.json()) as { version: { version: string } }).version.version : null;
    if (draft === null) o.log(`    (no draft: ${drafted.status})`);

    const pages: Record<string, string> = {
      '/people': '/people',
      '/people/<id>': `/people/${rep}`,
      '/reports/weekly': '/reports/weekly',
      '/api/reports/weekly?format=csv': '/api/reports/weekly?format=csv',
      '/policies': '/policies',
      '/policies/<id>/<version>': `/policies/${policy.id}/${policy.version}`,
      ...(draft === null ? {} : { '/policies/<id>/<draft> (impact summary)': `/policies/${policy.id}/${draft}` }),
      '/clients': '/clients',
      ...(client === null ? {} : { '/clients/<id>': `/clients/${client}` }),
      '/audit?staff=<id>': `/audit?staffId=${rep}`,
      ...(pause === null ? {} : { '/audit/decisions/<pause>': `/audit/decisions/${encodeURIComponent(pause)}` }),
    };
    const floorRuns: number[] = [];
    for (let i = 0; i < 5; i++) floorRuns.push((await timed(async () => (await fetch(`${base}/api/session`)).arrayBuffer())).s);
    const floor = floorRuns.sort((a, b) => a - b)[2] ?? 0;
    const loadAvg = Math.round((loadavg()[0] ?? 0) * 10) / 10;
    o.log(`    floor (GET /api/session, 401)      ${floor.toFixed(3)} s; load average ${loadAvg}`);
    const admin_pages: Record<string, PageTime> = {};
    // A page whose part is computed in the background (a version's impact, a sanction's trace on a
    // log with snapshots): how long until it shows it, polled; the next page is timed only then,
    // so no background replay runs under another page's numbers.
    const readyMarks: Record<string, { pending: string; key: string }> = {
      '/policies/<id>/<draft> (impact summary)': { pending: 'data-testid="impact-pending"', key: 'impact_ready_s' },
      '/audit/decisions/<pause>': { pending: 'data-testid="downstream-trace-pending"', key: 'trace_ready_s' },
    };
    const ready: Record<string, number | null> = {};
    for (const [name, path] of Object.entries(pages)) {
      const started = performance.now();
      const cold = await get(path);
      const mark = readyMarks[name];
      if (mark !== undefined) {
        let shown: number | null = null;
        for (let i = 0; i < 600; i++) {
          const res = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' });
          const html = await res.text();
          if (!html.includes(mark.pending)) {
            shown = (performance.now() - started) / 1000;
            break;
          }
          await sleep(500);
        }
        ready[mark.key] = shown === null ? null : round(shown);
        o.log(`    ${name.padEnd(34)} shown complete after ${shown === null ? 'more than 5 min' : `${shown.toFixed(1)} s`}`);
      }
      const warm = [await get(path), await get(path), await get(path)].sort((a, b) => a - b)[1] ?? cold;
      admin_pages[name] = { cold_s: round(cold), warm_s: round(warm) };
      o.log(`    ${name.padEnd(34)} cold ${cold.toFixed(2)} s, warm ${warm.toFixed(2)} s`);
    }

    const day = (iso: string): string => iso.slice(0, 10);
    const monthFrom = new Date(Date.parse(lastAt) - 30 * 86_400_000).toISOString();
    const verify = async (period: { from?: string; to?: string }): Promise<number> => (await timed(() => send('POST', '/api/audit/verify', period))).s;
    const verifyMonth = await verify({ from: day(monthFrom), to: day(lastAt) });
    o.log(`    verify of a month                  ${verifyMonth.toFixed(1)} s`);
    const verifyAll = await verify({});
    o.log(`    verify of everything loaded        ${verifyAll.toFixed(1)} s`);

    // What-if: one number changed (F1's fine), as a job polled until done.
    // F1's fine + `plusYuan` 元: each run a new candidate, so a second run reuses only the base.
    const candidateOf = (plusYuan: number): unknown => {
      const c = structuredClone(policy) as unknown as { rules: Record<string, Record<string, unknown>> };
      const f1 = c.rules['F1'];
      if (f1 !== undefined) f1['fineFen'] = Number(f1['fineFen'] ?? 2000) + plusYuan * 100;
      return c;
    };
    let plus = 0;
    const whatIf = async (from: string | null): Promise<number> =>
      (
        await timed(async () => {
          const { job } = (await send('POST', '/api/what-if/jobs', { policyId: policy.id, candidate: policy.version, content: candidateOf((plus += 10)), ...(from === null ? {} : { from }) })) as { job: { id: string } };
          let misses = 0;
          for (;;) {
            // A poll the server drops (its event loop busy) is tried again: the job goes on.
            const res = await fetch(`${base}/api/what-if/jobs/${job.id}`, { headers: { cookie } }).catch((error: unknown) => {
              if (++misses > 10) throw error;
              return null;
            });
            if (res === null) {
              await sleep(1000);
              continue;
            }
            const polled = ((await res.json()) as { job: { status: string; error: string | null; answer: { ok: boolean } | null } }).job;
            if (polled.status === 'done' && polled.answer?.ok === true) return;
            if (polled.status !== 'queued' && polled.status !== 'running') throw new Error(`what-if job ${polled.status}: ${polled.error ?? JSON.stringify(polled.answer)}`);
            await sleep(200);
          }
        })
      ).s;
    // A what-if that fails (the server gone, a job failed) is recorded as null with the reason.
    let serverGone = false;
    const attempt = async (label: string, from: string | null): Promise<number | null> => {
      if (serverGone) return null;
      try {
        const s = await whatIf(from);
        o.log(`    ${label.padEnd(34)} ${s.toFixed(1)} s`);
        return s;
      } catch (error) {
        serverGone = child?.exitCode !== null;
        o.log(`    ${label.padEnd(34)} FAILED: ${error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}` : String(error)}${serverGone ? `; the server exited (${String(child?.exitCode)}):\n${out.slice(-3000)}` : ''}`);
        return null;
      }
    };
    const w90 = await attempt('what-if 90 days (cold)', null);
    const w90warm = await attempt('what-if 90 days (another candidate, base cached)', null);
    const wAll = await attempt('what-if of everything loaded', firstAt);

    clearInterval(sampler);
    const rss = Math.max(sampledPeak, child.pid === undefined ? 0 : peakRssOf(child.pid));
    const nullable = (x: number | null): number | null => (x === null ? null : round(x));
    o.log(`    admin peak RSS                     ${rss} MB`);
    const full = o.events === 0;
    return {
      admin_events: events,
      admin_decisions: decisions,
      admin_history: `${full ? 'the whole generated year' : `the first ${events.toLocaleString('en-US')} events of the generated year`} (${o.staff} staff, ${o.clients} clients, seed ${o.seed}): ${firstAt} … ${lastAt}`,
      admin_ingest_s: round(ingestS),
      admin_pages,
      admin_impact_ready_s: ready['impact_ready_s'] ?? null,
      admin_trace_ready_s: ready['trace_ready_s'] ?? null,
      verify_month_s: round(verifyMonth),
      verify_year_s: round(verifyAll),
      whatif_90d_s: nullable(w90),
      whatif_90d_warm_s: nullable(w90warm),
      whatif_year_s: nullable(wAll),
      admin_peak_rss_mb: rss,
      admin_floor_s: round(floor),
      admin_load_avg: loadAvg,
    };
  } finally {
    if (child !== undefined && child.exitCode === null) {
      const exited = new Promise((r) => child?.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    if (o.schema === undefined) {
      await store.dropSchema().catch(() => undefined);
      // The job queue's own schema (pg-boss), next to the store's.
      await sql`drop schema if exists ${sql.id(`${schema}_jobs`)} cascade`.execute(store.db).catch(() => undefined);
    }
    await store.close();
  }
}
