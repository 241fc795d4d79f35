/** A person's fines as a download: every fine, and by month. */
import type { Runtime } from '@allot/runtime';
import type { OutSheet } from '@allot/sheets';
import type { Lang } from '../shared/i18n/lang';
import { EXPORT_MAX_ROWS } from '../shared/export-response';

const L = (lang: Lang, zh: string, en: string): string => (lang === 'zh' ? zh : en);

/** One fine of a person, as recorded. */
export interface FineRow {
  at: string;
  rule: string;
  reason: string;
  amountFen: number;
  explain: { zh: string; en: string };
  cause: string[];
  id: string;
}

/** Every `staff.fined` decision recorded for the member, oldest first (the read goes to the access log). */
export async function personFines(runtime: Runtime, staffId: string, actor: string): Promise<FineRow[]> {
  const out: FineRow[] = [];
  let after: number | undefined;
  while (out.length < EXPORT_MAX_ROWS) {
    const page = await runtime.decisions({ staffId, kind: 'staff.fined', limit: 1000, ...(after === undefined ? {} : { after }) }, { actor });
    for (const { decision: d } of page.items) {
      if (d.kind !== 'staff.fined') continue;
      out.push({ at: d.at, rule: d.rule, reason: d.reason, amountFen: d.amountFen, explain: d.explain, cause: d.cause, id: d.id });
    }
    if (page.next === null || page.items.length === 0) break;
    after = page.next;
  }
  return out;
}

/** A person's fines: every fine, then the monthly totals. */
export function finesSheets(staffId: string, name: string | null, fines: readonly FineRow[], byMonth: ReadonlyArray<{ month: string; count: number; fen: number }>, lang: Lang): OutSheet[] {
  const who = name === null ? staffId : `${staffId} ${name}`;
  return [
    {
      name: L(lang, `罚款明细 ${staffId}`, `Fines ${staffId}`),
      columns: [
        { header: L(lang, '员工', 'Staff') },
        { header: L(lang, '时间', 'At'), kind: 'instant' },
        { header: L(lang, '规则', 'Rule') },
        { header: L(lang, '原因', 'Reason') },
        { header: L(lang, '金额(元)', 'Amount (yuan)'), kind: 'yuan' },
        { header: L(lang, '说明', 'Explanation'), width: 60 },
        { header: L(lang, '原因事件', 'Caused by') },
        { header: L(lang, '决定编号', 'Decision id') },
      ],
      rows: fines.map((f) => [who, f.at, f.rule, f.reason, f.amountFen, f.explain[lang], f.cause.join(' '), f.id]),
    },
    {
      name: L(lang, '按月合计', 'By month'),
      columns: [{ header: L(lang, '月份', 'Month') }, { header: L(lang, '次数', 'Count'), kind: 'int' }, { header: L(lang, '金额(元)', 'Amount (yuan)'), kind: 'yuan' }],
      rows: byMonth.map((m) => [m.month, m.count, m.fen]),
    },
  ];
}
