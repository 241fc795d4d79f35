/**
 * The transactional outbox: every decision and every publication is added in the transaction
 * that records it (pipelined batches included), in commit order; nothing for a Verify or with
 * the outbox off; a failed write leaves no outbox row behind.
 */
import { createRuntime } from '@allot/runtime';
import { appendWorkflowEvent, outboxHead, readHead, readOutbox } from '@allot/store';
import type { OutboxEntry, Store } from '@allot/store';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../store/test/test-stores.js';
import { fixedClock, historyLines, historyText, seedPolicy } from './fixtures.js';

async function allOutbox(store: Store): Promise<OutboxEntry[]> {
  const out: OutboxEntry[] = [];
  for (let after = 0; ; ) {
    const page = await readOutbox(store.db, after, 2_000);
    if (page.length === 0) return out;
    out.push(...page);
    after = page[page.length - 1]?.seq ?? after;
  }
}

describe.each(BACKENDS)('outbox on $name', (backend) => {
  let db: TestDatabase;
  afterEach(async () => {
    await db.cleanup();
  });

  it('adds every decision once, in decision order, with the decision as its body; the publication as a workflow event', async () => {
    db = await backend.open();
    const runtime = createRuntime({ store: db.store, clock: fixedClock() });
    await runtime.publish(seedPolicy(), { effectiveFrom: null, approver: 'wang' });
    // Several calls in flight: on PostgreSQL they are pipelined (commitBatch's one round trip).
    const chunks: string[] = [];
    for (let i = 0; i < historyLines.length; i += 400) chunks.push(historyLines.slice(i, i + 400).join('\n'));
    await Promise.all(chunks.map((c) => runtime.ingest(c)));
    const head = await readHead(db.store.db);
    const rows = await allOutbox(db.store);
    const decisions = rows.filter((r) => r.type === 'decision');
    expect(head.decisionSeq).toBeGreaterThan(50);
    expect(decisions.map((r) => r.decision?.seq)).toEqual(Array.from({ length: head.decisionSeq }, (_, i) => i + 1));
    expect(new Set(decisions.map((r) => r.eventId)).size).toBe(head.decisionSeq);
    const first = decisions[0] as OutboxEntry;
    expect(first.body).toMatchObject({ id: first.eventId, kind: first.decision?.kind, rule: first.decision?.rule, policy: { id: seedPolicy().id } });
    const published = rows.filter((r) => r.type === 'policy.published');
    expect(published).toHaveLength(1);
    expect(published[0]?.body).toMatchObject({ type: 'policy.published', policy: { id: seedPolicy().id, version: seedPolicy().version }, approver: 'wang' });
    // A Verify writes nothing.
    const before = await outboxHead(db.store.db);
    expect((await runtime.verify({})).ok).toBe(true);
    expect(await outboxHead(db.store.db)).toBe(before);
    await runtime.close();
  });

  it('writes no outbox row with the outbox off', async () => {
    db = await backend.open();
    const runtime = createRuntime({ store: db.store, clock: fixedClock(), outbox: false });
    await runtime.publish(seedPolicy(), { effectiveFrom: null });
    await runtime.ingest(historyText);
    expect((await readHead(db.store.db)).decisionSeq).toBeGreaterThan(0);
    expect(await outboxHead(db.store.db)).toBe(0);
    await runtime.close();
  });

  it('keeps no outbox row of a write that failed', async () => {
    db = await backend.open();
    let fail = false;
    const runtime = createRuntime({
      store: db.store,
      clock: fixedClock(),
      testHooks: {
        afterEventsInserted: () => {
          if (fail) throw new Error('injected');
        },
      },
    });
    await runtime.publish(seedPolicy(), { effectiveFrom: null });
    const half = Math.floor(historyLines.length / 2);
    await runtime.ingest(historyLines.slice(0, half).join('\n'));
    const kept = await outboxHead(db.store.db);
    fail = true;
    await expect(runtime.ingest(historyLines.slice(half).join('\n'))).rejects.toThrow('injected');
    expect(await outboxHead(db.store.db)).toBe(kept);
    fail = false;
    await runtime.ingest(historyLines.slice(half).join('\n'));
    const rows = (await allOutbox(db.store)).filter((r) => r.type === 'decision');
    expect(rows).toHaveLength((await readHead(db.store.db)).decisionSeq);
    await runtime.close();
  });

  it('appends workflow events inside the caller’s transaction (a rollback drops them)', async () => {
    db = await backend.open();
    const at = new Date('2026-06-01T00:00:00Z');
    await db.store.db.transaction().execute(async (trx) => {
      await appendWorkflowEvent(trx, { id: 'wf_1', type: 'policy.submitted', at, payload: { id: 'wf_1', type: 'policy.submitted' } });
    });
    await expect(
      db.store.db.transaction().execute(async (trx) => {
        await appendWorkflowEvent(trx, { id: 'wf_2', type: 'policy.approved', at, payload: { id: 'wf_2' } });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await allOutbox(db.store)).map((r) => r.eventId)).toEqual(['wf_1']);
  });
});
