/**
 * Workflow events the runtime adds to the outbox in the transaction that records them:
 * `policy.cancelled` with a cancellation, and `appeal.filed` / `appeal.decided` /
 * `sanction.dismissed` with the ingested appeal events (pipelined batches included), with the
 * stable id `wf_<event id>`; none for a rejected line, a duplicate, a failed write, a Verify,
 * or with the outbox off.
 */
import type { Policy } from '@allot/engine';
import { createRuntime } from '@allot/runtime';
import type { Runtime } from '@allot/runtime';
import { outboxHead, readOutbox } from '@allot/store';
import type { OutboxEntry, Store } from '@allot/store';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../store/test/test-stores.js';
import { ev, fixedClock, seedPolicy } from './fixtures.js';

async function workflowRows(store: Store): Promise<OutboxEntry[]> {
  return (await readOutbox(store.db, 0, 10_000)).filter((r) => r.decision === null);
}

function policyWith(version: string, fineFen: number): Policy {
  const p = seedPolicy();
  p.version = version;
  p.rules.F1.fineFen = fineFen;
  return p;
}

const violations = [
  ev('j1', 'staff.joined', '2026-03-01T09:00:00+08:00', { staffId: 'r1', role: 'rep' }),
  ev('v1', 'violation', '2026-03-02T09:00:00+08:00', { staffId: 'r1', severity: 'normal' }),
  ev('v2', 'violation', '2026-03-03T09:00:00+08:00', { staffId: 'r1', severity: 'normal' }),
  ev('v3', 'violation', '2026-03-04T09:00:00+08:00', { staffId: 'r1', severity: 'normal' }),
  ev('e1', 'entry.late', '2026-03-04T18:00:00+08:00', { staffId: 'r1', form: 'abcd_table' }),
];
const appealE1 = ev('ap1', 'decision.appealed', '2026-03-05T09:00:00+08:00', { decisionId: 'e1#1', staffId: 'r1', reason: '系统当天故障' });
const reduceE1 = ev('ad1', 'appeal.decided', '2026-03-06T10:00:00+08:00', { decisionId: 'e1#1', outcome: 'reduced', amountFen: 1000, by: 'm1', reason: '情有可原，减半' });
const lateAppeal = ev('ap-late', 'decision.appealed', '2026-03-09T09:00:01+08:00', { decisionId: 'v1#1', staffId: 'r1', reason: '晚了' });
const dismissV3 = ev('dm1', 'decision.dismissed', '2026-03-05T09:00:00+08:00', { decisionId: 'v3#1', by: 'm1', reason: '记录有误' });

