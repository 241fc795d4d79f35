/**
 * The database's floor for ingest on PostgreSQL: what writing the runtime's rows costs the
 * server alone. `DATABASE_URL=… node --import tsx test/bench/ingest-floor.ts [events]` ingests
 * the first `events` (default 100,000) of the generated history through the runtime (not
 * timed), reads back every row it wrote (events, decisions, the clients and staff each batch
 * touched), then writes the same rows again into a fresh schema, batch by batch, with the
 * runtime's own one-round-trip commit (`WriteSession.commitBatch`: COPY of the events and
 * decisions, the projection upserts, the head, commit), pre-encoded: no validation, engine,
 * hashing or encoding. Prints the time a batch takes and, when PostgreSQL runs on this machine,
 * the CPU its backend used. Compare with the ingest benchmark's time a batch.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRuntime } from '@allot/runtime';
import { encodeDecisions, encodeEvents, openStore, openWriteSession, readDecisions, readEvents, readHead } from '@allot/store';
import type { ClientState, LogHead, NewDecision, NewEvent, StaffStatusDelta, Store } from '@allot/store';
import { sql } from 'kysely';
import { generateHistory } from '../../examples/history/generate.js';
import { collectCompact, loadDefaultPolicy } from './bench-inputs.js';

const BATCH = 1000;
const url = process.env['DATABASE_URL'];
if (url === undefined || url === '') throw new Error('ingest-floor: set DATABASE_URL');
const count = Number(process.argv[2] ?? 100_000);
const tag = `${process.pid}_${randomBytes(3).toString('hex')}`;

/** CPU seconds used so far by the backends of `applicationName` (Linux, same machine), or NaN. */
async function backendCpuMs(store: Store, applicationName: string): Promise<number> {
  const pids = await sql<{ pid: number }>`select pid from pg_stat_activity where application_name = ${applicationName}`.execute(store.db);
  let ticks = 0;
  for (const { pid } of pids.rows) {
    try {
      const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      return Number.NaN;
    }
  }
  return ticks * 10; // USER_HZ = 100
}

function* firstEvents(n: number) {
  let i = 0;
  for (const e of generateHistory({ seed: 20260101, staff: 1000, clients: 200_000, months: 12, start: '2026-01-01T00:00:00+08:00' })) {
    if (i++ >= n) return;
    yield e;
  }
}

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

// 1. The rows: ingest through the runtime, then read back what it wrote.
const source = await openStore({ databaseUrl: url, schema: `floor_src_${tag}` });
const history = collectCompact(firstEvents(count));
const runtime = createRuntime({ store: source, clock: () => new Date('2027-06-01T00:00:00Z') });
await runtime.publish(loadDefaultPolicy(), { effectiveFrom: null });
for (let i = 0; i < history.length; i += BATCH) await runtime.ingest(history.slice(i, i + BATCH));
await runtime.close();
const events = await readEvents(source.db, { afterSeq: 0, limit: 10_000_000 });
const decisions = await readDecisions(source.db, { afterSeq: 0, limit: 10_000_000 });
const clientRows = await sql<{ client_id: string; owner_id: string | null; tier: string | null; registered_at: Date | null; closed_at: Date | null; follow_up_due: Date | null; development_due: Date | null; last_activity_at: Date | null }>`select * from client_state`.execute(source.db);
const clients = new Map(clientRows.rows.map((r) => [r.client_id, r]));
await source.dropSchema();
await source.close();

// 2. Write them again, batch by batch, as the pipelined runtime commits a batch.
const applicationName = `allot floor ${tag}`;
const target = await openStore({ databaseUrl: url, schema: `floor_${tag}`, applicationName });
const session = await openWriteSession(target);
if (session === undefined) throw new Error('ingest-floor: PostgreSQL only');
await sql`update log_head set op_seq = 1`.execute(target.db); // op 1 was the publication
let head: LogHead = { ...(await readHead(target.db)), opSeq: 1 };
const batches: Array<{ events: NewEvent[]; decisions: NewDecision[]; clients: ClientState<string>[]; staff: StaffStatusDelta[] }> = [];
let d = 0;
for (let i = 0; i < events.length; i += BATCH) {
  const evs = events.slice(i, i + BATCH);
  const last = evs[evs.length - 1]?.seq ?? 0;
  const decs: NewDecision[] = [];
  for (; d < decisions.length && (decisions[d]?.sourceSeq ?? Infinity) <= last; d++) {
    const x = decisions[d] as (typeof decisions)[number];
    decs.push({ ...x, at: x.at.toISOString(), recordedAt: x.recordedAt.toISOString(), payloadText: JSON.stringify(x.payload) });
  }
  const touched = new Set(evs.map((e) => e.payload['clientId']).filter((c): c is string => typeof c === 'string'));
  batches.push({
    events: evs.map((e) => ({ ...e, at: e.at.toISOString(), appliedAt: e.appliedAt.toISOString(), receivedAt: e.receivedAt.toISOString(), payloadText: JSON.stringify(e.payload) })),
    decisions: decs,
    clients: [...touched].flatMap((id) => {
      const c = clients.get(id);
      return c === undefined ? [] : [{ clientId: id, ownerId: c.owner_id, tier: c.tier, registeredAt: iso(c.registered_at), closedAt: iso(c.closed_at), followUpDue: iso(c.follow_up_due), developmentDue: iso(c.development_due), lastActivityAt: iso(c.last_activity_at) }];
    }),
    staff: [...new Set(decs.map((x) => x.staffId).filter((s): s is string => s !== null))].map((staffId) => ({ staffId, role: null, level: null, active: null, pausesImposed: 0, pausesLeft: null, bannedUntil: null, hotlineBannedUntil: null, finedFen: 0, lastDecisionSeq: 1 })),
  });
}
const encoded = batches.map((b) => ({ ...b, encodedEvents: encodeEvents(target.db, b.events), encodedDecisions: encodeDecisions(target.db, b.decisions) }));
const cpuBefore = await backendCpuMs(target, applicationName);
const start = process.hrtime.bigint();
for (const b of encoded) {
  const lastEvent = b.events[b.events.length - 1];
  const lastDecision = b.decisions[b.decisions.length - 1];
  const to: LogHead = {
    opSeq: lastEvent?.seq ?? head.opSeq,
    decisionSeq: lastDecision?.seq ?? head.decisionSeq,
    eventHash: lastEvent?.rowHash ?? head.eventHash,
    decisionHash: lastDecision?.rowHash ?? head.decisionHash,
  };
  await session.commitBatch({ events: b.encodedEvents, decisions: b.encodedDecisions, staff: b.staff, clients: b.clients, from: head, to, at: new Date() });
  head = to;
}
const ms = Number(process.hrtime.bigint() - start) / 1e6 / encoded.length;
const cpu = ((await backendCpuMs(target, applicationName)) - cpuBefore) / encoded.length;
const avg = (f: (b: (typeof batches)[number]) => number): number => Math.round(batches.reduce((n, b) => n + f(b), 0) / batches.length);
console.log(
  `floor: ${encoded.length} batches of ${BATCH} events (≈ ${avg((b) => b.decisions.length)} decisions, ${avg((b) => b.clients.length)} clients, ${avg((b) => b.staff.length)} staff each) ` +
    `written in ${ms.toFixed(1)} ms a batch (${Math.round((BATCH * 1000) / ms).toLocaleString('en-US')} events/s)` +
    (Number.isFinite(cpu) ? `; the PostgreSQL backend used ${cpu.toFixed(1)} ms of CPU a batch` : ''),
);
await session.close();
await target.dropSchema();
await target.close();
