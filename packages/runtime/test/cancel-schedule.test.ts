import type { Policy } from '@allot/engine';
import { createRuntime, RuntimeError } from '@allot/runtime';
import type { Runtime } from '@allot/runtime';
import { findPolicyVersion, readCancellations } from '@allot/store';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../store/test/test-stores.js';
import { ev, fixedClock, seedPolicy, storedDecisions } from './fixtures.js';

const T = '2026-03-10T00:00:00+08:00';

function policyWith(version: string, fineFen: number): Policy {
  const p = seedPolicy();
  p.version = version;
  p.rules.F1.fineFen = fineFen;
  return p;
}

const fines = async (runtime: Runtime): Promise<string[]> =>
  (await storedDecisions(runtime.store)).filter((d) => d.kind === 'staff.fined').map((d) => `${d.at} ${String((d as unknown as { amountFen: number }).amountFen)} @${d.policy.version}`);

describe.each(BACKENDS)('cancelling a scheduled publication on $name', (backend) => {
  let db: TestDatabase;
  let runtime: Runtime;
  beforeEach(async () => {
    db = await backend.open();
    runtime = createRuntime({ store: db.store, clock: fixedClock() });
    await runtime.publish(seedPolicy(), { effectiveFrom: null, author: 'hr', approver: 'director' });
    await runtime.ingest([ev('j1', 'staff.joined', '2026-03-01T09:00:00+08:00', { staffId: 's1', role: 'rep', level: 'A' })]);
  });
  afterEach(async () => {
    await runtime.close();
    await db.cleanup();
  });

  it('takes the version off the timeline as an op of the log; the publication stays and replays agree', async () => {
    await runtime.publish(policyWith('1.1.0', 5000), { effectiveFrom: T, author: 'hr' });
    const cancelled = await runtime.cancelScheduled('sales-resource', '1.1.0', { actor: 'manager', note: 'wrong date' });
    expect(cancelled).toMatchObject({ status: 'approved' });
    expect(cancelled.publishSeq).not.toBeNull();
    const [c] = await readCancellations(db.store.db);
    expect(c).toMatchObject({ policyId: 'sales-resource', version: '1.1.0', publishSeq: cancelled.publishSeq, actor: 'manager', note: 'wrong date' });
    expect(c?.seq).toBeGreaterThan(cancelled.publishSeq ?? 0);

    await runtime.ingest([ev('l1', 'entry.late', '2026-03-11T10:00:00+08:00', { staffId: 's1', form: 'abcd_table' })]);
    expect(await fines(runtime)).toEqual(['2026-03-11T10:00:00+08:00 2000 @1.0.0']);
    expect((await runtime.verify()).ok).toBe(true);

    // A runtime that starts from the store (no snapshot) replays the cancellation too.
    const other = createRuntime({ store: db.store, clock: fixedClock() });
    await other.ingest([ev('l2', 'entry.late', '2026-03-12T10:00:00+08:00', { staffId: 's1', form: 'abcd_table' })]);
    expect((await fines(other)).map((f) => f.split(' @')[1])).toEqual(['1.0.0', '1.0.0']);
    await runtime.ingest([ev('l3', 'entry.late', '2026-03-13T10:00:00+08:00', { staffId: 's1', form: 'abcd_table' })]);
    expect((await fines(runtime)).length).toBe(3);
    expect((await runtime.verify()).ok).toBe(true);
  });

  it('keeps the other scheduled version, and refuses a version in force, already cancelled, or never published', async () => {
    await runtime.publish(policyWith('1.1.0', 5000), { effectiveFrom: T, author: 'hr' });
    await runtime.publish(policyWith('1.2.0', 3000), { effectiveFrom: '2026-03-12T00:00:00+08:00', author: 'hr' });
    await runtime.cancelScheduled('sales-resource', '1.1.0');
    await runtime.ingest([
      ev('l1', 'entry.late', '2026-03-11T10:00:00+08:00', { staffId: 's1', form: 'abcd_table' }),
      ev('l2', 'entry.late', '2026-03-12T10:00:00+08:00', { staffId: 's1', form: 'abcd_table' }),
    ]);
    expect((await fines(runtime)).map((f) => f.split(' ').slice(1).join(' '))).toEqual(['2000 @1.0.0', '3000 @1.2.0']);
    const refused = async (version: string): Promise<string> => {
      try {
        await runtime.cancelScheduled('sales-resource', version);
        return 'accepted';
      } catch (error) {
        return error instanceof RuntimeError ? error.code : String(error);
      }
    };
    expect(await refused('1.1.0')).toBe('not-scheduled');
    expect(await refused('1.2.0')).toBe('not-scheduled');
    expect(await refused('1.0.0')).toBe('not-scheduled');
    expect(await refused('9.9.9')).toBe('not-found');
    expect((await runtime.verify()).ok).toBe(true);
  });

  it('cannot be undone behind the runtime: the cancellation row is append-only and the publication keeps its time', async () => {
    await runtime.publish(policyWith('1.1.0', 5000), { effectiveFrom: T, author: 'hr' });
    await runtime.cancelScheduled('sales-resource', '1.1.0');
    await expect(sql`delete from policy_cancellations`.execute(db.store.db)).rejects.toThrow(/append-only/);
    await expect(sql`update policy_versions set effective_from = now() where version = '1.1.0'`.execute(db.store.db)).rejects.toThrow(/cannot change/);
    const row = await findPolicyVersion(db.store.db, 'sales-resource', '1.1.0');
    expect(row?.effectiveFrom?.toISOString()).toBe('2026-03-09T16:00:00.000Z');
    // Without a cancellation, a published version cannot go back to approved.
    await runtime.publish(policyWith('1.2.0', 3000), { effectiveFrom: T, author: 'hr' });
    await expect(sql`update policy_versions set status = 'approved' where version = '1.2.0'`.execute(db.store.db)).rejects.toThrow(/cannot change/);
  });
});
