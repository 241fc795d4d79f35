import type { DecisionKind, ImpactTotals } from '@allot/engine';
import { formatYuan, groupDigits } from './format.js';

/** Chinese + English name of every decision kind, for summaries. */
export const KIND_LABELS: { readonly [K in DecisionKind]: string } = {
  'client.tiered': '客户定级 client tiered',
  'staff.paused': '暂停分配 staff paused',
  'staff.banned': '停止分配 staff banned',
  'staff.hotline_banned': '禁接400/离线宝 hotline banned',
  'staff.fined': '罚款 staff fined',
  'staff.termination_review': '离职审查 termination review',
  'staff.replacement_owed': '补发客户 replacement owed',
  'lead.allocated': '分配 lead allocated',
  'lead.unallocated': '未能分配 lead unallocated',
  'lead.duplicate': '重复线索 duplicate lead',
  'allocation.breach': '违规分配 allocation breach',
  'registration.late': '登记超时 late registration',
  'registration.rejected': '登记被拒 registration rejected',
  'client.review_due': '转化复核 review due',
  'client.reclaim_due': '回收提醒 reclaim due',
  'client.reclaimed': '回收客户 client reclaimed',
  'client.transferred': '离职交接 client transferred',
  'deal.credited': '业绩归属 deal credited',
  'decision.superseded': '决定失效 decision superseded',
};

/** One row of a totals table: label, field, and how to print it. */
export interface MetricRow {
  label: string;
  field: keyof ImpactTotals;
  format: (n: number) => string;
  /** Shown even when zero in both runs (the headline numbers); other rows only when non-zero. */
  always?: boolean;
}

/** Company totals, in the order `allot diff` prints them. */
export const COMPANY_METRICS: readonly MetricRow[] = [
  { label: '罚款金额 Fines', field: 'finesFen', format: formatYuan, always: true },
  { label: '罚款次数 Fines (count)', field: 'fines', format: groupDigits },
  { label: '停止分配天数 Ban days', field: 'banDays', format: groupDigits, always: true },
  { label: '停止分配次数 Bans', field: 'bans', format: groupDigits },
  { label: '暂停分配次数 Pauses', field: 'pauses', format: groupDigits, always: true },
  { label: '禁接400 Hotline bans', field: 'hotlineBans', format: groupDigits, always: true },
  { label: '禁接天数 Hotline ban days', field: 'hotlineBanDays', format: groupDigits },
  { label: '离职审查 Termination reviews', field: 'terminationReviews', format: groupDigits },
  { label: '补发客户 Replacements owed', field: 'replacementsOwed', format: groupDigits },
  { label: '回收提醒 Reclaim notices', field: 'reclaimsDue', format: groupDigits, always: true },
  { label: '回收客户 Reclaims', field: 'reclaims', format: groupDigits, always: true },
  { label: '转化复核提醒 Review notices', field: 'reviewsDue', format: groupDigits, always: true },
  { label: '分配 Allocations', field: 'allocations', format: groupDigits },
  { label: '未能分配 Blocked allocations', field: 'unallocated', format: groupDigits, always: true },
  { label: '违规分配 Allocation breaches', field: 'breaches', format: groupDigits },
  { label: '登记超时 Late registrations', field: 'lateRegistrations', format: groupDigits },
  { label: '登记被拒 Rejected registrations', field: 'rejectedRegistrations', format: groupDigits },
  { label: '业绩归部门 Credit to department', field: 'creditToDepartmentFen', format: formatYuan, always: true },
  { label: '业绩归个人 Credit to staff', field: 'creditToStaffFen', format: formatYuan },
  { label: '离职交接 Transfers', field: 'transfers', format: groupDigits },
];

/** `s001 张三` when the history names the member, else the id. */
export function staffLabel(staffId: string, names: ReadonlyMap<string, string>): string {
  const name = names.get(staffId);
  return name === undefined || name === '' ? staffId : `${staffId} ${name}`;
}
