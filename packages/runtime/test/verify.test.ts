import { createRuntime } from '@allot/runtime';
import type { Runtime } from '@allot/runtime';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../store/test/test-stores.js';
import { fixedClock, historyLines, seedPolicy } from './fixtures.js';

/** Runs statements as a superuser who has switched the triggers off (what verify must catch). */
async function asSuperuserWithoutTriggers(db: TestDatabase, statements: string[], how: 'replica' | 'disable'): Promise<void> {
  await db.store.db.connection().execute(async (conn) => {
    await sql`begin`.execute(conn);
    if (how === 'replica') await sql`set local session_replication_role = replica`.execute(conn);
    else for (const t of ['events', 'decisions']) await sql.raw(`alter table ${t} disable trigger all`).execute(conn);
    for (const s of statements) await sql.raw(s).execute(conn);
    if (how === 'disable') for (const t of ['events', 'decisions']) await sql.raw(`alter table ${t} enable trigger all`).execute(conn);
    await sql`commit`.execute(conn);
  });
}

const pick = async (db: TestDatabase, kind: string, nth = 3): Promise<{ seq: number; id: string }> => {
  const r = await sql<{ seq: number; id: string }>`select seq, decision_id as id from decisions where kind = ${kind} order by seq offset ${nth} limit 1`.execute(db.store.db);
  const row = r.rows[0];
  if (row === undefined) throw new Error(`no ${kind} decision`);
  return { seq: Number(row.seq), id: row.id };
};

describe.each(BACKENDS)('verify on $name', (backend) => {
  let db: TestDatabase;
  let runtime: Runtime;
  beforeEach(async () => {
    db = await backend.open();
    runtime = createRuntime({ store: db.store, clock: fixedClock() });
    await runtime.publish(seedPolicy(), { effectiveFrom: null });
    await runtime.ingest(historyLines.slice(0, 1500).join('\n'));
  });
  afterEach(async () => {
    await db.cleanup();
  });

  it('passes on an untouched store', async () => {
    const report = await runtime.verify();
    expect(report).toMatchObject({ ok: true, events: 1500, mismatches: [], mismatchCount: 0 });
    expect(report.checked).toBeGreaterThan(100);
  });

  it('names the row a superuser edited with the triggers disabled', async () => {
    const row = await pick(db, 'staff.fined', 0);
    await asSuperuserWithoutTriggers(db, [`update decisions set payload = (payload::jsonb || '{"amountFen": 1}')::json where seq = ${row.seq}`], 'replica');
    const report = await runtime.verify();
    expect(report.ok).toBe(false);
    expect(report.mismatches.map((m) => [m.table, m.seq, m.decisionId, m.reason])).toEqual([
      ['decisions', row.seq, row.id, 'edited'],
      ['decisions', row.seq, row.id, 'chain'],
    ]);
    expect(report.mismatches[0]).toMatchObject({ expected: { amountFen: 2000 }, actual: { amountFen: 1 } });
    // A range reports on its decisions only (the replay still runs from the start).
    expect((await runtime.verify({ fromSeq: row.seq + 1 })).ok).toBe(true);
    expect((await runtime.verify({ fromSeq: row.seq, toSeq: row.seq })).mismatchCount).toBe(2);
  });

  it('names an edit that recomputed the row hash (the next link breaks) and an edited column', async () => {
    const row = await pick(db, 'lead.allocated', 5);
    const other = await pick(db, 'client.tiered', 2);
    await asSuperuserWithoutTriggers(
      db,
      [
        `update decisions set payload = (payload::jsonb || '{"staffId": "s9999"}')::json, staff_id = 's9999', row_hash = repeat('a', 64) where seq = ${row.seq}`,
        `update decisions set client_id = 'elsewhere' where seq = ${other.seq}`,
      ],
      'disable',
    );
    const report = await runtime.verify();
    const named = report.mismatches.map((m) => `${m.seq} ${m.reason}`);
    expect(named).toContain(`${row.seq} edited`);
    expect(named).toContain(`${row.seq + 1} chain`);
    expect(named).toContain(`${other.seq} edited`);
    expect(report.mismatches.find((m) => m.seq === other.seq)?.detail).toMatch(/client_id/);
  });

  it('names a deleted decision', async () => {
    const row = await pick(db, 'staff.fined', 1);
    await asSuperuserWithoutTriggers(db, [`delete from decisions where seq = ${row.seq}`], 'disable');
    const report = await runtime.verify();
    expect(report.mismatches.map((m) => [m.table, m.seq, m.decisionId ?? null, m.reason])).toEqual([
      ['decisions', row.seq, row.id, 'missing'],
      ['decisions', row.seq + 1, expect.any(String), 'chain'],
    ]);
  });

  it('names an edited event', async () => {
    await asSuperuserWithoutTriggers(db, [`update events set payload = (payload::jsonb || '{"severity": "serious"}')::json where seq = (select min(seq) from events where type = 'violation')`], 'replica');
    const report = await runtime.verify();
    expect(report.ok).toBe(false);
    expect(report.mismatches.some((m) => m.table === 'events' && m.reason === 'chain')).toBe(true);
  });
});
