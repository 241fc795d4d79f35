/* eslint-disable @typescript-eslint/no-explicit-any -- the tests edit policy JSON freely, as an author would */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validatePolicy } from '../src/index.js';
import type { PolicyWarning } from '../src/index.js';

const root = new URL('../../../', import.meta.url);
const read = (path: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(path, root), 'utf8')) as Record<string, unknown>;
const v1 = (): Record<string, any> => read('policies/sales-resource/1.0.0.json') as Record<string, any>;
const v2 = (): Record<string, any> => read('examples/policies/meeting-late.json') as Record<string, any>;
const rule = (p: Record<string, any>, id: string): Record<string, any> => (p['rules'] as Array<Record<string, any>>).find((r) => r['id'] === id) as Record<string, any>;
const gte = (fact: string, value: number): unknown => ({ all: [{ fact, operator: 'greaterThanInclusive', value }] });

function warnings(json: unknown): PolicyWarning[] {
  const result = validatePolicy(json);
  if (!result.ok) throw new Error(`invalid: ${JSON.stringify(result.errors.slice(0, 3))}`);
  return result.warnings;
}
const only = (json: unknown, code: PolicyWarning['code']): PolicyWarning[] => warnings(json).filter((w) => w.code === code);

describe('the verifier', () => {
  it.each(['policies/sales-resource/1.0.0.json', 'policies/sales-resource/2.0.0.json', 'examples/policies/meeting-late.json'])('has no warning on the shipped %s', (path) => {
    expect(warnings(read(path))).toEqual([]);
  });

  it('tier_band_shadowed: tier B ≥ 900,000 below A ≥ 800,000 can never apply (format 1, pointer into the file)', () => {
    const p = v1();
    p['rules'].T1.rungs[1].when = gte('expectedDealFen', 90_000_000);
    const [w] = only(p, 'tier_band_shadowed');
    expect(w).toMatchObject({ severity: 'warning', rule: 'T1', pointer: '/rules/T1/rungs/1' });
    expect(w?.message.en).toContain('900,000.00');
    expect(w?.message.zh).toContain('永远不会生效');
    expect(w?.fix.en.length).toBeGreaterThan(0);
  });

  it('tier_order: a band that codes.tiers ranks lower sits above a higher tier', () => {
    const p = v2();
    const t1 = rule(p, 'T1');
    t1['rungs'] = [{ tier: 'B', when: gte('expectedDealFen', 80_000_000) }, { tier: 'A', when: gte('expectedDealFen', 40_000_000) }, t1['rungs'][2]];
    expect(only(p, 'tier_order')).toMatchObject([{ rule: 'T1', pointer: `/rules/${p['rules'].indexOf(t1)}/rungs/1` }]);
  });

  it('ladder_not_ascending and rung_never_applies: V1 rung 2 from 5 above rung 3 from 3', () => {
    const p = v1();
    p['rules'].V1.rungs[1].when = gte('violations', 5);
    expect(only(p, 'ladder_not_ascending')).toMatchObject([{ rule: 'V1', pointer: '/rules/V1/rungs/2/when' }]);
    expect(only(p, 'rung_never_applies')).toMatchObject([{ rule: 'V1', pointer: '/rules/V1/rungs/1' }]);
  });

  it('rung_never_applies is not raised under "all" (every rung that holds applies)', () => {
    const p = v1();
    p['rules'].V1.rungs[1].when = gte('violations', 5);
    p['rules'].V1.combine = 'all';
    expect(only(p, 'rung_never_applies')).toEqual([]);
    expect(only(p, 'ladder_not_ascending')).toHaveLength(1);
  });

  it('consequences_decrease: a higher rung with a lighter sanction', () => {
    const p = v1();
    p['rules'].V1.rungs[2].then = { banDays: 3 };
    expect(only(p, 'consequences_decrease')).toMatchObject([{ rule: 'V1', pointer: '/rules/V1/rungs/2/then' }]);
  });

  it('empty_consequences: a fine of 0 with nothing else', () => {
    const p = v1();
    p['rules'].F1.fineFen = 0;
    expect(only(p, 'empty_consequences')).toMatchObject([{ rule: 'F1', pointer: '/rules/F1' }]);
    const q = v2();
    rule(q, 'F3')['then'] = { fineFen: 0, fineReason: 'meeting_late' };
    expect(only(q, 'empty_consequences')).toMatchObject([{ rule: 'F3', pointer: `/rules/${q['rules'].indexOf(rule(q, 'F3'))}/then` }]);
  });

  it('undeclared_code: a fine reason or an incident code the policy does not declare', () => {
    const p = v2();
    const f3 = rule(p, 'F3');
    f3['then'] = { fineFen: 3000, fineReason: 'late_meeting' };
    f3['when'] = { all: [{ fact: 'code', operator: 'equal', value: 'meetng_late' }] };
    const i = p['rules'].indexOf(f3);
    expect(only(p, 'undeclared_code').map((w) => w.pointer).sort()).toEqual([`/rules/${i}/then/fineReason`, `/rules/${i}/when/all/0/value`]);
  });

  it('working_without_calendar: D1 in working minutes with no calendar is measured in natural time', () => {
    const p = v2();
    delete p['calendar'];
    const d1 = rule(p, 'D1');
    expect(only(p, 'working_without_calendar')).toMatchObject([{ rule: 'D1', pointer: `/rules/${p['rules'].indexOf(d1)}/within/time` }]);
  });

  it('deadline_never_fires: a calendar without working time, or an empty "any"', () => {
    const p = v2();
    p['calendar'].workingDays = [];
    p['calendar'].makeUpDays = [];
    expect(only(p, 'deadline_never_fires')).toMatchObject([{ rule: 'D1' }]);
    const q = v2();
    rule(q, 'D1')['when'] = { any: [] };
    expect(only(q, 'deadline_never_fires')).toMatchObject([{ rule: 'D1', pointer: `/rules/${q['rules'].indexOf(rule(q, 'D1'))}/when` }]);
  });
});
