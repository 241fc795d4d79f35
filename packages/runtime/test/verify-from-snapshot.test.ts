/**
 * Verify of a period starts from the newest snapshot before the period's first decision: it
 * names that snapshot, replays only from it, finds tampering inside the period, and does not
 * see tampering before the snapshot (which Verify of everything, from the first event, finds).
 */
import { createRuntime } from '@allot/runtime';
import type { Runtime } from '@allot/runtime';
import { listSnapshots, readDecisions } from '@allot/store';
import type { StoredDecision } from '@allot/store';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../store/test/test-stores.js';
import { fixedClock, historyLines, seedPolicy } from './fixtures.js';

/** Runs statements as a superuser with the triggers off (what verify must catch). */
async function asSuperuser(db: TestDatabase, statements: string[]): Promise<void> {
  await db.store.db.connection().execute(async (conn) => {
    await sql`begin`.execute(conn);
    await sql`set local session_replication_role = replica`.execute(conn);
    for (const s of statements) await sql.raw(s).execute(conn);
    await sql`commit`.execute(conn);
  });
}

describe.each(BACKENDS)('verify of a period from a snapshot on $name', (backend) => {
  let db: TestDatabase;
  let runtime: Runtime;
  let all: StoredDecision[];
  /** The snapshot the period follows, the next one, and the period: decisions made by ops between them. */
  let snap: { seq: number; takenAt: Date };
  let period: StoredDecision[];
  beforeEach(async () => {
    db = await backend.open();
    runtime = createRuntime({ store: db.store, clock: fixedClock(), snapshotEvery: 500, snapshotMaxSpacing: 500 });
    await runtime.publish(seedPolicy(), { effectiveFrom: null });
    for (let i = 0; i < historyLines.length; i += 250) await runtime.ingest(historyLines.slice(i, i + 250).join('\n'));
    all = await readDecisions(db.store.db, { afterSeq: 0, limit: 100_000 });
    const snapshots = await listSnapshots(db.store.db);
    expect(snapshots.length).toBeGreaterThanOrEqual(4);
    snap = snapshots[1] as { seq: number; takenAt: Date };
    const next = (snapshots[2] as { seq: number }).seq;
    // Leave the first few ops after the snapshot out of the period: they are replayed, not reported.
    period = all.filter((d) => d.sourceSeq > snap.seq + 20 && d.sourceSeq <= next);
    expect(period.length).toBeGreaterThan(20);
  });
  afterEach(async () => {
    await db.cleanup();
  });

  const range = (): { fromSeq: number; toSeq: number } => ({ fromSeq: (period[0] as StoredDecision).seq, toSeq: (period[period.length - 1] as StoredDecision).seq });
  const lastOp = (): number => (period[period.length - 1] as StoredDecision).sourceSeq;
  const eventsIn = async (after: number, to: number): Promise<number> =>
    (await sql<{ n: number }>`select count(*)::int as n from events where seq > ${after} and seq <= ${to}`.execute(db.store.db)).rows[0]?.n ?? -1;

  it('replays only from the snapshot, names it, and checks the period', async () => {
    const report = await runtime.verify(range());
    expect(report).toMatchObject({ ok: true, mismatchCount: 0, snapshot: { opSeq: snap.seq, takenAt: snap.takenAt.toISOString() } });
    expect(report.replayed).toEqual({ afterOpSeq: snap.seq, toOpSeq: lastOp() });
    expect(report.events).toBe(await eventsIn(snap.seq, lastOp()));
    expect(report.checked).toBe(all.filter((d) => d.sourceSeq > snap.seq && d.sourceSeq <= lastOp()).length);

    // A period reaching the head starts from its snapshot too, and checks the head.
    const toHead = await runtime.verify({ fromSeq: range().fromSeq });
    expect(toHead).toMatchObject({ ok: true, snapshot: { opSeq: snap.seq } });
    expect(toHead.replayed).toEqual({ afterOpSeq: snap.seq, toOpSeq: toHead.head.opSeq });

    // Everything: from the first event, no snapshot.
    const everything = await runtime.verify();
    expect(everything).toMatchObject({ ok: true, snapshot: null, checked: all.length, events: historyLines.length });
    expect(everything.replayed.afterOpSeq).toBe(0);
  });

  it('finds a decision edited, and one deleted, inside the period', async () => {
    const edited = period.find((d) => d.kind === 'lead.allocated' || d.kind === 'staff.fined') as StoredDecision;
    const deleted = period.filter((d) => d.seq > edited.seq + 2)[3] as StoredDecision;
    await asSuperuser(db, [
      `update decisions set payload = (payload::jsonb || '{"rule": "X9"}')::json where seq = ${edited.seq}`,
      `delete from decisions where seq = ${deleted.seq}`,
    ]);
    const report = await runtime.verify(range());
    expect(report.snapshot?.opSeq).toBe(snap.seq);
    expect(report.mismatches.map((m) => [m.table, m.seq, m.reason])).toEqual([
      ['decisions', edited.seq, 'edited'],
      ['decisions', edited.seq, 'chain'],
      ['decisions', deleted.seq, 'missing'],
      ['decisions', deleted.seq + 1, 'chain'],
    ]);
    expect(report.mismatches[0]?.decisionId).toBe(edited.decisionId);
    expect(report.mismatches[2]?.decisionId).toBe(deleted.decisionId);
    const everything = await runtime.verify();
    expect(everything.mismatches.map((m) => [m.table, m.seq, m.reason])).toEqual(report.mismatches.map((m) => [m.table, m.seq, m.reason]));
  });

  it('an edited event inside the period breaks its chain there', async () => {
    const target = (await sql<{ seq: number }>`select seq::int as seq from events where seq > ${snap.seq + 20} and seq < ${lastOp()} and type = 'violation' order by seq limit 1`.execute(db.store.db)).rows[0];
    expect(target).toBeDefined();
    await asSuperuser(db, [`update events set payload = (payload::jsonb || '{"severity": "serious"}')::json where seq = ${target?.seq}`]);
    const report = await runtime.verify(range());
    expect(report.ok).toBe(false);
    expect(report.mismatches.some((m) => m.table === 'events' && m.seq === target?.seq && m.reason === 'chain')).toBe(true);
  });

  it('does not report tampering before the snapshot; Verify of everything does', async () => {
    const before = all.filter((d) => d.sourceSeq <= snap.seq && d.kind === 'staff.fined').at(-1) as StoredDecision;
    const event = (await sql<{ seq: number }>`select seq::int as seq from events where seq < ${snap.seq} and type = 'violation' order by seq desc limit 1`.execute(db.store.db)).rows[0];
    expect(before).toBeDefined();
    expect(event).toBeDefined();
    await asSuperuser(db, [
      `update decisions set payload = (payload::jsonb || '{"amountFen": 1}')::json where seq = ${before.seq}`,
      `update events set payload = (payload::jsonb || '{"severity": "serious"}')::json where seq = ${event?.seq}`,
    ]);
    const report = await runtime.verify(range());
    expect(report).toMatchObject({ ok: true, mismatchCount: 0, snapshot: { opSeq: snap.seq } });
    const everything = await runtime.verify();
    expect(everything.ok).toBe(false);
    expect(everything.snapshot).toBeNull();
    expect(everything.mismatches.some((m) => m.table === 'decisions' && m.seq === before.seq && m.reason === 'edited')).toBe(true);
    expect(everything.mismatches.some((m) => m.table === 'events' && m.seq === event?.seq && m.reason === 'chain')).toBe(true);
  });

  it('starts from the first event when no snapshot is before the period', async () => {
    const firstSnapshot = (await listSnapshots(db.store.db))[0]?.seq ?? 0;
    const first = all.filter((d) => d.sourceSeq < firstSnapshot);
    const report = await runtime.verify({ fromSeq: (first[5] as StoredDecision).seq, toSeq: (first[40] as StoredDecision).seq });
    expect(report).toMatchObject({ ok: true, snapshot: null });
    expect(report.replayed.afterOpSeq).toBe(0);
    expect(report.replayed.toOpSeq).toBe((first[40] as StoredDecision).sourceSeq);
  });
});
