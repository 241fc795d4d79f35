import { createRuntime } from '@allot/runtime';
import type { Runtime } from '@allot/runtime';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../store/test/test-stores.js';
import { fixedClock, historyLines, seedPolicy } from './fixtures.js';

/** A copy of the last decision under a new id and the next seq: a forged 999,999元 fine. */
const forgedDecision = (seq: number): string => `insert into decisions (seq, decision_id, at, kind, rule, staff_id, client_id, policy_id, policy_version, policy_hash, cause, payload, source_seq, prev_hash, row_hash, recorded_at)
  select ${seq}, 'forged', at, 'staff.fined', 'F1', staff_id, client_id, policy_id, policy_version, policy_hash, cause,
    (payload::jsonb || '{"id": "forged", "kind": "staff.fined", "amountFen": 99999900}')::json, source_seq, row_hash, repeat('b', 64), recorded_at
  from decisions order by seq desc limit 1`;
const forgedEvent = (seq: number): string => `insert into events (seq, event_id, type, at, applied_at, payload, received_at, prev_hash, row_hash)
  select ${seq}, 'forged-event', type, at, applied_at, (payload::jsonb || '{"id": "forged-event"}')::json, received_at, row_hash, repeat('c', 64)
  from events order by seq desc limit 1`;

async function head(db: TestDatabase): Promise<{ op: number; decision: number }> {
  const r = await sql<{ op: string; decision: string }>`select op_seq as op, decision_seq as decision from log_head`.execute(db.store.db);
  return { op: Number(r.rows[0]?.op), decision: Number(r.rows[0]?.decision) };
}

/** Runs statements in one transaction with every trigger off (a superuser: what verify must still catch). */
async function withoutTriggers(db: TestDatabase, statements: string[]): Promise<void> {
  await db.store.db.connection().execute(async (conn) => {
    await sql`begin`.execute(conn);
    await sql`set local session_replication_role = replica`.execute(conn);
    for (const s of statements) await sql.raw(s).execute(conn);
    await sql`commit`.execute(conn);
  });
}

describe.each(BACKENDS)('rows past the log head on $name', (backend) => {
  let db: TestDatabase;
  let runtime: Runtime;
  beforeEach(async () => {
    db = await backend.open();
    runtime = createRuntime({ store: db.store, clock: fixedClock() });
    await runtime.publish(seedPolicy(), { effectiveFrom: null });
    await runtime.ingest(historyLines.slice(0, 300).join('\n'));
  });
  afterEach(async () => {
    await db.cleanup();
  });

  it('refuses a plain insert of a decision, an event or a tick that does not move the head', async () => {
    const h = await head(db);
    await expect(sql.raw(forgedDecision(h.decision + 1)).execute(db.store.db)).rejects.toThrow(/log head/);
    await expect(sql.raw(forgedEvent(h.op + 1)).execute(db.store.db)).rejects.toThrow(/log head/);
    await expect(sql.raw(`insert into ticks (seq, at, recorded_at) values (${h.op + 1}, now(), now())`).execute(db.store.db)).rejects.toThrow(/log head/);
    // An event given the seq of an op already in the log (here the policy's publish) is refused too.
    await expect(sql.raw(forgedEvent(1)).execute(db.store.db)).rejects.toThrow(/log head/);
    expect(await head(db)).toEqual(h);
    expect((await runtime.verify()).ok).toBe(true);
    // The runtime still ingests after the refused inserts.
    const result = await runtime.ingest(historyLines.slice(300, 320).join('\n'));
    expect(result.accepted).toBe(20);
    expect((await runtime.verify()).ok).toBe(true);
  });

  it('reports rows past the head as extra (a superuser inserted them with the triggers off)', async () => {
    const h = await head(db);
    await withoutTriggers(db, [forgedDecision(h.decision + 1), forgedEvent(h.op + 1), `insert into ticks (seq, at, recorded_at) values (${h.op + 2}, now(), now())`]);
    const report = await runtime.verify();
    expect(report.ok).toBe(false);
    const named = report.mismatches.map((m) => [m.table, m.seq, m.reason]);
    expect(named).toContainEqual(['decisions', h.decision + 1, 'extra']);
    expect(named).toContainEqual(['events', h.op + 1, 'extra']);
    expect(named).toContainEqual(['ticks', h.op + 2, 'extra']);
  });

  it('reports an event that shares its seq with another op as extra', async () => {
    await withoutTriggers(db, [forgedEvent(1)]);
    const report = await runtime.verify();
    expect(report.ok).toBe(false);
    expect(report.mismatches.map((m) => [m.table, m.seq, m.reason])).toContainEqual(['events', 1, 'extra']);
  });
});
