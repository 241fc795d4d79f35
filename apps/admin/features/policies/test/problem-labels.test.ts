/** Draft problems in the form's words: fields named by their labels, never by a pointer. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanMessage, problemLabel } from '../problem-labels';
import { validateDraft } from '../validate-draft';

const root = new URL('../../../../../', import.meta.url);
const v2 = (): Record<string, unknown> & { rules: Array<Record<string, unknown>> } => JSON.parse(readFileSync(new URL('policies/sales-resource/2.0.0.json', root), 'utf8')) as never;

describe('problems in the form’s words', () => {
  it('names the field by its labels, never a pointer or a property name', () => {
    const doc = v2();
    expect(problemLabel(doc, '/rules/0/rungs/1/when/all/0/value').zh).toBe('T1 按预计成交金额划分 ABCD 客户类型 · B 类 · 条件 · 预计成交金额');
    expect(problemLabel(doc, '/rules/5/rungs/2/then/banDays')).toEqual({ zh: 'V1 违反公司规章制度停止资源分配 · 第 3 档 · 处理结果 · 停止分配', en: 'V1 Allocation bans for breaking company rules · rung 3 · Consequences · Allocation ban' });
    expect(problemLabel(doc, '/codes/incidents/0/label/zh').zh).toBe('违纪事件代码 · 第 1 项 · 名称 · 中文');
    expect(problemLabel(doc, '/calendar/holidays/2').zh).toBe('工作日历 · 节假日 · 第 3 项');
  });

  it('takes quoted property names and repeated pointers out of the engine’s messages', () => {
    const doc = v2();
    (doc.rules[5] as { rungs: Array<{ then: unknown }> }).rungs[2] = { ...(doc.rules[5] as { rungs: Array<Record<string, unknown>> }).rungs[2], then: { banDays: -1 } } as never;
    const [error] = validateDraft(doc);
    expect(error?.pointer).toBe('/rules/5/rungs/2/then/banDays');
    const clean = cleanMessage(error?.message ?? { zh: '', en: '' });
    expect(clean.zh).not.toMatch(/banDays|\/rules\//);
    expect(clean.zh).toContain('「停止分配」');
    expect(cleanMessage({ zh: '/rules/MM1 /rules/MM1: 编号重复', en: '/rules/MM1 /rules/MM1: duplicate id' })).toEqual({ zh: '编号重复', en: 'duplicate id' });
  });
});
