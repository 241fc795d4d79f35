import type { Decision } from '@allot/engine';
import { formatYuan } from './format.js';
import { renderTable } from './format.js';

/** The member a decision is about: `staffId`, else the new owner of a transfer, the previous owner of a reclaim, the credited member. */
export function decisionStaff(d: Decision): string {
  switch (d.kind) {
    case 'client.transferred':
      return d.toStaffId;
    case 'client.reclaimed':
      return d.fromStaffId;
    case 'deal.credited':
      return d.to === 'department' ? '' : d.to;
    default:
      return 'staffId' in d ? d.staffId : '';
  }
}

/** The client a decision is about, or '' for staff decisions. */
export function decisionClient(d: Decision): string {
  return 'clientId' in d ? d.clientId : '';
}

/** What the decision decided, in a few words (the kind-specific fields). */
export function decisionDetail(d: Decision): string {
  switch (d.kind) {
    case 'client.tiered':
      return `${d.tier} (${formatYuan(d.expectedDealFen)})`;
    case 'staff.paused':
      return `×${d.count}`;
    case 'staff.banned':
    case 'staff.hotline_banned':
      return `${d.from} → ${d.until}`;
    case 'staff.fined':
      return `${formatYuan(d.amountFen)} ${d.reason}`;
    case 'staff.replacement_owed':
      return `tier ${d.tier}`;
    case 'lead.unallocated':
    case 'allocation.breach':
    case 'client.review_due':
    case 'client.reclaim_due':
      return d.reason;
    case 'lead.duplicate':
      return `kept ${d.keptEventId}`;
    case 'registration.rejected':
      return `protected by ${d.protectedBy}${d.until === undefined ? '' : ` until ${d.until}`}`;
    case 'client.transferred':
      return `${d.fromStaffId} → ${d.toStaffId}`;
    case 'deal.credited':
      return `${d.to} ${formatYuan(d.amountFen)}`;
    default:
      return '';
  }
}

/** Column headers (zh + en) of a decision table; with `seq`, the record's sequence number first. */
const HEADER = ['时间 At', '类型 Kind', '规则 Rule', '员工 Staff', '客户 Client', '详情 Detail', '版本 Policy'];

/**
 * Decisions as an aligned table: at, kind, rule, staff, client, detail and policy version; with
 * `seqs` (same length), a first column with each decision's sequence number in the record.
 */
export function decisionTable(decisions: readonly Decision[], seqs?: readonly number[]): string[] {
  const rows = decisions.map((d, i) => {
    const cells = [d.at, d.kind, d.rule, decisionStaff(d), decisionClient(d), decisionDetail(d), d.policy.version];
    return seqs === undefined ? cells : [String(seqs[i] ?? ''), ...cells];
  });
  const header = seqs === undefined ? HEADER : ['序号 Seq', ...HEADER];
  const align = header.map((_, i) => (seqs !== undefined && i === 0 ? 'right' : 'left') as 'left' | 'right');
  return renderTable(header, rows, align);
}
