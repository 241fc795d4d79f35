import { createRuntime } from '@allot/runtime';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../store/test/test-stores.js';
import { ev, fixedClock, seedPolicy } from './fixtures.js';

describe.each(BACKENDS)('tick on $name', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await backend.open();
  });
  afterEach(async () => {
    await db.cleanup();
  });

  it('fires a 10-minute D1 deadline exactly once with two runtimes ticking at once', async () => {
    const first = createRuntime({ store: db.store, clock: fixedClock() });
    await first.publish(seedPolicy(), { effectiveFrom: null });
    await first.ingest([
      ev('j1', 'staff.joined', '2026-03-02T09:00:00+08:00', { staffId: 's1', role: 'rep' }),
      ev('r1', 'lead.received', '2026-03-02T09:00:00+08:00', { clientId: 'c1', channel: 'hotline400' }),
      ev('a1', 'lead.allocate', '2026-03-02T09:00:00+08:00', { clientId: 'c1', mode: 'direct' }),
    ]);
    // Not due yet at 9 minutes.
    expect((await first.tick('2026-03-02T09:09:59+08:00')).decisions).toEqual([]);

    const second = createRuntime({ store: await db.openAnother(), clock: fixedClock() });
    const results = await Promise.all([first.tick('2026-03-02T09:10:00+08:00'), second.tick('2026-03-02T09:10:00+08:00'), second.tick('2026-03-02T09:11:00+08:00')]);
    const fired = results.flatMap((r) => r.decisions);
    expect(fired.map((d) => `${d.kind} ${d.rule} ${d.at}`)).toEqual(['staff.paused D1 2026-03-02T09:10:00+08:00']);
    expect(fired[0]?.cause).toEqual(['a1']);
    const stored = await sql<{ n: number }>`select count(*)::int as n from decisions where rule = 'D1'`.execute(db.store.db);
    expect(stored.rows[0]?.n).toBe(1);
    expect(await first.time()).toBe('2026-03-02T01:11:00.000Z');
    expect((await second.verify()).ok).toBe(true);
  });
});
