/** Comparing two policy versions rule by rule, format 1 and format 2. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffPolicies } from '../diff';

const root = new URL('../../../../../', import.meta.url);
const read = (path: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(path, root), 'utf8')) as Record<string, unknown>;

describe('diffPolicies (format 2)', () => {
  it('pairs rules by id: an added, removed and retyped rule are structural changes; a moved rule is not', () => {
    const base = read('policies/sales-resource/2.0.0.json');
    const draft = structuredClone(base) as { rules: Array<Record<string, unknown>> };
    const [t1, ...rest] = draft.rules;
    draft.rules = [...rest.filter((r) => r['id'] !== 'R4'), t1 as Record<string, unknown>];
    draft.rules.push({ id: 'F3', type: 'per_occurrence', enabled: true, title: { zh: '晨会迟到', en: 'Late for the meeting' }, on: 'staff.incident', when: { all: [{ fact: 'code', operator: 'equal', value: 'meeting_late' }] }, then: { fineFen: 3000, fineReason: 'abcd_table' } });
    const f2 = draft.rules.findIndex((r) => r['id'] === 'F2');
    draft.rules[f2] = { id: 'F2', type: 'count_ladder', enabled: true, counts: { on: 'entry.late' }, evaluate: 'each_event', combine: 'highest', rungs: [{ when: { all: [{ fact: 'count', operator: 'greaterThanInclusive', value: 2 }] }, then: { fineFen: 2000, fineReason: 'visit_register' } }] };
    const d = diffPolicies(base, draft);
    expect(d.structural).toEqual({ added: ['F3'], removed: ['R4'], retyped: ['F2'] });
    expect(d.rules.find((r) => r.rule === 'T1')?.status).toBe('same');
    expect(d.rules.find((r) => r.rule === 'F3')?.title?.zh).toBe('晨会迟到');
    expect(d.rules.find((r) => r.rule === 'F2')?.types).toEqual({ before: 'per_occurrence', after: 'count_ladder' });
  });

  it('compares a format-1 version with a format-2 draft rule by rule (the format-1 side is read into format 2)', () => {
    const one = read('policies/sales-resource/1.0.0.json');
    const two = read('policies/sales-resource/2.0.0.json');
    const d = diffPolicies(one, two);
    expect(d.structural).toEqual({ added: [], removed: [], retyped: [] });
    const codes = d.general.filter((r) => r.kind !== 'same').map((r) => r.pointer);
    expect(codes).toContain('/codes/incidents/meeting_late/code');
  });
});
