import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parseEvents, zoneOf } from '@allot/engine';
import type { AllotEvent, AnyPolicy } from '@allot/engine';

/** The seed policy and the example history (examples/history.jsonl). */
export const seedPolicy = JSON.parse(readFileSync(new URL('../../../policies/sales-resource/1.0.0.json', import.meta.url), 'utf8')) as AnyPolicy;
export const history: AllotEvent[] = parseEvents(readFileSync(new URL('../../../examples/history.jsonl', import.meta.url), 'utf8')).events;
export const zone = zoneOf('Asia/Shanghai');

/** Wall time in Shanghai as `YYYY-MM-DD HH:mm:ss`, what a Chinese sheet writes. */
export function wall(at: string): string {
  const t = Date.parse(at) + zone.offsetAt(Date.parse(at));
  return new Date(t).toISOString().slice(0, 19).replace('T', ' ');
}

/** Wall time as a Date whose UTC fields are the wall clock (how Excel date cells come back). */
export const wallDate = (at: string): Date => new Date(Date.parse(at) + zone.offsetAt(Date.parse(at)));

const ROLE_ZH = { rep: '销售员', receptionist: '接听客服', manager: '销售经理', director: '市场总监', assistant: '销售内勤' } as const;
const FORM_ZH = { abcd_table: 'ABCD客户统筹管理表', visit_register: '客户来访登记' } as Record<string, string>;

/** The roster of the history: one row per member's first `staff.joined`, with the leavers' dates. */
export function rosterRows(events: readonly AllotEvent[] = history): Array<Record<string, string | Date | null>> {
  const rows = new Map<string, Record<string, string | Date | null>>();
  for (const e of events) {
    if (e.type === 'staff.joined' && !rows.has(e.staffId)) {
      rows.set(e.staffId, { 工号: e.staffId, 姓名: e.name ?? null, 岗位: ROLE_ZH[e.role], 级别: e.level ?? null, 入职日期: wallDate(e.at), 离职日期: null, 接替人: null });
    } else if (e.type === 'staff.left') {
      const row = rows.get(e.staffId);
      if (row !== undefined) {
        row['离职日期'] = wallDate(e.at);
        row['接替人'] = e.successorId ?? null;
      }
    }
  }
  return [...rows.values()];
}

/** The history's events a roster import reproduces (first joins and the leaves). */
export function rosterEvents(events: readonly AllotEvent[] = history): AllotEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => {
    if (e.type === 'staff.left') return true;
    if (e.type !== 'staff.joined' || seen.has(e.staffId)) return false;
    seen.add(e.staffId);
    return true;
  });
}

/** Past records of the history as the company's books: violations, late entries, mismatches, deals. */
export function recordRows(kind: 'violations' | 'late-entries' | 'mismatches' | 'deals', events: readonly AllotEvent[] = history): Array<Record<string, string>> {
  const out: Array<Record<string, string>> = [];
  for (const e of events) {
    if (kind === 'violations' && e.type === 'violation') out.push({ 日期: wall(e.at), 员工: e.staffId, 严重程度: e.severity === 'serious' ? '严重' : '一般', 备注: e.note ?? '' });
    if (kind === 'late-entries' && e.type === 'entry.late') out.push({ 日期: wall(e.at), 员工: e.staffId, 表单: FORM_ZH[e.form] ?? e.form, '已记录罚款(元)': '20' });
    if (kind === 'mismatches' && e.type === 'tier.mismatch') {
      out.push({ 批准日期: wall(e.at), 客户编号: e.clientId, 接听客服: e.receptionistId, 申请人: e.repId, 原判定类型: `${e.classifiedTier}类`, 实际类型: e.actualTier, 批准人: e.approvedBy });
    }
    if (kind === 'deals' && e.type === 'deal.closed') out.push({ 成交日期: wall(e.at), 客户编号: e.clientId, 员工: e.staffId, '成交金额(元)': (e.amountFen / 100).toFixed(2) });
  }
  return out;
}

/** A workbook with one sheet: an optional title row, the headers, the rows (exceljs). */
export async function xlsxOf(sheet: string, rows: ReadonlyArray<Record<string, unknown>>, title?: string): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet(sheet);
  const headers = Object.keys(rows[0] ?? {});
  if (title !== undefined) ws.addRow([title]);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(headers.map((h) => r[h] ?? null));
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** CSV text of rows (quoted where needed), CRLF line ends. */
export function csvOf(rows: ReadonlyArray<Record<string, unknown>>, title?: string): string {
  const headers = Object.keys(rows[0] ?? {});
  const quote = (v: unknown): string => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [...(title === undefined ? [] : [title]), headers.join(','), ...rows.map((r) => headers.map((h) => quote(r[h])).join(','))].join('\r\n') + '\r\n';
}

/** CSV bytes in GBK, as Chinese Excel saves "CSV". */
export const gbk = (text: string): Uint8Array => new Uint8Array(iconv.encode(text, 'gbk'));

/** An event without its id, for comparing imported events with the originals. */
export const withoutId = (e: AllotEvent): Record<string, unknown> => {
  const { id: _id, ...rest } = e;
  return rest;
};
