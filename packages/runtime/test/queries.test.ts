import { createEngine, parseEvents, validatePolicy } from '@allot/engine';
import { createRuntime } from '@allot/runtime';
import type { Runtime } from '@allot/runtime';
import { readAccessLog } from '@allot/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../store/test/test-stores.js';
import { fixedClock, historyEnd, historyText, seedPolicy, simulatedHistory } from './fixtures.js';

describe.each(BACKENDS)('reading the record on $name', (backend) => {
  let db: TestDatabase;
  let runtime: Runtime;
  beforeAll(async () => {
    db = await backend.open();
    runtime = createRuntime({ store: db.store, clock: fixedClock('2026-04-01T09:00:00+08:00'), actor: 'auditor' });
    await runtime.publish(seedPolicy(), { effectiveFrom: null });
    await runtime.ingest(historyText);
    await runtime.tick(historyEnd);
  });
  afterAll(async () => {
    await runtime.close();
    await db.cleanup();
  });

  it('filters and pages decisions in the order they were made', async () => {
    const fined = simulatedHistory.filter((d) => d.kind === 'staff.fined');
    const page1 = await runtime.decisions({ kind: 'staff.fined', limit: 3 });
    expect(page1.items.map((i) => i.decision.id)).toEqual(fined.slice(0, 3).map((d) => d.id));
    const page2 = await runtime.decisions({ kind: 'staff.fined', limit: 3, after: page1.next ?? undefined });
    expect(page2.items.map((i) => i.decision.id)).toEqual(fined.slice(3, 6).map((d) => d.id));

    const staffId = (fined[0] as { staffId: string }).staffId;
    const mine = await runtime.decisions({ staffId, limit: 10_000 });
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((i) => JSON.stringify(i.decision).includes(staffId))).toBe(true);

    const march = await runtime.decisions({ since: '2026-03-01T00:00:00+08:00', until: '2026-03-02T00:00:00+08:00', limit: 10_000 });
    const expected = simulatedHistory.filter((d) => Date.parse(d.at) >= Date.parse('2026-03-01T00:00:00+08:00') && Date.parse(d.at) < Date.parse('2026-03-02T00:00:00+08:00'));
    expect(march.items.map((i) => i.decision.id)).toEqual(expected.map((d) => d.id));
    expect((await runtime.decisions({ policyVersion: '9.9.9' })).items).toEqual([]);
  });

  it('explains a decision: policy version, rule clause and cause events, and logs the read', async () => {
    const decision = simulatedHistory.find((d) => d.kind === 'registration.late');
    if (decision === undefined) throw new Error('the history has no late registration');
    const explained = await runtime.explain(decision.id, { actor: 'hr-lee' });
    expect(explained.decision.decision).toEqual(decision);
    expect(explained.policy).toMatchObject({ id: 'sales-resource', version: '1.0.0', hash: decision.policy.hash, status: 'published' });
    expect(explained.rule).toMatchObject({ id: 'R1', clause: { section: expect.any(String), quote: expect.any(String) } });
    expect(explained.causes.map((c) => c.event.id)).toEqual(decision.cause);
    const clientId = (decision as { clientId: string }).clientId;
    const log = await readAccessLog(db.store.db, { clientId });
    expect(log[0]).toMatchObject({ actor: 'hr-lee', clientId, action: 'explain' });
    await expect(runtime.explain('nope')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('finds the clause of a ladder rung (M1–M3 carry their own rule ids)', async () => {
    const m = simulatedHistory.find((d) => d.rule.startsWith('M') && d.rule !== 'M4');
    if (m === undefined) return;
    expect((await runtime.explain(m.id)).rule?.id).toBe(m.rule);
  });

  it('reports a staff member status from the projections', async () => {
    const banned = simulatedHistory.find((d) => d.kind === 'staff.banned') as { staffId: string; until: string } | undefined;
    if (banned === undefined) throw new Error('the history has no ban');
    const status = await runtime.status(banned.staffId);
    expect(status).toMatchObject({ staffId: banned.staffId, known: true, role: expect.any(String) });
    const latestBan = simulatedHistory
      .filter((d): d is typeof d & { until: string } => d.kind === 'staff.banned' && (d as { staffId?: string }).staffId === banned.staffId)
      .map((d) => Date.parse(d.until))
      .reduce((a, b) => Math.max(a, b));
    expect(Date.parse(status.bannedUntil ?? '')).toBe(latestBan);
    const fines = simulatedHistory.filter((d) => d.kind === 'staff.fined' && (d as { staffId?: string }).staffId === banned.staffId);
    expect(status.finedFen).toBe(fines.reduce((a, d) => a + (d as { amountFen: number }).amountFen, 0));
    expect(await runtime.status('nobody')).toMatchObject({ known: false, eligible: false });
  });

  it('reports pauses left as the engine counts them: imposed, then used up by the allocation ring', async () => {
    const checked = validatePolicy(seedPolicy());
    if (!checked.ok) throw new Error('seed policy invalid');
    const engine = createEngine(checked.policy);
    for (const e of parseEvents(historyText).events) engine.apply(e);
    engine.advanceTo(historyEnd);
    const paused = [...new Set(simulatedHistory.filter((d) => d.kind === 'staff.paused').map((d) => (d as { staffId: string }).staffId))];
    expect(paused.length).toBeGreaterThan(0);
    let usedUp = 0;
    for (const staffId of paused) {
      const status = await runtime.status(staffId);
      expect(status.pausesLeft, staffId).toBe(engine.pausesLeft(staffId));
      if (status.pausesLeft < status.pausesImposed) usedUp++;
      if (status.pausesLeft > 0) expect(status.eligible).toBe(false);
    }
    expect(usedUp).toBeGreaterThan(0);
  });

  it('allocates a lead by policy and records it', async () => {
    await runtime.ingest([{ id: 'new-lead', type: 'lead.received', at: '2026-04-01T08:59:00+08:00', clientId: 'c-new', channel: 'web', expectedDealFen: 50_000_00 }]);
    const decision = await runtime.allocate('c-new', 'pool');
    expect(decision?.kind).toBe('lead.allocated');
    expect(decision?.at).toBe('2026-04-01T09:00:00+08:00');
    const again = await runtime.allocate('c-new');
    expect(again).toMatchObject({ kind: 'lead.unallocated', reason: 'already_owned' });
    expect((await runtime.verify()).ok).toBe(true);
  });
});
