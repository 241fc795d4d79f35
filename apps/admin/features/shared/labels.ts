import type { Lang, Localized } from './i18n/lang';

/**
 * Labels in both UI languages for the codes the engine and the event format use, so that no
 * page shows a raw code (`client.tiered`, `abcd_table`, `round_robin`, `draft`). An unknown code
 * is shown as it is.
 */

/** Decision kinds. */
export const DECISION_KIND_LABELS: Record<string, Localized> = {
  'client.tiered': { zh: '客户分级', en: 'Client tiered' },
  'staff.paused': { zh: '暂停分配', en: 'Allocation paused' },
  'staff.banned': { zh: '停止分配', en: 'Allocation ban' },
  'staff.hotline_banned': { zh: '400 接听禁止', en: 'Hotline ban' },
  'staff.fined': { zh: '罚款', en: 'Fine' },
  'staff.termination_review': { zh: '自动离职评审', en: 'Termination review' },
  'staff.replacement_owed': { zh: '应补发客户', en: 'Replacement owed' },
  'lead.allocated': { zh: '分配客户', en: 'Lead allocated' },
  'lead.unallocated': { zh: '未能分配', en: 'Lead not allocated' },
  'lead.duplicate': { zh: '重复资源', en: 'Duplicate lead' },
  'allocation.breach': { zh: '违规分配', en: 'Allocation breach' },
  'registration.late': { zh: '登记超时', en: 'Late registration' },
  'registration.rejected': { zh: '登记被拒', en: 'Registration rejected' },
  'client.review_due': { zh: '开发期限到期（评审）', en: 'Development review due' },
  'client.reclaim_due': { zh: '无销售动作（可收回）', en: 'Reclaim due (inactive)' },
  'client.reclaimed': { zh: '客户收回', en: 'Client reclaimed' },
  'client.transferred': { zh: '客户移交', en: 'Client transferred' },
  'deal.credited': { zh: '业绩归属', en: 'Deal credited' },
};

/** Event types. */
export const EVENT_TYPE_LABELS: Record<string, Localized> = {
  'staff.joined': { zh: '入职', en: 'Joined' },
  'staff.left': { zh: '离职', en: 'Left' },
  'lead.received': { zh: '收到新资源', en: 'Lead received' },
  'lead.allocate': { zh: '请求分配', en: 'Allocation asked' },
  'lead.assigned': { zh: '经理指派', en: 'Assigned by a manager' },
  'contact.made': { zh: '联系客户', en: 'Contacted the client' },
  'manager.reported': { zh: '向经理反馈', en: 'Reported to the manager' },
  'sales.activity': { zh: '销售动作', en: 'Sales activity' },
  'client.registered': { zh: '客户登记', en: 'Client registered' },
  'client.reassigned': { zh: '客户改派', en: 'Client reassigned' },
  'client.swapped': { zh: '客户调换', en: 'Clients swapped' },
  'claim.extended': { zh: '开发期限延长', en: 'Development window extended' },
  'deal.closed': { zh: '成交', en: 'Deal closed' },
  'entry.late': { zh: '迟录', en: 'Late entry' },
  'staff.incident': { zh: '违纪记录', en: 'Incident' },
  violation: { zh: '违规', en: 'Violation' },
  'tier.mismatch': { zh: '接听客服类型不匹配', en: 'Tier mismatch' },
};

/** Forms, fine reasons, incident codes and other enumerations in events and decisions. */
export const CODE_LABELS: Record<string, Localized> = {
  abcd_table: { zh: 'ABCD 统筹表', en: 'ABCD table' },
  visit_register: { zh: '来访/来电登记', en: 'Visit register' },
  late_follow_up: { zh: '未及时跟进', en: 'Late follow-up' },
  unregistered_visit: { zh: '来访未登记', en: 'Unregistered visit' },
  round_robin: { zh: '轮流分配', en: 'Round robin' },
  direct: { zh: '直接分配', en: 'Direct' },
  pool: { zh: '资源池分配', en: 'From the pool' },
  manual: { zh: '手动指派', en: 'Manual' },
  hotline400: { zh: '400 电话', en: '400 hotline' },
  lixianbao: { zh: '离线宝', en: 'Lixianbao' },
  banned: { zh: '停止分配中', en: 'while banned' },
  paused: { zh: '暂停分配中', en: 'while paused' },
  no_eligible_staff: { zh: '无可分配人员', en: 'no eligible staff' },
  already_owned: { zh: '已有负责人', en: 'already owned' },
  not_converted: { zh: '未成交', en: 'not converted' },
  inactive: { zh: '无销售动作', en: 'no sales activity' },
  serious: { zh: '严重', en: 'serious' },
  normal: { zh: '一般', en: 'normal' },
  meeting_late: { zh: '会议迟到', en: 'Late for a meeting' },
  department: { zh: '部门', en: 'the department' },
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待审批', en: 'Submitted' },
  approved: { zh: '已批准', en: 'Approved' },
  rejected: { zh: '已驳回', en: 'Rejected' },
  published: { zh: '已发布', en: 'Published' },
  in_force: { zh: '生效中', en: 'In force' },
  scheduled: { zh: '待生效', en: 'Scheduled' },
  superseded: { zh: '已被取代', en: 'Superseded' },
  pending: { zh: '待审批', en: 'Pending' },
  expired: { zh: '已过期', en: 'Expired' },
  revoked: { zh: '已撤销', en: 'Revoked' },
  system: { zh: '系统', en: 'system' },
  'contact.view': { zh: '查看联系人', en: 'Contact viewed' },
  decisions: { zh: '读取决定', en: 'Decisions read' },
  explain: { zh: '查看决定说明', en: 'Decision explained' },
  'people.timeline': { zh: '员工决定记录', en: 'Person’s decisions' },
  'audit.search': { zh: '审计搜索', en: 'Audit search' },
  'audit.decision': { zh: '审计查看决定', en: 'Audit decision page' },
  'audit.verify': { zh: '审计校验', en: 'Audit verify' },
};

/** The label of a code, else the code itself. */
export function labelOf(table: Record<string, Localized>, code: string | null | undefined, lang: Lang): string {
  if (code === null || code === undefined || code === '') return '—';
  return table[code]?.[lang] ?? code;
}

/** A decision kind for people. */
export const kindLabel = (kind: string, lang: Lang): string => labelOf(DECISION_KIND_LABELS, kind, lang);
/** An event type for people. */
export const eventTypeLabel = (type: string, lang: Lang): string => labelOf(EVENT_TYPE_LABELS, type, lang);
/** Any other code for people. */
export const codeLabel = (code: string | null | undefined, lang: Lang): string => labelOf(CODE_LABELS, code, lang);

const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;

/**
 * A note the app wrote itself (`seed; effective 2026-01-01T00:00:00+08:00`) in the UI language:
 * instants in China time, the app's words translated; a person's own note is left as typed
 * (only its instants are shown in China time).
 */
export function displayNote(note: string, lang: Lang, formatInstant: (iso: string, lang: Lang) => string): string {
  const words: [RegExp, Localized][] = [
    [/^seed(;|$)/, { zh: '初始制度$1', en: 'seed$1' }],
    [/(^|; )effective /, { zh: '$1生效时间 ', en: '$1effective ' }],
    [/^revoked by /, { zh: '撤销人 ', en: 'revoked by ' }],
  ];
  let out = note;
  for (const [re, text] of words) out = out.replace(re, text[lang]);
  return out.replace(ISO_INSTANT, (iso) => formatInstant(iso, lang));
}
