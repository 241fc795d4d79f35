/** A what-if result as a workbook: totals, per week, per person. */
import type { OutCell, OutSheet } from '@allot/sheets';
import type { Lang } from '../shared/i18n/lang';
import { t } from '../shared/i18n/messages';
import type { MessageKey } from '../shared/i18n/messages';
import { METRICS, MONEY_METRICS } from './metrics';
import type { Metric, Totals } from './metrics';
import type { WhatIfResult } from './types';

const L = (lang: Lang, zh: string, en: string): string => (lang === 'zh' ? zh : en);
const label = (lang: Lang, m: Metric): string => t(lang, `whatif.m.${m}` as MessageKey);
const kindOf = (m: Metric): 'yuan' | 'int' => (MONEY_METRICS.has(m) ? 'yuan' : 'int');

/** A number of the result, or null when the posted result lacks it (the workbook then shows nothing). */
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string => (typeof v === 'string' ? v.slice(0, 500) : '');

/**
 * A what-if run as sheets: totals (with the period, the mode and the decision counts), per
 * week, per person. Built from the result the page holds, so the workbook says what the page
 * says; every value is re-read as a number or text (the body is the browser's).
 */
export function whatIfSheets(r: WhatIfResult, lang: Lang): OutSheet[] {
  const base = `${str(r.base?.version)}`;
  const cand = `${str(r.candidate?.version)}${r.candidate?.edited === true ? L(lang, '(已修改)', ' (edited)') : ''}`;
  const triple = (m: Metric, x: { base: Totals; candidate: Totals; delta: Totals }): OutCell[] => [num(x.base?.[m]), num(x.candidate?.[m]), num(x.delta?.[m])];
  const info: OutCell[][] = [
    [L(lang, '制度', 'Policy'), str(r.policyId), null, null],
    [L(lang, '现行版本', 'Base version'), base, null, null],
    [L(lang, '候选版本', 'Candidate version'), cand, null, null],
    [L(lang, '期间自', 'Period from'), str(r.period?.from), null, null],
    [L(lang, '期间至', 'Period to'), str(r.period?.to), null, null],
    [L(lang, '天数', 'Days'), num(r.period?.days), null, null],
    [L(lang, '事件数', 'Events'), num(r.period?.events), null, null],
    [L(lang, '分配方式', 'Mode'), r.allocationsAsRecorded ? L(lang, '按实际记录的分配', 'allocations as recorded') : L(lang, '按制度轮转分配', 'allocation ring under each policy'), null, null],
    [L(lang, '范围', 'Scope'), r.team === null || r.team === undefined ? L(lang, '全公司', 'whole company') : str(r.team.label?.[lang]), null, null],
    [L(lang, '决定数', 'Decisions'), num(r.decisions?.base), num(r.decisions?.candidate), null],
    [L(lang, '不同的决定', 'Differing decisions'), num(r.decisions?.differing), null, null],
  ];
  const totalsRows: OutCell[][] = METRICS.map((m) => [label(lang, m), ...triple(m, r.totals)]);
  const weekCols = METRICS.flatMap((m) => [
    { header: `${label(lang, m)} · ${base}`, kind: kindOf(m) },
    { header: `${label(lang, m)} · ${cand}`, kind: kindOf(m) },
  ]);
  return [
    {
      name: L(lang, '总计', 'Totals'),
      // Column A names the row; money measures are in 元 (their labels say so), counts as they are.
      columns: [{ header: L(lang, '项目', 'Measure') }, { header: base, kind: 'int' }, { header: cand, kind: 'int' }, { header: L(lang, '变化', 'Change'), kind: 'int' }],
      rows: [
        ...info,
        [null, null, null, null],
        ...totalsRows.map((row, i) => (MONEY_METRICS.has(METRICS[i] as Metric) ? [row[0], ...row.slice(1).map((v) => (typeof v === 'number' ? v / 100 : v))] : row)),
      ],
    },
    {
      name: L(lang, '每周', 'Per week'),
      columns: [{ header: L(lang, '周', 'Week') }, ...weekCols],
      rows: (r.weeks ?? []).map((w) => [str(w.week), ...METRICS.flatMap((m) => [num(w.base?.[m]), num(w.candidate?.[m])])]),
    },
    {
      name: L(lang, '每人', 'Per person'),
      columns: [
        { header: L(lang, '工号', 'Staff id') },
        { header: L(lang, '姓名', 'Name') },
        { header: L(lang, '岗位', 'Role') },
        { header: L(lang, '级别', 'Level') },
        { header: L(lang, '不同的决定', 'Differing decisions'), kind: 'int' },
        ...METRICS.flatMap((m) => [
          { header: `${label(lang, m)} · ${base}`, kind: kindOf(m) },
          { header: `${label(lang, m)} · ${cand}`, kind: kindOf(m) },
          { header: `${label(lang, m)} · ${L(lang, '变化', 'change')}`, kind: kindOf(m) },
        ]),
      ],
      rows: (r.people ?? []).map((p) => [str(p.staffId), str(p.name), str(p.role), str(p.level), num(p.differing), ...METRICS.flatMap((m) => triple(m, p))]),
    },
  ];
}
