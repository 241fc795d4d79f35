import { isFormat2, readPolicy, validatePolicy } from '@allot/engine';
import type { AnyPolicy, Condition, Consequences, PolicyCodes, PolicyV2, RuleV2 } from '@allot/engine';
import type { Lang, Localized } from '../shared/i18n/lang';
import { formatYuan } from '../shared/money';

/**
 * The policy as text (制度全文): every rule as one sentence in each language, with its numbers
 * and its clause, grouped by the document of the source the clause cites (as the seed groups
 * them). Pure: the version page renders it on the server, the editor in the browser.
 */

/** One rule as a sentence. */
export interface RuleText {
  id: string;
  type: RuleV2['type'];
  enabled: boolean;
  title: Localized | null;
  /** The rule's decision as sentences (a ladder has one line per rung). */
  lines: Localized[];
  section: string | null;
  /** The clean reading of the clause (format 2), else null. */
  reading: string | null;
  /** The verbatim quote of the source, defects included. */
  quote: string | null;
}

/** Rules citing one document of the source. */
export interface TextGroup {
  key: string;
  heading: Localized;
  rules: RuleText[];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const both = (zh: string, en: string): Localized => ({ zh, en });
const join = (parts: Localized[], zh: string, en: string): Localized => both(parts.map((p) => p.zh).join(zh), parts.map((p) => p.en).join(en));

/** 80000000 fen → "80 万元" / "800,000 yuan"; 2000 → "20 元" / "20 yuan". */
export function money(fen: number): Localized {
  const yuan = fen / 100;
  const zh = Number.isInteger(yuan) && yuan >= 10_000 && yuan % 10_000 === 0 ? `${yuan / 10_000} 万元` : `${formatYuan(fen)} 元`;
  return both(zh, `${formatYuan(fen)} yuan`);
}

/** Labels of the facts conditions may read (the documented facts of each rule type). */
export const FACT_LABELS: Record<string, Localized> = {
  expectedDealFen: both('预计成交金额', 'expected deal amount'),
  channel: both('来源渠道', 'channel'),
  count: both('次数', 'count'),
  mismatches: both('不匹配次数', 'mismatches'),
  violations: both('违规次数', 'violations'),
  windowMonths: both('统计月数', 'window (months)'),
  contacted: both('已联系客户', 'contacted the client'),
  reported: both('已反馈销售经理', 'reported to the manager'),
  mode: both('分配方式', 'allocation mode'),
  form: both('表单', 'form'),
  code: both('事件代码', 'incident code'),
  severity: both('严重程度', 'severity'),
  note: both('备注', 'note'),
  classifiedTier: both('判定类型', 'classified tier'),
  actualTier: both('实际类型', 'actual tier'),
  staffId: both('员工', 'staff member'),
  receptionistId: both('接听客服', 'receptionist'),
  repId: both('销售员', 'rep'),
  clientId: both('客户', 'client'),
};

export const VALUE_LABELS: Record<string, Localized> = {
  serious: both('严重', 'serious'),
  normal: both('一般', 'normal'),
  direct: both('直接分配', 'direct'),
  pool: both('公海分配', 'pool'),
  phone: both('电话', 'phone'),
  web: both('网络', 'web'),
  walk_in: both('到店', 'walk-in'),
  referral: both('转介绍', 'referral'),
};

const OPERATORS: Record<string, Localized> = {
  equal: both('为', 'is'),
  notEqual: both('不为', 'is not'),
  lessThan: both('<', '<'),
  lessThanInclusive: both('≤', '≤'),
  greaterThan: both('>', '>'),
  greaterThanInclusive: both('≥', '≥'),
  in: both('属于', 'is one of'),
  notIn: both('不属于', 'is none of'),
  contains: both('包含', 'contains'),
  doesNotContain: both('不包含', 'does not contain'),
};

function codeLabel(codes: PolicyCodes, value: unknown): Localized | undefined {
  if (typeof value !== 'string') return undefined;
  for (const list of [codes.incidents, codes.forms, codes.tiers, codes.fineReasons]) {
    const hit = list.find((c) => c.code === value);
    if (hit !== undefined) return both(`「${hit.label.zh}」`, `“${hit.label.en}”`);
  }
  return VALUE_LABELS[value];
}

const COUNT_FACTS = new Set(['count', 'mismatches', 'violations']);

function valueText(codes: PolicyCodes, fact: string, value: unknown): Localized {
  if (fact === 'expectedDealFen' && typeof value === 'number') return money(value);
  if (COUNT_FACTS.has(fact) && typeof value === 'number') return both(`${value} 次`, String(value));
  if (Array.isArray(value)) return join(value.map((v) => valueText(codes, fact, v)), '、', ', ');
  if (isObject(value) && typeof value['fact'] === 'string') return FACT_LABELS[value['fact']] ?? both(value['fact'], value['fact']);
  const label = codeLabel(codes, value);
  if (label !== undefined) return label;
  return both(String(value), String(value));
}

/** A condition as words: "预计成交金额 80 万元及以上", "事件代码为「晨会迟到」", "未联系客户 或 未反馈销售经理". */
export function conditionText(codes: PolicyCodes, c: Condition | undefined): Localized | null {
  if (c === undefined) return null;
  const node = c as unknown as Record<string, unknown>;
  if (Array.isArray(node['all'])) {
    const parts = (node['all'] as Condition[]).map((x) => conditionText(codes, x)).filter((x): x is Localized => x !== null);
    return parts.length === 0 ? null : join(parts, '，且', ' and ');
  }
  if (Array.isArray(node['any'])) {
    const parts = (node['any'] as Condition[]).map((x) => conditionText(codes, x)).filter((x): x is Localized => x !== null);
    return parts.length === 0 ? both('（永不成立）', '(never)') : join(parts, '，或', ' or ');
  }
  if (node['not'] !== undefined) {
    const inner = conditionText(codes, node['not'] as Condition);
    return inner === null ? null : both(`并非（${inner.zh}）`, `not (${inner.en})`);
  }
  const fact = typeof node['fact'] === 'string' ? node['fact'] : '?';
  const op = typeof node['operator'] === 'string' ? node['operator'] : '?';
  const label = FACT_LABELS[fact] ?? both(fact, fact);
  const value = node['value'];
  if (typeof value === 'boolean' && (op === 'equal' || op === 'notEqual')) {
    const yes = (op === 'equal') === value;
    return yes ? label : both(`未${label.zh.replace(/^已/, '')}`, `not ${label.en}`);
  }
  const v = valueText(codes, fact, value);
  if (op === 'greaterThanInclusive') return both(`${label.zh} ${v.zh}及以上`, `${label.en} ${v.en} or more`);
  if (op === 'lessThan') return both(`${label.zh}不足 ${v.zh}`, `${label.en} under ${v.en}`);
  if (op === 'greaterThan') return both(`${label.zh}超过 ${v.zh}`, `${label.en} over ${v.en}`);
  if (op === 'lessThanInclusive') return both(`${label.zh} ${v.zh}及以下`, `${label.en} ${v.en} or less`);
  const o = OPERATORS[op] ?? both(op, op);
  return both(`${label.zh}${o.zh}${v.zh}`, `${label.en} ${o.en} ${v.en}`);
}

/** Consequences as words: "暂停分配 1 次，罚款 20 元". */
export function consequencesText(codes: PolicyCodes, then: Consequences | undefined): Localized {
  const parts: Localized[] = [];
  if (then === undefined) return both('不处理', 'nothing');
  if ((then.pause ?? 0) > 0) parts.push(both(`暂停资源分配 ${then.pause} 次`, `${then.pause} allocation(s) skipped`));
  if ((then.banDays ?? 0) > 0) parts.push(both(`停止资源分配 ${then.banDays} 天`, `allocation stopped for ${then.banDays} day(s)`));
  if ((then.hotlineBanMonths ?? 0) > 0) parts.push(both(`${then.hotlineBanMonths} 个月内不安排 400、离线宝接听`, `no hotline duty for ${then.hotlineBanMonths} month(s)`));
  if ((then.fineFen ?? 0) > 0) {
    const m = money(then.fineFen ?? 0);
    const reason = codes.fineReasons.find((r) => r.code === then.fineReason);
    parts.push(both(`罚款 ${m.zh}${reason === undefined ? '' : `（${reason.label.zh}）`}`, `a fine of ${m.en}${reason === undefined ? '' : ` (${reason.label.en})`}`));
  }
  if (then.terminationReview === true) parts.push(both('转离职审核（由人决定）', 'a termination review (a person decides)'));
  return parts.length === 0 ? both('不处理', 'nothing') : join(parts, '，', ', ');
}

const EVENT_PHRASES: Record<string, Localized> = {
  'entry.late': both('表单未按时录入', 'a form is entered late'),
  'staff.incident': both('发生违纪事件', 'a conduct incident is recorded'),
  violation: both('违反公司规章制度并受到处罚', 'a violation of company rules is sanctioned'),
  'tier.mismatch': both('判定客户类型不匹配', 'a client tier is misjudged'),
};

const ROLE_LABELS: Record<string, Localized> = {
  rep: both('销售员', 'reps'),
  receptionist: both('接听客服', 'receptionists'),
  manager: both('销售经理', 'managers'),
  director: both('市场总监', 'directors'),
  assistant: both('销售内勤', 'assistants'),
};

function durationText(d: { amount: number; unit: string; time?: string }): Localized {
  const units: Record<string, Localized> = { minutes: both('分钟', 'minute(s)'), hours: both('小时', 'hour(s)'), days: both('天', 'day(s)'), months: both('个月', 'month(s)') };
  const u = units[d.unit] ?? both(d.unit, d.unit);
  const working = d.time === 'working';
  return both(`${d.amount} ${u.zh}${working ? '（工作时间）' : ''}`, `${d.amount} ${u.en}${working ? ' of working time' : ''}`);
}

/** The rule as sentences (zh, en). */
export function ruleLines(codes: PolicyCodes, rule: RuleV2): Localized[] {
  switch (rule.type) {
    case 'tiering': {
      const lines = rule.rungs.map((g) => {
        const tier = codes.tiers.find((x) => x.code === g.tier);
        const c = conditionText(codes, g.when) ?? both('任何客户', 'any client');
        return both(`${g.tier} 类客户：${c.zh}`, `Tier ${g.tier}${tier === undefined ? '' : ''}: ${c.en}`);
      });
      lines.push(both(`其余为 ${rule.otherwise} 类客户`, `Any other client: tier ${rule.otherwise}`));
      return lines;
    }
    case 'per_occurrence': {
      const event = EVENT_PHRASES[rule.on] ?? both(rule.on, rule.on);
      const c = conditionText(codes, rule.when);
      const cons = consequencesText(codes, rule.then);
      return [both(`${event.zh}${c === null ? '' : `（${c.zh}）`}的，每次${cons.zh}。`, `Each time ${event.en}${c === null ? '' : ` (${c.en})`}: ${cons.en}.`)];
    }
    case 'count_ladder': {
      const event = EVENT_PHRASES[rule.counts.on] ?? both(rule.counts.on, rule.counts.on);
      const c = conditionText(codes, rule.counts.when);
      const scope =
        rule.evaluate === 'month_close'
          ? both('每月结束时按统计月数累计', 'counted at each month close over each rung’s window')
          : rule.lookbackDays !== undefined
            ? both(`每次发生时累计近 ${rule.lookbackDays} 天`, `counted at each event over the last ${rule.lookbackDays} days`)
            : rule.lookbackMonths !== undefined && rule.lookbackMonths !== null
              ? both(`每次发生时累计近 ${rule.lookbackMonths} 个月`, `counted at each event over the last ${rule.lookbackMonths} months`)
              : both('每次发生时累计（不限时间）', 'counted at each event over all time');
      const lines = [both(`统计${event.zh}${c === null ? '' : `（${c.zh}）`}的次数，${scope.zh}${rule.combine === 'highest' ? '；多档同时满足时按最高一档处理' : '；满足的各档均处理'}：`, `Counts when ${event.en}${c === null ? '' : ` (${c.en})`}, ${scope.en}${rule.combine === 'highest' ? '; only the highest rung that holds applies' : '; every rung that holds applies'}:`)];
      rule.rungs.forEach((g, i) => {
        const w = g.windowMonths === undefined ? null : both(`${g.windowMonths === 1 ? '同一月内' : `连续 ${g.windowMonths} 个月`}`, g.windowMonths === 1 ? 'within one month' : `over ${g.windowMonths} consecutive months`);
        const gc = conditionText(codes, g.when) ?? both('任何次数', 'any count');
        const cons = consequencesText(codes, g.then);
        const tag = g.id === undefined ? both(`第 ${i + 1} 档`, `Rung ${i + 1}`) : both(g.id, g.id);
        lines.push(both(`${tag.zh}：${w === null ? '' : `${w.zh}`}${gc.zh}，${cons.zh}`, `${tag.en}: ${w === null ? '' : `${w.en}, `}${gc.en}: ${cons.en}`));
      });
      if (rule.escape !== undefined) {
        const ec = conditionText(codes, rule.escape.when) ?? both('—', '—');
        const cons = consequencesText(codes, rule.escape.then);
        lines.push(both(`例外：${ec.zh}的，不计入次数，${cons.zh}`, `Exception: ${ec.en} is not counted; instead ${cons.en}`));
      }
      return lines;
    }
    case 'deadline': {
      const d = durationText(rule.within);
      if (rule.start === 'direct_allocation') {
        const c = conditionText(codes, rule.when) ?? both('未联系客户，或未反馈销售经理', 'the client was not contacted or the manager not told');
        const cons = consequencesText(codes, rule.then);
        return [both(`直接分配的客户须在 ${d.zh}内联系并反馈销售经理；到时${c.zh}的，${cons.zh}。`, `A directly allocated client must be contacted and reported to the manager within ${d.en}; if then ${c.en}: ${cons.en}.`)];
      }
      if (rule.start === 'registration') return [both(`客户登记后 ${d.zh}内未成交的，提请评审（可延长开发期限）。`, `A client not converted within ${d.en} of registration goes to a review (the window may be extended).`)];
      return [
        both(
          `分配后 ${d.zh}内没有任何销售动作的客户，提醒市场总监收回${rule.autoReclaim === true ? '，并自动收回到公海' : '（由人决定）'}。`,
          `A client with no sales activity for ${d.en} after hand-out is flagged for reclaim${rule.autoReclaim === true ? ' and returned to the pool automatically' : ' (a person decides)'}.`,
        ),
      ];
    }
    case 'allocation': {
      const roles = join(rule.roles.map((r) => ROLE_LABELS[r] ?? both(r, r)), '、', ', ');
      const cap = rule.capOwned === null ? both('', '') : both(`，每人最多持有 ${rule.capOwned} 个客户`, `, at most ${rule.capOwned} owned clients each`);
      const level = rule.matchLevel ? both('，按销售员级别匹配客户类型', ', matching the member’s level to the client’s tier') : both('', '');
      return [both(`客户资源在${roles.zh}之间轮流分配${cap.zh}${level.zh}；被停止或暂停分配的人员轮空。`, `Leads go round robin among ${roles.en}${cap.en}${level.en}; banned or paused members are passed over.`)];
    }
    case 'ownership': {
      switch (rule.mechanism) {
        case 'dedupe':
          return [both('重复的客户资源以先录入 EC 者为准。', 'A duplicate lead belongs to whoever entered it in the CRM first.')];
        case 'registration':
          return [both(`新开发的客户须在 ${rule.withinHours ?? 24} 小时内登记备案；已备案的客户他人不得再开发。`, `A newly developed client must be registered within ${rule.withinHours ?? 24} hours; a registered client is not open to others.`)];
        case 'replacement':
          return [both(`经理确认客户类型不匹配后，补发 ${rule.replacements ?? 1} 个同类型客户。`, `A mismatch confirmed by the manager owes the rep ${rule.replacements ?? 1} client(s) of the promised tier.`)];
        case 'swap_credit':
          return [both('未经批准私自调换的客户，其业绩归部门。', 'Business from an unapproved client swap is credited to the department.')];
        case 'unreported_credit':
          return [both('自开发客户未向市场总监汇报的，其业绩归部门。', 'Business from a self-developed client not reported to the director is credited to the department.')];
        case 'departure':
          return [both('员工离职时，其客户交回并重新分配。', 'A leaver’s clients are taken back and handed over.')];
      }
    }
  }
  return [];
}

const DOCUMENT = /^(\S+?)(?:\s|$)/;

/** English names of the seed's documents (a heading in the English UI keeps the Chinese name beside it). */
const DOCUMENT_NAMES: Record<string, string> = {
  客户资源分配管理制度: 'Client resource allocation rules',
  销售部: 'Sales department rules',
  市场部客户资源管理制度: 'Marketing department client resource rules',
  客户资源管理制度: 'Client resource management rules',
};

/** The policy as groups of rule sentences. Accepts either format (format 1 is read into format 2). */
export function policyText(policy: AnyPolicy): { name: Localized; groups: TextGroup[] } {
  const p: PolicyV2 = readPolicy(policy);
  const groups: TextGroup[] = [];
  for (const rule of p.rules) {
    const section = rule.clause?.section ?? null;
    const doc = section === null ? null : (DOCUMENT.exec(section)?.[1] ?? section);
    const key = doc ?? '';
    let group = groups.find((g) => g.key === key);
    if (group === undefined) {
      const en = doc === null ? undefined : DOCUMENT_NAMES[doc];
      group = { key, heading: doc === null ? both('其他规则', 'Other rules') : both(doc, en === undefined ? doc : `${en} (${doc})`), rules: [] };
      groups.push(group);
    }
    const clause = rule.clause as { section: string; quote: string; reading?: string } | undefined;
    group.rules.push({
      id: rule.id,
      type: rule.type,
      enabled: rule.enabled,
      title: rule.title ?? null,
      lines: ruleLines(p.codes, rule),
      section,
      reading: clause?.reading ?? null,
      quote: clause?.quote ?? null,
    });
  }
  // Rules without a clause (added by the author) go last.
  groups.sort((a, b) => (a.key === '' ? 1 : 0) - (b.key === '' ? 1 : 0));
  return { name: p.name, groups };
}

/** How a rule of a draft differs from the version in force. */
export type RuleMark = 'added' | 'changed' | 'retyped' | 'same';

/** Each rule of `draft` marked against `base`, and the rules `base` has that `draft` lost. */
export function markAgainst(base: AnyPolicy, draft: AnyPolicy): { marks: Map<string, { mark: RuleMark; before: Localized[] | null }>; removed: RuleText[] } {
  const a = new Map(policyText(base).groups.flatMap((g) => g.rules).map((r) => [r.id, r]));
  const b = policyText(draft).groups.flatMap((g) => g.rules);
  const marks = new Map<string, { mark: RuleMark; before: Localized[] | null }>();
  for (const r of b) {
    const old = a.get(r.id);
    if (old === undefined) marks.set(r.id, { mark: 'added', before: null });
    else if (old.type !== r.type) marks.set(r.id, { mark: 'retyped', before: old.lines });
    else if (JSON.stringify([old.lines, old.enabled]) !== JSON.stringify([r.lines, r.enabled])) marks.set(r.id, { mark: 'changed', before: old.lines });
    else marks.set(r.id, { mark: 'same', before: null });
  }
  const ids = new Set(b.map((r) => r.id));
  return { marks, removed: [...a.values()].filter((r) => !ids.has(r.id)) };
}

/** A stored policy document as a validated policy, or null when it does not validate. */
export function asPolicy(doc: unknown): AnyPolicy | null {
  const checked = validatePolicy(doc);
  return checked.ok ? checked.policy : null;
}

/** The sentence in one language (helper for components). */
export const inLang = (l: Localized, lang: Lang): string => l[lang];
export { isFormat2 };
