import { canonicalJson, decisionIdentity } from '@allot/engine';
import { createRuntime } from '@allot/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../store/test/test-stores.js';
import { fixedClock, historyEnd, historyEvents, historyLines, historyText, seedPolicy, simulatedHistory, storedDecisions } from './fixtures.js';

describe.each(BACKENDS)('ingesting the example history on $name', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await backend.open();
  });
  afterEach(async () => {
    await db.cleanup();
  });

  const expectSimulated = async (): Promise<void> => {
    const stored = await storedDecisions(db.store);
    expect(stored.map(decisionIdentity)).toEqual(simulatedHistory.map(decisionIdentity));
    // The whole JSON, not only what the decisions decided: ids, explanations, policy, causes.
    expect(stored.map((d) => canonicalJson(d))).toEqual(simulatedHistory.map((d) => canonicalJson(d)));
  };

  it('in one call gives exactly the decisions simulate gives', async () => {
    const runtime = createRuntime({ store: db.store, clock: fixedClock() });
    await runtime.publish(seedPolicy(), { effectiveFrom: null, author: 'test' });
    const result = await runtime.ingest(historyText);
    expect(result).toMatchObject({ accepted: historyEvents.length, duplicates: 0, late: 0, rejected: [] });
    // simulate fires the deadlines due at the last event's instant too: a tick to it does the same.
    const tick = await runtime.tick(historyEnd);
    expect(result.decisions.length + tick.decisions.length).toBe(simulatedHistory.length);
    await expectSimulated();
    expect((await runtime.verify()).ok).toBe(true);
    await runtime.close();
  });

  it('in batches of 500 gives exactly the same decisions', async () => {
    const runtime = createRuntime({ store: db.store, clock: fixedClock() });
    await runtime.publish(seedPolicy(), { effectiveFrom: null });
    for (let i = 0; i < historyLines.length; i += 500) {
      const result = await runtime.ingest(historyLines.slice(i, i + 500).join('\n'));
      expect(result.rejected).toEqual([]);
    }
    await runtime.tick(historyEnd);
    await expectSimulated();
    await runtime.close();
  });
});
