/**
 * The policy pages' labels: units, the order of the rules, their headings and their fields'
 * labels.
 */
import type { Localized } from './i18n/lang';

/** Units shown beside numbers. */
export const UNITS = {
  yuan: { zh: '元', en: 'yuan' },
  yuanEach: { zh: '元/次', en: 'yuan each' },
  times: { zh: '次', en: 'times' },
  skips: { zh: '次', en: 'times' },
  months: { zh: '月', en: 'months' },
  days: { zh: '天', en: 'days' },
  minutes: { zh: '分钟', en: 'minutes' },
  hours: { zh: '小时', en: 'hours' },
  clients: { zh: '个客户', en: 'clients' },
} as const satisfies Record<string, Localized>;
export type Unit = keyof typeof UNITS;

/** The rules in the order the form and the diff show them. */
export const RULE_ORDER = ['T1', 'M', 'M4', 'F1', 'F2', 'V1', 'D1', 'D2', 'R1', 'R2', 'R3', 'R4', 'R5', 'P1', 'L1'] as const;
export type RuleKey = (typeof RULE_ORDER)[number];

/** A short heading per rule (the policy's own `title` is shown beneath it). */
export const RULE_HEADINGS: Record<RuleKey, Localized> = {
  T1: { zh: 'T1 客户分级（ABCD）', en: 'T1 Client tiers (A–D)' },
  M: { zh: 'M1–M3 接听客服类型不匹配阶梯', en: 'M1–M3 Receptionist mismatch ladder' },
  M4: { zh: 'M4 资源重新申请', en: 'M4 Re-application' },
  F1: { zh: 'F1 ABCD 统筹表迟录罚款', en: 'F1 Late ABCD table fine' },
  F2: { zh: 'F2 来访/来电未登记罚款', en: 'F2 Unregistered visit fine' },
  V1: { zh: 'V1 违规停止分配阶梯', en: 'V1 Violation ladder' },
  D1: { zh: 'D1 直接分配跟进时限', en: 'D1 Direct-lead follow-up' },
  D2: { zh: 'D2 重复资源去重', en: 'D2 Duplicate leads' },
  R1: { zh: 'R1 新客户登记时限', en: 'R1 Registration window' },
  R2: { zh: 'R2 客户开发期限', en: 'R2 Development window' },
  R3: { zh: 'R3 无销售动作收回', en: 'R3 Inactivity window' },
  R4: { zh: 'R4 私自调换客户', en: 'R4 Unapproved swaps' },
  R5: { zh: 'R5 自开发客户须汇报', en: 'R5 Unreported own clients' },
  P1: { zh: 'P1 资源分配', en: 'P1 Allocation' },
  L1: { zh: 'L1 离职交接', en: 'L1 Leavers' },
};

/** One field's label and unit. */
export interface FieldLabel {
  label: Localized;
  unit?: Unit;
}

/** Labels of leaf keys, whatever rule they are in (a rule-specific entry below wins). */
const KEY_LABELS: Record<string, FieldLabel> = {
  enabled: { label: { zh: '启用', en: 'Enabled' } },
  fineFen: { label: { zh: '罚款', en: 'Fine' }, unit: 'yuanEach' },
  pause: { label: { zh: '暂停分配', en: 'Skip allocations' }, unit: 'skips' },
  banDays: { label: { zh: '停止分配', en: 'Allocation ban' }, unit: 'days' },
  hotlineBanMonths: { label: { zh: '不排 400/离线宝接听', en: 'Off the hotline' }, unit: 'months' },
  windowMonths: { label: { zh: '统计月数', en: 'Window' }, unit: 'months' },
  windowMinutes: { label: { zh: '联系并反馈时限', en: 'Contact-and-report window' }, unit: 'minutes' },
  windowHours: { label: { zh: '登记时限', en: 'Registration window' }, unit: 'hours' },
  replacements: { label: { zh: '补发同类型客户', en: 'Replacement clients' }, unit: 'clients' },
  lookbackMonths: { label: { zh: '回溯月数（留空 = 全部历史）', en: 'Look-back (empty = all time)' }, unit: 'months' },
  seriousTerminationReview: { label: { zh: '严重违规按自动离职评审', en: 'Serious case → termination review' } },
  combine: { label: { zh: '多档同时满足时', en: 'When several rungs hold' } },
  autoReclaim: { label: { zh: '到期自动收回', en: 'Reclaim automatically' } },
  roles: { label: { zh: '参与轮流分配的角色', en: 'Roles in the rotation' } },
  capOwned: { label: { zh: '每人持有客户上限（留空 = 不限）', en: 'Cap on owned clients (empty = none)' }, unit: 'clients' },
  matchLevel: { label: { zh: '只分给级别与客户类型相同的人', en: 'Match staff level to client tier' } },
  strategy: { label: { zh: '分配方式', en: 'Strategy' } },
  tier: { label: { zh: '客户类型', en: 'Tier' } },
  otherwise: { label: { zh: '其余客户类型', en: 'Otherwise' } },
  rule: { label: { zh: '规则编号', en: 'Rule id' } },
  form: { label: { zh: '表单', en: 'Form' } },
  zh: { label: { zh: '中文', en: 'Chinese' } },
  en: { label: { zh: '英文', en: 'English' } },
  section: { label: { zh: '条款', en: 'Clause' } },
  quote: { label: { zh: '原文', en: 'Quote' } },
  title: { label: { zh: '标题', en: 'Title' } },
  banStack: { label: { zh: '停止分配顺延', en: 'Stack bans' } },
  timezone: { label: { zh: '时区', en: 'Time zone' } },
  // Format 2 (the open policy language).
  type: { label: { zh: '规则类型', en: 'Rule type' } },
  id: { label: { zh: '规则编号', en: 'Rule id' } },
  fineReason: { label: { zh: '罚款原因', en: 'Fine reason' } },
  terminationReview: { label: { zh: '转离职审核', en: 'Termination review' } },
  on: { label: { zh: '事件类型', en: 'Event type' } },
  subject: { label: { zh: '处理对象', en: 'Who it applies to' } },
  evaluate: { label: { zh: '判定时点', en: 'When judged' } },
  countFact: { label: { zh: '计数名称', en: 'Count name' } },
  lookbackDays: { label: { zh: '回溯天数', en: 'Look-back' }, unit: 'days' },
  amount: { label: { zh: '时限', en: 'Time limit' } },
  unit: { label: { zh: '时限单位', en: 'Unit' } },
  time: { label: { zh: '计时方式', en: 'Time counted' } },
  start: { label: { zh: '起算事件', en: 'Started by' } },
  mechanism: { label: { zh: '内置机制', en: 'Built-in' } },
  withinHours: { label: { zh: '登记时限', en: 'Registration window' }, unit: 'hours' },
  reading: { label: { zh: '条款释读', en: 'Clause reading' } },
  label: { label: { zh: '名称', en: 'Label' } },
  code: { label: { zh: '代码', en: 'Code' } },
  workingDays: { label: { zh: '工作日', en: 'Working days' } },
  hours: { label: { zh: '工作时段', en: 'Working hours' } },
  holidays: { label: { zh: '节假日', en: 'Holidays' } },
  makeUpDays: { label: { zh: '调休上班日', en: 'Make-up working days' } },
  from: { label: { zh: '开始', en: 'From' } },
  to: { label: { zh: '结束', en: 'To' } },
  value: { label: { zh: '条件值', en: 'Condition value' } },
  fact: { label: { zh: '条件字段', en: 'Condition field' } },
  operator: { label: { zh: '比较方式', en: 'Comparison' } },
  format: { label: { zh: '格式版本', en: 'Format' } },
};

