import { createRuntime } from '@allot/runtime';
import type { Runtime } from '@allot/runtime';
import { readClientStates } from '@allot/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../store/test/test-stores.js';
import { ev, fixedClock, seedPolicy } from './fixtures.js';

const LIVE = '2026-03-01T00:00:00+08:00';

describe.each(BACKENDS)('opening state through the runtime on $name', (backend) => {
  let db: TestDatabase;
  let runtime: Runtime;
  beforeEach(async () => {
    db = await backend.open();
    runtime = createRuntime({ store: db.store, clock: fixedClock('2026-03-02T00:00:00+08:00') });
    await runtime.publish(seedPolicy(), { effectiveFrom: null });
  });
  afterEach(async () => {
    await runtime.close();
    await db.cleanup();
  });

  it('projects opened bans, pauses and client holds, and the ring honours them', async () => {
    const result = await runtime.ingest([
      ev('j1', 'staff.joined', '2026-01-01T09:00:00+08:00', { staffId: 's1', role: 'rep' }),
      ev('j2', 'staff.joined', '2026-01-01T09:00:00+08:00', { staffId: 's2', role: 'rep' }),
      ev('o1', 'opening.staff', LIVE, { staffId: 's1', banUntil: '2026-03-10T09:00:00+08:00', hotlineBanUntil: '2026-04-01T00:00:00+08:00' }),
      ev('o2', 'opening.staff', LIVE, { staffId: 's2', pausesOwed: 2 }),
      ev('o3', 'opening.client', LIVE, { clientId: 'c1', owner: 's2', tier: 'B', registeredAt: '2025-12-01T10:00:00+08:00', lastActivityAt: '2026-02-20T10:00:00+08:00', handedOutAt: '2026-01-05T10:00:00+08:00' }),
    ]);
    expect(result.rejected).toEqual([]);
    expect(result.decisions).toEqual([]);
    const s1 = await runtime.status('s1');
    expect(s1).toMatchObject({ banned: true });
    expect(Date.parse(s1.bannedUntil ?? '')).toBe(Date.parse('2026-03-10T09:00:00+08:00'));
    expect(Date.parse(s1.hotlineBannedUntil ?? '')).toBe(Date.parse('2026-04-01T00:00:00+08:00'));
    expect(await runtime.status('s2')).toMatchObject({ pausesLeft: 2 });
    const [c1] = await readClientStates(db.store.db, ['c1']);
    expect(c1).toMatchObject({ ownerId: 's2', tier: 'B' });
    expect(c1?.developmentDue?.getTime()).toBe(Date.parse('2026-06-01T10:00:00+08:00'));
    expect(c1?.lastActivityAt?.getTime()).toBe(Date.parse('2026-02-20T10:00:00+08:00'));
    // s1 is banned and s2 owes two pauses: the first allocation finds nobody and uses one pause.
    const allocated = await runtime.allocate('c2');
    expect(allocated).toMatchObject({ kind: 'lead.unallocated', reason: 'no_eligible_staff' });
    expect(await runtime.status('s2')).toMatchObject({ pausesLeft: 1 });
  });
});
