import { createRuntime } from '@allot/runtime';
import { findEvents } from '@allot/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../store/test/test-stores.js';
import { ev, fixedClock, seedPolicy } from './fixtures.js';

describe.each(BACKENDS)('late events on $name', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await backend.open();
  });
  afterEach(async () => {
    await db.cleanup();
  });

  it('are accepted and applied at the runtime time, keeping their own time on record', async () => {
    const runtime = createRuntime({ store: db.store, clock: fixedClock() });
    await runtime.publish(seedPolicy(), { effectiveFrom: null });
    await runtime.ingest([
      ev('j1', 'staff.joined', '2026-03-02T09:00:00+08:00', { staffId: 's1', role: 'rep' }),
      ev('l1', 'entry.late', '2026-03-02T12:00:00+08:00', { staffId: 's1', form: 'visit_register' }),
    ]);
    const late = await runtime.ingest([ev('l0', 'entry.late', '2026-03-02T10:00:00+08:00', { staffId: 's1', form: 'abcd_table' })]);
    expect(late).toMatchObject({ accepted: 1, late: 1 });
    expect(late.decisions.map((d) => `${d.at} ${d.kind} ${d.rule}`)).toEqual(['2026-03-02T12:00:00+08:00 staff.fined F1']);

    // After a tick, the tick's time is the runtime time.
    await runtime.tick('2026-03-02T14:00:00+08:00');
    const afterTick = await runtime.ingest([ev('l2', 'entry.late', '2026-03-02T13:00:00+08:00', { staffId: 's1', form: 'abcd_table' })]);
    expect(afterTick.decisions.map((d) => d.at)).toEqual(['2026-03-02T14:00:00+08:00']);

    const stored = new Map((await findEvents(db.store.db, ['l0', 'l2'])).map((e) => [e.eventId, e]));
    expect(stored.get('l0')?.at.toISOString()).toBe('2026-03-02T02:00:00.000Z');
    expect(stored.get('l0')?.appliedAt.toISOString()).toBe('2026-03-02T04:00:00.000Z');
    expect(stored.get('l2')?.appliedAt.toISOString()).toBe('2026-03-02T06:00:00.000Z');
    expect((await runtime.verify()).ok).toBe(true);
  });
});
