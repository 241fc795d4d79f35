/* eslint-disable @typescript-eslint/no-explicit-any -- the tests edit policy JSON freely, as an author would */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migratePolicy, policyHash, readPolicy, simulate, validatePolicy } from '../src/index.js';
import type { PolicyError } from '../src/index.js';

const root = new URL('../../../', import.meta.url);
type Json = Record<string, any>;
const read = (path: string): Json => JSON.parse(readFileSync(new URL(path, root), 'utf8')) as Json;
const v2 = (): Json => read('policies/sales-resource/2.0.0.json');

function errors(json: unknown): PolicyError[] {
  const result = validatePolicy(json);
  if (result.ok) throw new Error('expected the policy to be invalid');
  for (const e of result.errors) {
    expect(typeof e.pointer).toBe('string');
    expect(e.message.zh.length).toBeGreaterThan(0);
    expect(e.message.en.length).toBeGreaterThan(0);
  }
  return result.errors;
}
const at = (json: unknown): string[] => errors(json).map((e) => e.pointer);

describe('validatePolicy: format 2', () => {
  it('a clause may carry a clean reading beside its verbatim quote; other clause keys and a format-1 reading are refused', () => {
    const p = v2();
    expect(p['rules'][0].clause.reading).toContain('80 万元');
    p['rules'][0].clause.reading = 'A 类客户：预计成交金额 80 万元及以上';
    expect(validatePolicy(p).ok).toBe(true);
    p['rules'][0].clause.note = 'x';
    expect(at(p)).toEqual(['/rules/0/clause/note']);
    const one = read('policies/sales-resource/1.0.0.json');
    one['rules'].T1.clause.reading = 'x';
    expect(at(one)).toEqual(['/rules/T1/clause/reading']);
  });

  it('accepts the shipped format-2 policies', () => {
    for (const path of ['policies/sales-resource/2.0.0.json', 'examples/policies/meeting-late.json']) {
      expect(validatePolicy(read(path))).toMatchObject({ ok: true, errors: [], warnings: [] });
    }
  });

  it('accepts a rule MM1 that format 1 refused (an author-chosen id of a catalogue type)', () => {
    const p = v2();
    p['codes'].incidents.push({ code: 'meeting_late_2', label: { zh: '晨会迟到', en: 'late' } });
    p['codes'].fineReasons.push({ code: 'meeting_late', label: { zh: '晨会迟到', en: 'late' } });
    p['rules'].push({ id: 'MM1', type: 'per_occurrence', enabled: true, on: 'staff.incident', when: { all: [{ fact: 'code', operator: 'equal', value: 'meeting_late_2' }] }, then: { fineFen: 3000, fineReason: 'meeting_late' } });
    expect(validatePolicy(p)).toMatchObject({ ok: true, warnings: [] });
  });

  it('rejects a rule of unknown type, naming its type field', () => {
    const p = v2();
    p['rules'].push({ id: 'X1', type: 'lottery', enabled: true });
    const found = errors(p);
    expect(found.map((e) => e.pointer)).toContain(`/rules/${p['rules'].length - 1}/type`);
    expect(found.find((e) => e.pointer.endsWith('/type'))?.message.en).toMatch(/must be one of/);
  });

  it('rejects a duplicate rule id (also a rung id) and a built-in under another id', () => {
    const p = v2();
    p['rules'].push({ ...p['rules'][3], id: 'T1' });
    expect(at(p)).toEqual([`/rules/${p['rules'].length - 1}/id`]);
    const q = v2();
    q['rules'][1].rungs[0].id = 'M2';
    expect(at(q)).toEqual(['/rules/1/rungs/1/id']);
    const r = v2();
    r['rules'].find((x: Json) => x['id'] === 'L1').id = 'L9';
    expect(errors(r)[0]?.message.en).toContain('"L1"');
  });

  it('never crashes on a __proto__ rule id, a __proto__ key or deep nesting', () => {
    const p = v2();
    p['rules'].push({ id: '__proto__', type: 'per_occurrence', enabled: true, on: 'staff.incident', then: {} });
    expect(at(p)).toEqual([`/rules/${p['rules'].length - 1}/id`]);
    const q = JSON.parse(JSON.stringify(v2()).replace('"enabled":true', '"__proto__":{"x":1},"enabled":true')) as Json;
    expect(errors(q).some((e) => e.pointer.includes('__proto__'))).toBe(true);
    let deep: unknown = { fact: 'code', operator: 'equal', value: 'x' };
    for (let i = 0; i < 10_000; i++) deep = { all: [deep] };
    const r = v2();
    r['rules'][3].when = deep;
    expect(errors(r).length).toBeGreaterThan(0);
  });

  it('rejects an undeclared tier, a fine without a reason, a fact the rule type lacks, a bad calendar', () => {
    const p = v2();
    p['rules'][0].otherwise = 'E';
    expect(at(p)).toEqual(['/rules/0/otherwise']);
    const q = v2();
    q['rules'][3].then = { fineFen: 100 };
    expect(at(q)).toEqual(['/rules/3/then/fineReason']);
    const r = v2();
    r['rules'][3].when = { all: [{ fact: 'mismatches', operator: 'equal', value: 1 }] };
    expect(at(r)).toEqual(['/rules/3/when/all/0/fact']);
    const s = v2();
    s['calendar'] = { workingDays: [1], hours: [{ from: '13:00', to: '12:00' }], holidays: ['2026-02-30'], makeUpDays: [] };
    expect(at(s).sort()).toEqual(['/calendar/holidays/0', '/calendar/hours/0/to']);
  });

  it('a format-1 file keeps validating and keeps its hash; readPolicy and migratePolicy do not change it', () => {
    const p = read('policies/sales-resource/1.0.0.json');
    const before = policyHash(p as never);
    const checked = validatePolicy(p);
    if (!checked.ok) throw new Error('1.0.0 invalid');
    readPolicy(checked.policy);
    const migrated = migratePolicy(checked.policy);
    expect(policyHash(checked.policy)).toBe(before);
    expect(before).toBe('sha256:0ae9a03da130b630e11eb25d45208d5e7b4e3ac699a086c86cfc42a8f12363fa');
    expect(validatePolicy(JSON.parse(JSON.stringify(migrated)))).toMatchObject({ ok: true, warnings: [] });
    expect(simulate(migrated, [])).toEqual([]);
  });
});
