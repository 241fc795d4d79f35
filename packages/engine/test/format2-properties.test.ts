import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate, simulateReference, validatePolicy } from '@allot/engine';
import type { AnyPolicy, Consequences, RuleV2 } from '@allot/engine';
import { readFileSync } from 'node:fs';
import { generateHistory } from '../../../examples/history/generate.js';

/**
 * Random format-2 policies drawn from the rule catalogue (tiering over any number of tiers,
 * per-occurrence fines and sanctions, month-close and each-event ladders with rolling
 * look-backs, the direct-allocation deadline in natural or working time with a random
 * calendar) × random histories: the compiled path and json-rules-engine's reference path
 * decide exactly the same.
 */

type Json = Record<string, unknown>;
const base = JSON.parse(readFileSync(new URL('../../../policies/sales-resource/2.0.0.json', import.meta.url), 'utf8')) as Json & { rules: RuleV2[] };
const cond = (fact: string, operator: string, value: unknown): Json => ({ all: [{ fact, operator, value }] });
const label = (c: string): Json => ({ code: c, label: { zh: c, en: c } });

const consequences: fc.Arbitrary<Consequences> = fc
  .record({ pause: fc.integer({ min: 0, max: 2 }), banDays: fc.integer({ min: 0, max: 5 }), hotlineBanMonths: fc.integer({ min: 0, max: 1 }), fineFen: fc.integer({ min: 0, max: 5000 }), terminationReview: fc.boolean() })
  .map((c) => ({ ...c, fineReason: 'other' }));

const incidentOrForm = fc.constantFrom(
  { on: 'staff.incident', fact: 'code', values: ['meeting_late', 'group_unanswered'] },
  { on: 'entry.late', fact: 'form', values: ['abcd_table', 'visit_register'] },
  { on: 'violation', fact: 'severity', values: ['normal', 'serious'] },
);

const perOccurrence = fc.tuple(incidentOrForm, fc.nat(1), consequences).map(([k, i, then]) => ({
  type: 'per_occurrence', enabled: true, on: k.on, when: cond(k.fact, 'equal', k.values[i]), then,
}));

const ladder = fc
  .tuple(
    fc.constantFrom('staff.incident', 'tier.mismatch', 'violation', 'entry.late'),
    fc.constantFrom('month_close', 'each_event'),
    fc.constantFrom('highest', 'all'),
    fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), consequences), { minLength: 1, maxLength: 3 }),
    fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
  )
  .map(([on, evaluate, combine, rungs, days]) => ({
    type: 'count_ladder', enabled: true,
    counts: { on, ...(on === 'tier.mismatch' ? { subject: 'receptionistId' } : {}) },
    evaluate, combine,
    ...(evaluate === 'each_event' && days !== undefined ? { lookbackDays: days } : {}),
    rungs: rungs.map(([threshold, months, then]) => ({ ...(evaluate === 'month_close' ? { windowMonths: months } : {}), when: cond('count', 'greaterThanInclusive', threshold), then })),
  }));

const calendar = fc.record({
  workingDays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
  morning: fc.integer({ min: 6, max: 10 }),
  lunch: fc.integer({ min: 0, max: 2 }),
  holiday: fc.integer({ min: 1, max: 28 }),
});

const policy = fc
  .record({
    tiers: fc.integer({ min: 4, max: 6 }),
    step: fc.integer({ min: 1_000_000, max: 30_000_000 }),
    extra: fc.array(fc.oneof(perOccurrence, ladder), { maxLength: 5 }),
    d1Minutes: fc.integer({ min: 1, max: 240 }),
    working: fc.boolean(),
    calendar,
  })
  .map((n): AnyPolicy => {
    const tiers = ['A', 'B', 'C', 'D', 'E', 'F'].slice(0, n.tiers);
    const rules = base.rules
      .filter((r) => r.id !== 'T1')
      .map((r) => (r.id === 'D1' ? { ...r, within: { amount: n.d1Minutes, unit: 'minutes', ...(n.working ? { time: 'working' } : {}) } } : r));
    const tiering = { id: 'T1', type: 'tiering', enabled: true, rungs: tiers.slice(0, -1).map((t, i) => ({ tier: t, when: cond('expectedDealFen', 'greaterThanInclusive', (tiers.length - 1 - i) * n.step) })), otherwise: tiers[tiers.length - 1] };
    const extra = n.extra.map((r, i) => ({ id: `X${i}`, ...r }));
    const c = n.calendar;
    const json = {
      ...base,
      version: '9.9.9',
      codes: {
        tiers: tiers.map(label),
        forms: (base['codes'] as { forms: unknown[] }).forms,
        fineReasons: [...(base['codes'] as { fineReasons: unknown[] }).fineReasons, label('other')],
        incidents: [label('meeting_late'), label('group_unanswered')],
      },
      calendar: {
        workingDays: c.workingDays,
        hours: [{ from: `0${c.morning}:00`.slice(-5), to: '12:00' }, { from: `${13 + c.lunch}:00`, to: '18:00' }],
        holidays: [`2026-02-${String(c.holiday).padStart(2, '0')}`],
        makeUpDays: ['2026-01-04'],
      },
      rules: [tiering, ...rules, ...extra],
    };
    const checked = validatePolicy(json);
    if (!checked.ok) throw new Error(`generated policy is invalid: ${JSON.stringify(checked.errors.slice(0, 3))}`);
    return checked.policy;
  });

describe('format 2: compiled and reference paths', () => {
  it('give identical decisions for random catalogue policies on random histories', async () => {
    let fromAddedRules = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), policy, async (seed, p) => {
        const events = [...generateHistory({ seed, staff: 10, clients: 50, months: 3, start: '2026-01-01T00:00:00+08:00' })];
        const compiled = simulate(p, events);
        const reference = await simulateReference(p, events);
        expect(JSON.stringify(reference)).toBe(JSON.stringify(compiled));
        fromAddedRules += compiled.filter((d) => d.rule.startsWith('X')).length;
      }),
      { numRuns: 30, seed: 20261202 },
    );
    // The added catalogue rules did decide things (the property is not vacuous).
    expect(fromAddedRules).toBeGreaterThan(50);
  }, 180_000);
});
