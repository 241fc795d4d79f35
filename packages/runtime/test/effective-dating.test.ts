import type { Decision, Policy } from '@allot/engine';
import { createRuntime, RuntimeError } from '@allot/runtime';
import type { Runtime } from '@allot/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../store/test/test-stores.js';
import { ev, fixedClock, seedPolicy, storedDecisions } from './fixtures.js';

const T = '2026-03-10T00:00:00+08:00';

/** 1.1.0: the seed policy with F1's fine raised to 50元. */
function policy110(): Policy {
  const p = seedPolicy();
  p.version = '1.1.0';
  p.rules.F1.fineFen = 5000;
  return p;
}

const brief = (d: Decision): string => {
  const r = d as unknown as Record<string, unknown>;
  return `${d.at} ${d.kind} ${d.rule} ${String(r['amountFen'] ?? r['until'] ?? r['count'] ?? '')} @${d.policy.version}`;
};

describe.each(BACKENDS)('effective dating across a version switch on $name', (backend) => {
  let db: TestDatabase;
  let runtime: Runtime;
  beforeEach(async () => {
    db = await backend.open();
    runtime = createRuntime({ store: db.store, clock: fixedClock() });
    await runtime.publish(seedPolicy(), { effectiveFrom: null, author: 'hr', approver: 'director' });
  });
  afterEach(async () => {
    await runtime.close();
    await db.cleanup();
  });

  it('decides before the effective time under the old version, after it under the new, with state carried across', async () => {
    await runtime.ingest([
      ev('j1', 'staff.joined', '2026-03-01T09:00:00+08:00', { staffId: 's1', role: 'rep', level: 'A' }),
      ev('r1', 'lead.received', '2026-03-09T23:40:00+08:00', { clientId: 'c1', channel: 'web' }),
      // D1: due at 23:55 (before T) and at 00:05 (after T).
      ev('a1', 'lead.assigned', '2026-03-09T23:45:00+08:00', { clientId: 'c1', staffId: 's1', mode: 'direct' }),
      ev('r2', 'lead.received', '2026-03-09T23:50:00+08:00', { clientId: 'c2', channel: 'web' }),
      ev('a2', 'lead.assigned', '2026-03-09T23:55:00+08:00', { clientId: 'c2', staffId: 's1', mode: 'direct' }),
    ]);
    const published = await runtime.publish(policy110(), { effectiveFrom: T, author: 'hr' });
    expect(published).toMatchObject({ version: '1.1.0', status: 'published' });
    expect(published.effectiveFrom?.toISOString()).toBe('2026-03-09T16:00:00.000Z');

    const before = await runtime.ingest([
      ev('l1', 'entry.late', '2026-03-09T10:00:00+08:00', { staffId: 's1', form: 'abcd_table' }),
      ev('v1', 'violation', '2026-03-09T11:00:00+08:00', { staffId: 's1', severity: 'normal' }),
    ]);
    // Late: the runtime is at 23:55 already, so they apply then — still before T, under 1.0.0.
    expect(before.late).toBe(2);
    const after = await runtime.ingest([
      ev('l2', 'entry.late', '2026-03-10T10:00:00+08:00', { staffId: 's1', form: 'abcd_table' }),
      ev('v2', 'violation', '2026-03-10T11:00:00+08:00', { staffId: 's1', severity: 'normal' }),
    ]);
    expect(after.late).toBe(0);

    const decided = (await storedDecisions(db.store)).filter((d) => d.kind !== 'client.tiered').map(brief);
    expect(decided).toEqual([
      '2026-03-09T23:55:00+08:00 staff.fined F1 2000 @1.0.0',
      '2026-03-09T23:55:00+08:00 staff.banned V1 2026-03-16T23:55:00+08:00 @1.0.0',
      // The 23:55 deadline fires after the events at 23:55, when the next op (after T) moves
      // time on: still under 1.0.0, because the switch happens at T, after every earlier deadline.
      '2026-03-09T23:55:00+08:00 staff.paused D1 1 @1.0.0',
      // The 00:05 deadline fires after T: under 1.1.0 (D1 is the same there).
      '2026-03-10T00:05:00+08:00 staff.paused D1 1 @1.1.0',
      '2026-03-10T10:00:00+08:00 staff.fined F1 5000 @1.1.0',
      // The violation count carried across the switch: the second violation gets the second rung.
      '2026-03-10T11:00:00+08:00 staff.banned V1 2026-03-25T11:00:00+08:00 @1.1.0',
    ]);
    expect((await runtime.verify()).ok).toBe(true);
  });

  it('refuses an effective time before the runtime time, a second start-of-history version, and republishing', async () => {
    await runtime.ingest([ev('j1', 'staff.joined', '2026-03-01T09:00:00+08:00', { staffId: 's1', role: 'rep' })]);
    await expect(runtime.publish(policy110(), { effectiveFrom: '2026-03-01T08:59:59+08:00' })).rejects.toMatchObject({ code: 'effective-too-early' });
    await expect(runtime.publish(policy110(), { effectiveFrom: null })).rejects.toMatchObject({ code: 'effective-required' });
    await expect(runtime.publish(seedPolicy(), { effectiveFrom: T })).rejects.toMatchObject({ code: 'policy-exists' });
    await expect(runtime.publish({ id: 'x' }, { effectiveFrom: T })).rejects.toBeInstanceOf(RuntimeError);
    // Refusals change nothing: the runtime goes on.
    await runtime.publish(policy110(), { effectiveFrom: '2026-03-01T09:00:00+08:00' });
    const r = await runtime.ingest([ev('l1', 'entry.late', '2026-03-02T10:00:00+08:00', { staffId: 's1', form: 'abcd_table' })]);
    expect(r.decisions.map(brief)).toEqual(['2026-03-02T10:00:00+08:00 staff.fined F1 5000 @1.1.0']);
  });
});
