/**
 * The rule forms and their JSON: every rule type, money in 元 written as integer fen, what the rows
 * cannot show kept; pasted dates.
 */
import { readFileSync } from 'node:fs';
import { RULE_TYPES, defaultCodes } from '@allot/engine';
import { describe, expect, it } from 'vitest';
import { conditionFromForm, conditionToForm, factsFor, newRule, parseDateList, ruleFromForm, ruleToForm } from '../rule-forms';
import type { ConditionForm, RuleForm } from '../rule-forms';
import { validateDraft } from '../validate-draft';

const root = new URL('../../../../../', import.meta.url);
const read = (path: string): { rules: Array<Record<string, unknown>> } & Record<string, unknown> => JSON.parse(readFileSync(new URL(path, root), 'utf8')) as never;

describe('rule form ↔ JSON', () => {
  const rules = [...read('policies/sales-resource/2.0.0.json').rules, ...read('examples/policies/meeting-late.json').rules];

  it('covers every rule type of the catalogue', () => {
    expect(new Set(rules.map((r) => r['type']))).toEqual(new Set(RULE_TYPES));
  });

  it.each(rules.map((r) => [`${String(r['id'])} (${String(r['type'])})`, r] as const))('%s: JSON → form → JSON is the same rule', (_name, rule) => {
    const form = ruleToForm(rule);
    expect(JSON.stringify(form)).not.toContain('"fineFen"');
    expect(ruleFromForm(form)).toEqual(rule);
  });

  it.each(RULE_TYPES.map((t) => [t] as const))('a new %s rule from the catalogue survives the round trip', (type) => {
    const rule = newRule(type, [], { ...defaultCodes(), incidents: [{ code: 'meeting_late', label: { zh: '晨会迟到', en: 'late' } }] });
    expect(rule).not.toBeNull();
    expect(ruleFromForm(ruleToForm(rule as Record<string, unknown>))).toEqual(rule);
  });

  it('shows fines and money thresholds in 元 and writes integer fen', () => {
    const f1 = ruleToForm(rules.find((r) => r['id'] === 'F1') as Record<string, unknown>);
    expect(f1['then']).toEqual({ fineYuan: '20', fineReason: 'abcd_table' });
    const edited = { ...f1, then: { fineYuan: '30.5', fineReason: 'abcd_table' } } as RuleForm;
    expect(ruleFromForm(edited)['then']).toEqual({ fineFen: 3050, fineReason: 'abcd_table' });
    const t1 = ruleToForm(rules.find((r) => r['id'] === 'T1') as Record<string, unknown>);
    const rung = (t1['rungs'] as Array<{ when: ConditionForm }>)[0];
    expect(rung?.when).toEqual({ mode: 'all', rows: [{ fact: 'expectedDealFen', operator: 'greaterThanInclusive', value: '800000', kind: 'money' }] });
    expect(conditionFromForm({ mode: 'all', rows: [{ fact: 'expectedDealFen', operator: 'lessThan', value: '100,000', kind: 'money' }] })).toEqual({ all: [{ fact: 'expectedDealFen', operator: 'lessThan', value: 10_000_000 }] });
  });

  it('keeps what the rows cannot show as JSON, and leaves a mistyped value for the schema to name', () => {
    const nested = { all: [{ any: [{ fact: 'code', operator: 'equal', value: 'x' }] }] };
    expect(conditionToForm(nested)).toEqual({ mode: 'raw', json: nested });
    expect(conditionFromForm(conditionToForm(nested))).toEqual(nested);
    const path = { all: [{ fact: 'code', operator: 'equal', value: 'x', path: '$.a' }] };
    expect(conditionToForm(path).mode).toBe('raw');
    const bad = conditionFromForm({ mode: 'all', rows: [{ fact: 'count', operator: 'greaterThanInclusive', value: 'three', kind: 'number' }] });
    expect(bad).toEqual({ all: [{ fact: 'count', operator: 'greaterThanInclusive', value: 'three' }] });
    const policy = read('policies/sales-resource/2.0.0.json');
    const v1 = policy.rules.find((r) => r['id'] === 'V1') as Record<string, unknown>;
    (v1['rungs'] as Array<Record<string, unknown>>)[0] = { when: bad, then: { banDays: 7 } };
    expect(validateDraft(policy)).toEqual([{ pointer: '/rules/5/rungs/0/when/all/0/value', message: { zh: '请输入数字', en: 'enter a number' } }]);
    const t1 = policy.rules[0] as { rungs: Array<{ when: unknown }> };
    (t1.rungs[0] as { when: unknown }).when = conditionFromForm({ mode: 'all', rows: [{ fact: 'expectedDealFen', operator: 'greaterThanInclusive', value: '80万', kind: 'money' }] });
    expect(validateDraft(policy).map((e) => e.pointer)).toContain('/rules/0/rungs/0/when/all/0/value');
  });

  it('offers the documented facts of each rule type', () => {
    expect(factsFor({ type: 'per_occurrence', on: 'staff.incident' }, 'when')).toEqual(['staffId', 'code', 'note']);
    expect(factsFor({ type: 'count_ladder', counts: { on: 'violation' }, evaluate: 'each_event', countFact: 'violations' }, 'rung')).toEqual(['count', 'violations', 'staffId', 'severity', 'note']);
    expect(factsFor({ type: 'count_ladder', counts: { on: 'tier.mismatch' }, evaluate: 'month_close' }, 'rung')).toEqual(['count', 'windowMonths']);
    expect(factsFor({ type: 'deadline' }, 'when')).toEqual(['contacted', 'reported', 'mode']);
    expect(factsFor({ type: 'tiering' }, 'rung')).toEqual(['expectedDealFen', 'channel']);
  });
});

describe('pasted dates', () => {
  it('reads dates one a line or separated, ranges with ~ .. 至, and other spellings of a date', () => {
    expect(parseDateList('2026-10-01~2026-10-08\n2027-01-01, 2027/2/3 2027年2月4日；2026-05-01 至 2026-05-05')).toEqual([
      { from: '2026-10-01', to: '2026-10-08' },
      '2027-01-01',
      '2027-02-03',
      '2027-02-04',
      { from: '2026-05-01', to: '2026-05-05' },
    ]);
    expect(parseDateList('tomorrow')).toEqual(['tomorrow']);
    expect(parseDateList('  \n ')).toEqual([]);
  });
});
