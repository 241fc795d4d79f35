/**
 * The policy as text (制度全文): money in words, every rule as sentences, a draft marked against the
 * version in force.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { asPolicy, markAgainst, money, policyText } from '../policy-text';

const root = new URL('../../../../../', import.meta.url);
const read = (path: string): unknown => JSON.parse(readFileSync(new URL(path, root), 'utf8'));
const lines = (doc: unknown, id: string, lang: 'zh' | 'en' = 'zh'): string[] => {
  const p = asPolicy(doc);
  if (p === null) throw new Error('invalid');
  const rule = policyText(p).groups.flatMap((g) => g.rules).find((r) => r.id === id);
  return (rule?.lines ?? []).map((l) => l[lang]);
};

describe('the policy as text (制度全文)', () => {
  it('says money in 万元 when whole, else 元', () => {
    expect(money(80_000_000).zh).toBe('80 万元');
    expect(money(2000).zh).toBe('20 元');
    expect(money(2050).zh).toBe('20.5 元');
    expect(money(80_000_000).en).toBe('800,000 yuan');
  });

  it('reads every rule of 1.0.0 (format 1) and 2.0.0 (format 2) as the same sentences, grouped by the seed document', () => {
    for (const path of ['policies/sales-resource/1.0.0.json', 'policies/sales-resource/2.0.0.json']) {
      expect(lines(read(path), 'T1')).toEqual(['A 类客户：预计成交金额 80 万元及以上', 'B 类客户：预计成交金额 40 万元及以上', 'C 类客户：预计成交金额 20 万元及以上', '其余为 D 类客户']);
      expect(lines(read(path), 'F1')[0]).toBe('表单未按时录入（表单为「ABCD客户统筹管理表」）的，每次罚款 20 元（ABCD客户统筹管理表未按时录入）。');
      expect(lines(read(path), 'M')).toContain('M3：连续 3 个月不匹配次数 10 次及以上，停止资源分配 7 天，1 个月内不安排 400、离线宝接听');
      expect(lines(read(path), 'D1')[0]).toContain('10 分钟内');
      expect(lines(read(path), 'T1', 'en')[0]).toBe('Tier A: expected deal amount 800,000 yuan or more');
    }
    const p = asPolicy(read('policies/sales-resource/2.0.0.json'));
    if (p === null) throw new Error('invalid');
    const groups = policyText(p).groups;
    expect(groups.map((g) => g.key)).toEqual(['客户资源分配管理制度', '销售部', '市场部客户资源管理制度', '客户资源管理制度']);
    expect(groups.flatMap((g) => g.rules)).toHaveLength(15);
    const t1 = groups[0]?.rules[0];
    expect(t1?.reading).toContain('A 类客户指预计成交金额在 80 万元及以上');
    expect(t1?.quote).toContain('Байду');
  });

  it('marks a draft against the version in force: added, changed, retyped, removed', () => {
    const base = read('policies/sales-resource/2.0.0.json') as { rules: Array<Record<string, unknown>> };
    const draft = structuredClone(base);
    draft.rules = draft.rules.filter((r) => r['id'] !== 'R4');
    const f1 = draft.rules.find((r) => r['id'] === 'F1') as { then: { fineFen: number } };
    f1.then.fineFen = 3000;
    draft.rules.push({ id: 'F3', type: 'per_occurrence', enabled: true, on: 'staff.incident', when: { all: [{ fact: 'code', operator: 'equal', value: 'meeting_late' }] }, then: { fineFen: 3000, fineReason: 'abcd_table' } });
    const a = asPolicy(base);
    const b = asPolicy(draft);
    if (a === null || b === null) throw new Error('invalid');
    const { marks, removed } = markAgainst(a, b);
    expect(marks.get('F3')?.mark).toBe('added');
    expect(marks.get('F1')?.mark).toBe('changed');
    expect(marks.get('F1')?.before?.[0]?.zh).toContain('20 元');
    expect(marks.get('T1')?.mark).toBe('same');
    expect(removed.map((r) => r.id)).toEqual(['R4']);
    expect(lines(draft, 'F3')[0]).toBe('发生违纪事件（事件代码为「晨会迟到」）的，每次罚款 30 元（ABCD客户统筹管理表未按时录入）。');
  });
});