/** Rule-specific labels (same key, different meaning). */
const RULE_KEY_LABELS: Partial<Record<RuleKey, Record<string, FieldLabel>>> = {
  R2: { windowMonths: { label: { zh: '开发期限', en: 'Development window' }, unit: 'months' } },
  R3: { windowMonths: { label: { zh: '无销售动作期限', en: 'Inactivity window' }, unit: 'months' } },
  F1: { fineFen: { label: { zh: '每次迟录罚款', en: 'Fine per late entry' }, unit: 'yuanEach' } },
  F2: { fineFen: { label: { zh: '每次未登记罚款', en: 'Fine per unregistered visit' }, unit: 'yuanEach' } },
};

/** Thresholds of the simple conditions the form edits, by fact. */
export const THRESHOLD_LABELS: Record<string, FieldLabel> = {
  expectedDealFen: { label: { zh: '预计成交金额 ≥', en: 'Expected deal ≥' }, unit: 'yuan' },
  mismatches: { label: { zh: '不匹配次数 ≥', en: 'Mismatches ≥' }, unit: 'times' },
  violations: { label: { zh: '第几次违规起', en: 'From violation number' }, unit: 'times' },
  contacted: { label: { zh: '已联系客户 =', en: 'Contacted =' } },
  reported: { label: { zh: '已反馈经理 =', en: 'Reported =' } },
};

/** The label of a leaf key inside a rule. */
export function fieldLabel(rule: string | undefined, key: string): FieldLabel | undefined {
  return RULE_KEY_LABELS[rule as RuleKey]?.[key] ?? KEY_LABELS[key];
}

/** Staff roles, for P1. */
export const STAFF_ROLE_LABELS: Record<string, Localized> = {
  rep: { zh: '销售员', en: 'Sales rep' },
  receptionist: { zh: '接听客服', en: 'Receptionist' },
  manager: { zh: '销售经理', en: 'Manager' },
  director: { zh: '市场总监', en: 'Director' },
  assistant: { zh: '销售内勤', en: 'Assistant' },
};

/** Ladder combine modes. */
export const COMBINE_LABELS: Record<string, Localized> = {
  highest: { zh: '只按最高一档处罚', en: 'Apply the highest rung only' },
  all: { zh: '各档叠加', en: 'Apply every rung that holds' },
};

/** The catalogue's rule types (format 2), as a person calls them. */
export const RULE_TYPE_NAMES: Record<string, Localized> = {
  per_occurrence: { zh: '按次处罚', en: 'Per occurrence' },
  count_ladder: { zh: '累计阶梯', en: 'Count ladder' },
  deadline: { zh: '时限', en: 'Deadline' },
  tiering: { zh: '客户分级', en: 'Tiering' },
  allocation: { zh: '资源分配', en: 'Allocation' },
  ownership: { zh: '归属内置规则', en: 'Ownership built-in' },
};
