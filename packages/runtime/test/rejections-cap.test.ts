/**
 * A batch of garbage must not cost memory or an answer in proportion to its errors: with
 * `maxRejected`, the first errors are kept and the rest counted (the HTTP APIs keep 100).
 */
import { createRuntime } from '@allot/runtime';
import { parseEventsBounded, parseEvents } from '@allot/engine';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../store/test/test-stores.js';
import { fixedClock, historyText, seedPolicy } from './fixtures.js';

describe('bounded rejections', () => {
  it('parseEventsBounded keeps the first errors, counts all of them, and gives each event its line', () => {
    const text = ['{}', historyText.split('\n')[0], '', 'not json', '{}'].join('\n');
    const all = parseEvents(text);
    const bounded = parseEventsBounded(text, { maxErrors: 2 });
    expect(bounded.errors).toEqual(all.errors.slice(0, 2));
    expect(bounded.errorCount).toBe(all.errors.length);
    expect(bounded.events).toEqual(all.events);
    expect(bounded.lines).toEqual([2]);
  });

  it('3 MB of `{}` lines keeps 100 errors, not millions', () => {
    const text = '{}\n'.repeat(1_000_000);
    const result = parseEventsBounded(text, { maxErrors: 100 });
    expect(result.errors).toHaveLength(100);
    expect(result.errorCount).toBeGreaterThanOrEqual(1_000_000);
  });
});

describe.each(BACKENDS)('ingest with maxRejected on $name', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await backend.open();
  });
  afterEach(async () => {
    await db.cleanup();
  });

  it('answers the first 100 problems by line and the count of all, and still keeps the good lines', async () => {
    const runtime = createRuntime({ store: db.store, clock: fixedClock() });
    await runtime.publish(seedPolicy(), { effectiveFrom: null });
    const good = historyText.split('\n').slice(0, 3);
    const lines = [...Array.from({ length: 50_000 }, () => '{}'), ...good, '{"id":"x","type":"staff.joined","at":"9999-01-01T00:00:00Z","staffId":"s9","role":"rep","level":"B","name":"n"}'];
    const result = await runtime.ingest(lines.join('\n'), { maxRejected: 100 });
    expect(result.accepted).toBe(3);
    expect(result.rejected).toHaveLength(100);
    expect(result.rejected[0]?.line).toBe(1);
    expect(result.rejectedCount).toBeGreaterThan(50_000);
    expect(JSON.stringify(result).length).toBeLessThan(64 * 1024);
    // Without the option every problem is listed (the CLI prints them all).
    const all = await runtime.ingest(['{}', '{}'].join('\n'));
    expect(all.rejected.length).toBe(all.rejectedCount);
    await runtime.close();
  });
});