describe.each(BACKENDS)('workflow events of the runtime on $name', (backend) => {
  let db: TestDatabase;
  let runtime: Runtime;
  afterEach(async () => {
    await runtime.close();
    await db.cleanup();
  });

  it('adds one policy.cancelled with a cancellation; a refused cancellation adds none', async () => {
    db = await backend.open();
    runtime = createRuntime({ store: db.store, clock: fixedClock('2026-03-01T00:00:00+08:00') });
    await runtime.publish(seedPolicy(), { effectiveFrom: null, author: 'hr', approver: 'director' });
    const published = await runtime.publish(policyWith('1.1.0', 5000), { effectiveFrom: '2026-03-10T00:00:00+08:00', author: 'hr', approver: 'director' });
    await runtime.cancelScheduled('sales-resource', '1.1.0', { actor: 'director', note: '日期有误' });
    const rows = await workflowRows(db.store);
    expect(rows.map((r) => r.type)).toEqual(['policy.published', 'policy.scheduled', 'policy.cancelled']);
    const cancelled = rows[2] as OutboxEntry;
    expect(cancelled.eventId).toMatch(/^wf_/);
    expect(cancelled.body).toEqual({
      id: cancelled.eventId,
      type: 'policy.cancelled',
      at: '2026-02-28T16:00:00.000Z',
      policy: { id: 'sales-resource', version: '1.1.0', hash: published.hash },
      effectiveFrom: '2026-03-09T16:00:00.000Z',
      actor: 'director',
      author: 'hr',
      approver: 'director',
      reason: '日期有误',
    });
    const head = await outboxHead(db.store.db);
    await expect(runtime.cancelScheduled('sales-resource', '1.1.0')).rejects.toThrow(/not a scheduled publication|has taken over/);
    expect(await outboxHead(db.store.db)).toBe(head);
  });

  it('adds none with the outbox off', async () => {
    db = await backend.open();
    runtime = createRuntime({ store: db.store, clock: fixedClock('2026-03-10T12:00:00+08:00'), outbox: false });
    await runtime.publish(seedPolicy(), { effectiveFrom: null });
    await runtime.publish(policyWith('1.1.0', 5000), { effectiveFrom: '2026-04-10T00:00:00+08:00' });
    await runtime.cancelScheduled('sales-resource', '1.1.0');
    await runtime.ingest(violations);
    const result = await runtime.ingest([appealE1, reduceE1, dismissV3]);
    expect(result.accepted).toBe(3);
    expect(await outboxHead(db.store.db)).toBe(0);
  });

  it('adds exactly one appeal.filed per appeal recorded, with the id wf_<event id>; a rejected line, a duplicate and a Verify add none', async () => {
    db = await backend.open();
    runtime = createRuntime({ store: db.store, clock: fixedClock('2026-03-10T12:00:00+08:00') });
    await runtime.publish(seedPolicy(), { effectiveFrom: null });
    await runtime.ingest(violations);
    const before = (await workflowRows(db.store)).length;
    const result = await runtime.ingest([appealE1, lateAppeal]);
    expect(result).toMatchObject({ accepted: 1, rejectedCount: 1 });
    const filed = (await workflowRows(db.store)).slice(before);
    expect(filed).toHaveLength(1);
    expect(filed[0]?.eventId).toBe('wf_ap1');
    expect(filed[0]?.type).toBe('appeal.filed');
    expect(filed[0]?.body).toEqual({
      id: 'wf_ap1',
      type: 'appeal.filed',
      at: '2026-03-10T04:00:00.000Z',
      event: { id: 'ap1', type: 'decision.appealed', at: '2026-03-05T09:00:00+08:00' },
      decision: { id: 'e1#1', kind: 'staff.fined', rule: 'F1', staffId: 'r1', at: '2026-03-04T10:00:00.000Z', amountFen: 2000 },
      staffId: 'r1',
      reason: '系统当天故障',
    });
    // A line that only rejects adds nothing.
    const head = await outboxHead(db.store.db);
    expect((await runtime.ingest([lateAppeal])).accepted).toBe(0);
    expect(await outboxHead(db.store.db)).toBe(head);
    // Sent again: a duplicate, not recorded again, so no second row.
    expect(await runtime.ingest([appealE1])).toMatchObject({ accepted: 0, duplicates: 1 });
    expect((await runtime.verify()).ok).toBe(true);
    expect(await outboxHead(db.store.db)).toBe(head);
  });

  it('adds appeal.decided and sanction.dismissed with what the event decided, also in pipelined batches', async () => {
    db = await backend.open();
    runtime = createRuntime({ store: db.store, clock: fixedClock('2026-03-10T12:00:00+08:00') });
    await runtime.publish(seedPolicy(), { effectiveFrom: null });
    // Three calls in flight: on PostgreSQL the later ones are prepared on top and committed in one round trip each.
    await Promise.all([runtime.ingest(violations), runtime.ingest([appealE1, dismissV3]), runtime.ingest([reduceE1])]);
    const rows = (await workflowRows(db.store)).filter((r) => !r.type.startsWith('policy.'));
    expect(rows.map((r) => [r.eventId, r.type])).toEqual([
      ['wf_ap1', 'appeal.filed'],
      ['wf_dm1', 'sanction.dismissed'],
      ['wf_ad1', 'appeal.decided'],
    ]);
    const decided = rows[2]?.body as Record<string, unknown>;
    expect(decided).toMatchObject({ outcome: 'reduced', amountFen: 1000, by: 'm1', reason: '情有可原，减半', staffId: 'r1', decision: { id: 'e1#1', kind: 'staff.fined', amountFen: 2000 } });
    expect((decided['decisions'] as { kind: string }[]).map((d) => d.kind)).toContain('decision.superseded');
    expect(rows[1]?.body).toMatchObject({ staffId: 'r1', by: 'm1', reason: '记录有误', decision: { id: 'v3#1', kind: 'staff.banned', rule: 'V1' } });
    // Ordered with the decisions: each after the decisions of its own write.
    const all = await readOutbox(db.store.db, 0, 10_000);
    const seqOf = (id: string): number => all.find((r) => r.eventId === id)?.seq ?? -1;
    expect(seqOf('wf_ad1')).toBeGreaterThan(seqOf('ad1#1'));
  });

  it('keeps no workflow row of a write that failed', async () => {
    db = await backend.open();
    let fail = false;
    runtime = createRuntime({
      store: db.store,
      clock: fixedClock('2026-03-10T12:00:00+08:00'),
      testHooks: {
        afterEventsInserted: () => {
          if (fail) throw new Error('injected');
        },
      },
    });
    await runtime.publish(seedPolicy(), { effectiveFrom: null });
    await runtime.ingest(violations);
    const head = await outboxHead(db.store.db);
    fail = true;
    await expect(runtime.ingest([appealE1])).rejects.toThrow('injected');
    expect(await outboxHead(db.store.db)).toBe(head);
    fail = false;
    await runtime.ingest([appealE1]);
    expect((await workflowRows(db.store)).filter((r) => r.eventId === 'wf_ap1')).toHaveLength(1);
  });
});
