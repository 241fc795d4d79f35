/**
 * The audit explorer's download: every decision a search finds (page after page, up to the export
 * cap) as one sheet, logged like the pages.
 */
import type { Kysely } from 'kysely';
import type { Database } from '@allot/store';
import type { OutSheet } from '@allot/sheets';
import type { Lang } from '../shared/i18n/lang';
import { EXPORT_MAX_ROWS } from '../shared/export-response';
import { searchDecisions } from './search';
import type { AuditQuery, AuditRow } from './search';

const L = (lang: Lang, zh: string, en: string): string => (lang === 'zh' ? zh : en);

/** Every decision the search finds (page after page, up to the export cap), logged like the pages. */
export async function allDecisions(db: Kysely<Database>, query: AuditQuery, actor: string, now: Date): Promise<AuditRow[]> {
  const out: AuditRow[] = [];
  let cursor: number | undefined = query.cursor;
  while (out.length < EXPORT_MAX_ROWS) {
    const page = await searchDecisions(db, { ...query, limit: 500, ...(cursor === undefined ? {} : { cursor }) }, actor, now);
    out.push(...page.items);
    if (page.next === null || page.items.length === 0) break;
    cursor = page.next;
  }
  return out.slice(0, EXPORT_MAX_ROWS);
}

/** The audit search results as one sheet: seq, instant, kind, rule, staff, client, amount, explanation, policy, causes. */
export function auditSheet(rows: readonly AuditRow[], lang: Lang): OutSheet {
  return {
    name: L(lang, '审计查询结果', 'Audit search'),
    columns: [
      { header: L(lang, '序号', 'Seq'), kind: 'int' },
      { header: L(lang, '时间', 'At'), kind: 'instant' },
      { header: L(lang, '决定类型', 'Kind') },
      { header: L(lang, '规则', 'Rule') },
      { header: L(lang, '员工', 'Staff') },
      { header: L(lang, '客户', 'Client') },
      { header: L(lang, '金额(元)', 'Amount (yuan)'), kind: 'yuan' },
      { header: L(lang, '说明', 'Explanation'), width: 60 },
      { header: L(lang, '制度版本', 'Policy version') },
      { header: L(lang, '原因事件', 'Caused by'), width: 40 },
      { header: L(lang, '决定编号', 'Decision id') },
    ],
    rows: rows.map(({ seq, decision: d }) => {
      const f = d as unknown as Record<string, unknown>;
      const amount = typeof f['amountFen'] === 'number' ? f['amountFen'] : null;
      return [seq, d.at, d.kind, d.rule, typeof f['staffId'] === 'string' ? f['staffId'] : '', typeof f['clientId'] === 'string' ? f['clientId'] : '', amount, d.explain[lang], `${d.policy.id}@${d.policy.version}`, d.cause.join(' '), d.id];
    }),
  };
}
