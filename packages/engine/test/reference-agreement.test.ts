import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { migratePolicy, simulate, simulateReference, validatePolicy, type AllotEvent, type Decision, type Policy } from '@allot/engine';
import { generateHistory } from '../../../examples/history/generate.js';

/**
 * The compiled path (closures compiled from the condition JSON) and the reference path
 * (json-rules-engine evaluating the same JSON) must decide exactly the same things, on random
 * histories under random policy numbers.
 */

const base = JSON.parse(readFileSync(new URL('../../../policies/sales-resource/1.0.0.json', import.meta.url), 'utf8')) as Policy;

const gte = (fact: string, value: number) => ({ all: [{ fact, operator: 'greaterThanInclusive', value }] });

const policyNumbers = fc.record({
  tierC: fc.integer({ min: 0, max: 30_000_000 }),
  tierStep: fc.integer({ min: 1, max: 40_000_000 }),
  m: fc.array(fc.record({ window: fc.integer({ min: 1, max: 4 }), threshold: fc.integer({ min: 1, max: 8 }), pause: fc.integer({ min: 0, max: 3 }), banDays: fc.integer({ min: 0, max: 10 }), hotline: fc.integer({ min: 0, max: 2 }) }), { minLength: 1, maxLength: 4 }),
  mCombine: fc.constantFrom('highest' as const, 'all' as const),
  v: fc.array(fc.record({ threshold: fc.integer({ min: 1, max: 5 }), banDays: fc.integer({ min: 1, max: 40 }) }), { minLength: 1, maxLength: 4 }),
  vCombine: fc.constantFrom('highest' as const, 'all' as const),
  lookback: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
  fineFen: fc.integer({ min: 0, max: 10_000 }),
  d1Minutes: fc.integer({ min: 1, max: 120 }),
  d1Any: fc.boolean(),
  d1FineFen: fc.integer({ min: 0, max: 5_000 }),
  r1Hours: fc.integer({ min: 1, max: 72 }),
  r2Months: fc.integer({ min: 1, max: 6 }),
  r3Months: fc.integer({ min: 1, max: 3 }),
  autoReclaim: fc.boolean(),
  banStack: fc.boolean(),
  cap: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
  matchLevel: fc.boolean(),
});

/**
 * Opening state (docs/events.md) dropped into a history at 2026-02-01 00:00 (+08:00): opened
 * bans, pauses and prior violations for every third member, owners and clocks for every fifth
 * client, so both paths also decide through state that no event history built.
 */
function withOpening(events: readonly AllotEvent[], seed: number): AllotEvent[] {
  const live = '2026-02-01T00:00:00+08:00';
  const liveMs = Date.parse(live);
  const staff = [...new Set(events.flatMap((e) => (e.type === 'staff.joined' ? [e.staffId] : [])))];
  const clients = [...new Set(events.flatMap((e) => ('clientId' in e ? [e.clientId] : [])))];
  const day = (n: number): string => new Date(liveMs + n * 86_400_000).toISOString();
  const opening: AllotEvent[] = [];
  staff.forEach((staffId, i) => {
    if ((i + seed) % 3 !== 0) return;
    const k = (seed + i * 7) % 5;
    opening.push({
      id: `open-s-${i}`, type: 'opening.staff', at: live, staffId,
      ...(k !== 0 ? { banUntil: day(k * 3 - 5) } : {}),
      ...(k % 2 === 1 ? { pausesOwed: k } : {}),
      ...(k > 1 ? { priorViolations: k - 1 } : {}),
    });
  });
  clients.forEach((clientId, i) => {
    if ((i + seed) % 5 !== 0 || staff.length === 0) return;
    const k = (seed + i) % 4;
    const owner = staff[(seed + i) % staff.length] as string;
    opening.push({
      id: `open-c-${i}`, type: 'opening.client', at: live, clientId,
      ...(k === 3 ? {} : { owner }),
      ...(k === 0 || k === 2 ? { registeredAt: day(-170 - (i % 30)) } : {}),
      ...(k === 1 || k === 2 ? { handedOutAt: day(-80 + (i % 40)), ...(i % 2 === 0 ? { lastActivityAt: day(-50 + (i % 40)) } : {}) } : {}),
    });
  });
  const cut = events.findIndex((e) => Date.parse(e.at) >= liveMs);
  const at = cut < 0 ? events.length : cut;
  return [...events.slice(0, at), ...opening, ...events.slice(at)];
}

