import { createRuntime, RuntimeError } from '@allot/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../store/test/test-stores.js';
import { ev, seedPolicy } from './fixtures.js';

const NOW = '2026-04-01T10:00:00+08:00';
const clock = (): Date => new Date(NOW);
const at = (minutes: number): string => new Date(Date.parse(NOW) + minutes * 60_000).toISOString();

describe.each(BACKENDS)('events ahead of the wall clock on $name', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await backend.open();
  });
  afterEach(async () => {
    await db.cleanup();
  });

  it('rejects an event dated more than the skew (default 5 minutes) ahead, with line and field, and keeps the others', async () => {
    const runtime = createRuntime({ store: db.store, clock });
    await runtime.publish(seedPolicy(), { effectiveFrom: null });
    const lines = [
      ev('a', 'staff.joined', at(-60), { staffId: 's1', role: 'rep' }),
      ev('b', 'violation', '9999-12-31T23:59:59Z', { staffId: 's1', severity: 'normal' }),
      ev('c', 'violation', at(6), { staffId: 's1', severity: 'normal' }),
      ev('d', 'violation', at(5), { staffId: 's1', severity: 'normal' }),
    ].map((e) => JSON.stringify(e));
    const result = await runtime.ingest(lines.join('\n'));
    expect(result.accepted).toBe(2);
    expect(result.rejected.map((e) => [e.line, e.field])).toEqual([
      [2, 'at'],
      [3, 'at'],
    ]);
    expect(result.rejected[0]?.message).toMatch(/ahead of the clock/);
    // The runtime's time is where the accepted events put it, not year 9999; a version can still be published.
    expect(await runtime.time()).toBe(at(5).replace('Z', '').slice(0, 19) + '.000Z');
    await expect(runtime.publish({ ...seedPolicy(), version: '1.0.1' }, { effectiveFrom: at(10) })).resolves.toMatchObject({ version: '1.0.1' });
    // Arrays are checked the same way (line = index + 1).
    const array = await runtime.ingest([ev('e', 'violation', '9999-12-31T23:59:59Z', { staffId: 's1', severity: 'normal' })]);
    expect(array.rejected.map((e) => [e.line, e.field])).toEqual([[1, 'at']]);
  });

  it('takes the skew as an option, and refuses a tick beyond it', async () => {
    const runtime = createRuntime({ store: db.store, clock, maxClockSkewMs: 60 * 60_000 });
    await runtime.publish(seedPolicy(), { effectiveFrom: null });
    const result = await runtime.ingest([ev('a', 'staff.joined', at(59), { staffId: 's1', role: 'rep' }), ev('b', 'staff.joined', at(61), { staffId: 's2', role: 'rep' })]);
    expect(result.rejected.map((e) => [e.line, e.field])).toEqual([[2, 'at']]);
    await expect(runtime.tick('9999-12-31T00:00:00Z')).rejects.toSatisfy((e: unknown) => e instanceof RuntimeError && e.code === 'invalid-input');
    await expect(runtime.tick(at(30))).resolves.toBeDefined();
  });
});
