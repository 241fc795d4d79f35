/** The access log as a download: every entry a search finds (up to the export cap) as one sheet. */
import type { OutSheet } from '@allot/sheets';
import type { AdminDb } from '../shared/database';
import type { Lang } from '../shared/i18n/lang';
import { EXPORT_MAX_ROWS } from '../shared/export-response';
import { searchAccessLog } from './log';
import type { AccessLogEntry, AccessLogQuery } from './log';

const L = (lang: Lang, zh: string, en: string): string => (lang === 'zh' ? zh : en);

/** Every access-log entry the query finds, newest first, up to the export cap. */
export async function allAccessLog(db: AdminDb, query: AccessLogQuery): Promise<AccessLogEntry[]> {
  const out: AccessLogEntry[] = [];
  let before = query.before;
  while (out.length < EXPORT_MAX_ROWS) {
    const page = await searchAccessLog(db, { ...query, limit: 500, ...(before === undefined ? {} : { before }) });
    out.push(...page.items);
    if (page.next === null || page.items.length === 0) break;
    before = page.next;
  }
  return out.slice(0, EXPORT_MAX_ROWS);
}

/** The access log as one sheet: when, who, which client, what. */
export function accessLogSheet(rows: readonly AccessLogEntry[], lang: Lang): OutSheet {
  return {
    name: L(lang, '访问日志', 'Access log'),
    columns: [
      { header: L(lang, '编号', 'Id'), kind: 'int' },
      { header: L(lang, '时间', 'At'), kind: 'instant' },
      { header: L(lang, '用户', 'Actor') },
      { header: L(lang, '客户', 'Client') },
      { header: L(lang, '操作', 'Action') },
    ],
    rows: rows.map((r) => [r.id, r.at, r.actor, r.clientId ?? '', r.action]),
  };
}