type Numbers = typeof policyNumbers extends fc.Arbitrary<infer T> ? T : never;

function makePolicy(n: Numbers): Policy {
  const p = structuredClone(base);
  p.version = '9.9.9';
  const [a, b, c] = [n.tierC + 2 * n.tierStep, n.tierC + n.tierStep, n.tierC];
  p.rules.T1.rungs = [
    { tier: 'A', when: gte('expectedDealFen', a) },
    { tier: 'B', when: gte('expectedDealFen', b) },
    { tier: 'C', when: gte('expectedDealFen', c) },
  ];
  const template = p.rules.M.rungs[0];
  if (template === undefined) throw new Error('policy has no M rung');
  p.rules.M.combine = n.mCombine;
  p.rules.M.rungs = n.m.map((r, i) => ({
    ...template,
    rule: `M${i === 3 ? 5 : i + 1}`,
    windowMonths: r.window,
    when: gte('mismatches', r.threshold),
    then: { pause: r.pause, banDays: r.banDays, hotlineBanMonths: r.hotline },
  }));
  p.rules.V1.combine = n.vCombine;
  p.rules.V1.rungs = n.v.map((r) => ({ when: gte('violations', r.threshold), then: { banDays: r.banDays } }));
  p.rules.V1.lookbackMonths = n.lookback;
  p.rules.F1.fineFen = n.fineFen;
  p.rules.D1.windowMinutes = n.d1Minutes;
  p.rules.D1.when = n.d1Any
    ? { any: [{ fact: 'contacted', operator: 'equal', value: false }, { fact: 'reported', operator: 'equal', value: false }] }
    : { all: [{ fact: 'contacted', operator: 'equal', value: false }] };
  p.rules.D1.then = { pause: 1, fineFen: n.d1FineFen };
  p.rules.R1.windowHours = n.r1Hours;
  p.rules.R2.windowMonths = n.r2Months;
  p.rules.R3.windowMonths = n.r3Months;
  p.rules.R3.autoReclaim = n.autoReclaim;
  p.options.banStack = n.banStack;
  p.rules.P1.capOwned = n.cap;
  p.rules.P1.matchLevel = n.matchLevel;
  const checked = validatePolicy(p);
  if (!checked.ok) throw new Error(`generated policy is invalid: ${JSON.stringify(checked.errors.slice(0, 3))}`);
  return checked.policy as Policy;
}

describe('compiled and json-rules-engine reference paths', () => {
  it('give identical decisions on random histories and random policy numbers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), policyNumbers, async (seed, numbers) => {
        const policy = makePolicy(numbers);
        const events = withOpening([...generateHistory({ seed, staff: 10, clients: 60, months: 4, start: '2026-01-01T00:00:00+08:00' })], seed);
        const compiled = simulate(policy, events);
        const reference = await simulateReference(policy, events);
        expect(reference.length).toBe(compiled.length);
        expect(JSON.stringify(reference)).toBe(JSON.stringify(compiled));
      }),
      { numRuns: 50, seed: 20261127 },
    );
  }, 120_000);
});

const withoutPolicy = (d: Decision): Omit<Decision, 'policy'> => {
  const { policy: _policy, ...rest } = d;
  return rest;
};

describe('format 1 read into format 2', () => {
  it('a random format-1 policy decides the same as its migrated form (only `policy` differs)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), policyNumbers, (seed, numbers) => {
        const policy = makePolicy(numbers);
        const migrated = validatePolicy(JSON.parse(JSON.stringify(migratePolicy(policy))));
        if (!migrated.ok) throw new Error(`migrated policy is invalid: ${JSON.stringify(migrated.errors.slice(0, 3))}`);
        const events = withOpening([...generateHistory({ seed, staff: 10, clients: 60, months: 4, start: '2026-01-01T00:00:00+08:00' })], seed);
        const one = simulate(policy, events);
        const two = simulate(migrated.policy, events);
        expect(two.map(withoutPolicy)).toEqual(one.map(withoutPolicy));
      }),
      { numRuns: 50, seed: 20261202 },
    );
  }, 120_000);
});
