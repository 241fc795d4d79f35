import { describe, expect, it } from 'vitest';
import { decisionIdentity, policyHash, simulate } from '@allot/engine';
import type { AllotEvent, Decision } from '@allot/engine';
import { generateHistory } from '../../examples/history/generate.js';
import { inTimeOrder, loadDefaultPolicy, loadExampleHistory } from './bench-inputs.js';
import { EDGE_SCENARIOS } from './edge-scenarios.js';
import { EXTRA_EDGE_SCENARIOS } from './edge-scenarios-extra.js';
import { describeDifference, firstDifference } from './first-difference.js';
import { handwrittenSimulate } from './handwritten/index.js';

const policy = loadDefaultPolicy();
const hash = policyHash(policy);

/** Runs both implementations and fails with the first difference, printed readably. */
function expectSameDecisions(events: readonly AllotEvent[], until?: string): Decision[] {
  const options = until === undefined ? {} : { until };
  const engine = simulate(policy, events, options);
  const handwritten = [...handwrittenSimulate(inTimeOrder(events), { ...options, policyHash: hash })];
  const difference = firstDifference(engine, handwritten);
  if (difference !== null) {
    const message = describeDifference(difference, ['engine     ', 'handwritten'], events);
    console.error(message);
    expect.fail(message);
  }
  expect(handwritten.length).toBe(engine.length);
  return engine;
}

describe('the hand-written 1.0.0 reducer decides what the engine decides', () => {
  it('cites the policy as the engine does', () => {
    const events: AllotEvent[] = [
      { id: 'e1', type: 'staff.joined', at: '2026-01-05T09:00:00+08:00', staffId: 's1', role: 'rep' },
      { id: 'e2', type: 'lead.received', at: '2026-01-05T09:01:00+08:00', clientId: 'c1', channel: 'web', expectedDealFen: 50_000_000 },
    ];
    const [mine] = [...handwrittenSimulate(events, { policyHash: hash })];
    const [theirs] = simulate(policy, events);
    expect(mine?.policy).toEqual(theirs?.policy);
    expect(mine?.policy).toEqual({ id: 'sales-resource', version: '1.0.0', hash });
  });

  for (const scenario of [...EDGE_SCENARIOS, ...EXTRA_EDGE_SCENARIOS]) {
    it(`edge case: ${scenario.name}`, () => {
      const decisions = expectSameDecisions(scenario.events, scenario.until);
      if (scenario.expect !== undefined) {
        expect(decisions.map((d) => decisionIdentity(d))).toEqual(scenario.expect.map((d) => decisionIdentity(d)));
      }
    });
  }

  const example = loadExampleHistory();
  it.skipIf(example === null)('on examples/history.jsonl', () => {
    const decisions = expectSameDecisions(example ?? []);
    expect(decisions.length).toBeGreaterThan(0);
  });

  it('on a generated history (seed 7, 60 staff, 3,000 clients, 6 months)', () => {
    const events = [...generateHistory({ seed: 7, staff: 60, clients: 3000, months: 6, start: '2026-01-01T00:00:00+08:00' })];
    const decisions = expectSameDecisions(events);
    expect(decisions.length).toBeGreaterThan(events.length / 10);
  });

  it('honours an inclusive `until` on a generated history', () => {
    const events = [...generateHistory({ seed: 7, staff: 60, clients: 3000, months: 6, start: '2026-01-01T00:00:00+08:00' })];
    expectSameDecisions(events, '2026-03-01T00:00:00+08:00');
  });
});
