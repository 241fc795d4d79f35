import { createRuntime } from '@allot/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../store/test/test-stores.js';
import { fixedClock, seedPolicy, storedDecisions } from './fixtures.js';

describe.each(BACKENDS)('a batch with characters a database cannot store on $name', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await backend.open();
  });
  afterEach(async () => {
    await db.cleanup();
  });

  it('rejects the NUL, lone-surrogate and year-0000 lines by line and field and stores the good ones', async () => {
    const runtime = createRuntime({ store: db.store, clock: fixedClock() });
    await runtime.publish(seedPolicy(), { effectiveFrom: null });
    const text = [
      '{"id":"e1","type":"staff.joined","at":"2026-03-01T09:00:00+08:00","staffId":"s1","role":"rep"}',
      '{"id":"e2","type":"violation","at":"2026-03-01T09:00:00+08:00","staffId":"s\\u00001","severity":"normal"}',
      '{"id":"e3","type":"violation","at":"2026-03-01T09:00:00+08:00","staffId":"s1","severity":"normal","note":"\\udc00"}',
      '{"id":"e4","type":"violation","at":"0000-03-01T09:00:00+08:00","staffId":"s1","severity":"normal"}',
      '{"id":"e\\u0000","type":"violation","at":"2026-03-01T09:00:00+08:00","staffId":"s1","severity":"normal"}',
      '{"id":"e6","type":"violation","at":"2026-03-01T10:00:00+08:00","staffId":"s1","severity":"normal"}',
      '{"id":"e7","type":"violation","at":"0001-01-01T00:00:00+08:00","staffId":"s1","severity":"normal"}',
    ].join('\n');
    const result = await runtime.ingest(text);
    expect(result.rejected.map((e) => [e.line, e.field])).toEqual([
      [2, 'staffId'],
      [3, 'note'],
      [4, 'at'],
      [5, 'id'],
      [7, 'at'],
    ]);
    expect(result.accepted).toBe(2);
    expect((await storedDecisions(db.store)).map((d) => d.cause)).toEqual([['e6']]);
    expect((await runtime.verify()).ok).toBe(true);
  });
});
