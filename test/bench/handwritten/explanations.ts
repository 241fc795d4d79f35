import type { DecisionKind, Localized } from '@allot/engine';

/**
 * One fixed sentence per decision kind. SPEC §4 leaves `explain` out of a decision's identity,
 * so the hand-written reducer keeps it short and allocation-free.
 */
export const EXPLAIN: { readonly [K in DecisionKind]: Localized } = {
  'client.tiered': { zh: '按预计成交金额定级（A≥80万元，B≥40万元，C≥20万元）。', en: 'Tiered by expected deal amount (A ≥ 800,000, B ≥ 400,000, C ≥ 200,000 yuan).' },
  'staff.paused': { zh: '暂停资源分配。', en: 'Allocation paused.' },
  'staff.banned': { zh: '停止资源分配。', en: 'Allocation banned.' },
  'staff.hotline_banned': { zh: '一个月内不能安排400、离线宝接听。', en: 'Not rostered on the hotline for 1 month.' },
  'staff.fined': { zh: '扣罚20元/次。', en: 'Fined 20 yuan per occurrence.' },
  'staff.termination_review': { zh: '情节严重，按自动离职处理，待人工审核。', en: 'Serious case: termination review.' },
  'staff.replacement_owed': { zh: '经理批准重新申请，补发一个客户。', en: 'Re-application approved: 1 replacement owed.' },
  'lead.allocated': { zh: '轮流分配。', en: 'Allocated round robin.' },
  'lead.unallocated': { zh: '无法分配。', en: 'Not allocated.' },
  'lead.duplicate': { zh: '重复资源，以先录入者为准。', en: 'Duplicate lead: the first entry wins.' },
  'allocation.breach': { zh: '分配给了被限制的员工。', en: 'Assigned to a blocked staff member.' },
  'registration.late': { zh: '超过24小时登记。', en: 'Registered more than 24 hours after development.' },
  'registration.rejected': { zh: '客户已受保护。', en: 'The client is protected by its owner.' },
  'client.review_due': { zh: '6个月内未成交，需审核。', en: 'Not converted within 6 months: review due.' },
  'client.reclaim_due': { zh: '2个月无销售活动，可收回。', en: 'No sales activity for 2 months: may be reclaimed.' },
  'client.reclaimed': { zh: '离职员工的客户收回公海。', en: "A leaver's client returns to the pool." },
  'client.transferred': { zh: '离职员工的客户移交接任者。', en: "A leaver's client goes to the successor." },
  'deal.credited': { zh: '成交业绩归属。', en: 'Deal credited.' },
  'decision.superseded': { zh: '申诉或撤销后不再有效。', en: 'No longer holds after an appeal or a dismissal.' },
};
