import type { Condition, FactCondition } from '../conditions/condition-types.js';
import { yuan } from '../explain.js';
import type { Localized } from './policy-types.js';
import type { Consequences, CountLadderRule, PolicyV2, RuleV2 } from './policy-v2-types.js';
import { isFormat2, readPolicy, type AnyPolicy } from './read-policy.js';

/**
 * The verifier: things a valid policy says that are almost certainly not what its author
 * meant. Each warning names its rule, points at the field (RFC 6901), says what is wrong and
 * how to fix it, in zh and en. Warnings never block saving; `allot validate --strict` fails on them.
 */

/** One warning of the verifier. `code` is stable, for tools and tests. */
export interface PolicyWarning {
  code:
    | 'tier_band_shadowed'
    | 'tier_order'
    | 'ladder_not_ascending'
    | 'rung_never_applies'
    | 'consequences_decrease'
    | 'empty_consequences'
    | 'undeclared_code'
    | 'working_without_calendar'
    | 'deadline_never_fires';
  severity: 'warning';
  rule: string;
  pointer: string;
  message: Localized;
  fix: Localized;
}

const GTE = new Set(['greaterThanInclusive', 'greaterThan']);

/** The lower bound a condition puts on `facts` when it is exactly one `≥`/`>` comparison with a number. */
function threshold(c: Condition, facts: readonly string[]): number | undefined {
  let leaf: Condition = c;
  while ('all' in leaf && leaf.all.length === 1) leaf = leaf.all[0] as Condition;
  if (!('fact' in leaf)) return undefined;
  const f = leaf as FactCondition;
  if (!facts.includes(f.fact) || !GTE.has(f.operator) || typeof f.value !== 'number' || f.path !== undefined) return undefined;
  return f.operator === 'greaterThan' ? f.value + 1e-9 : f.value;
}

const SEVERITY_KEYS = ['pause', 'banDays', 'hotlineBanMonths', 'fineFen'] as const;
const isEmpty = (t: Consequences | undefined): boolean => t === undefined || (SEVERITY_KEYS.every((k) => (t[k] ?? 0) === 0) && t.terminationReview !== true);
/** True when `b` is lighter than `a`: nothing heavier, something lighter. */
const lighter = (a: Consequences, b: Consequences): boolean =>
  SEVERITY_KEYS.every((k) => (b[k] ?? 0) <= (a[k] ?? 0)) && SEVERITY_KEYS.some((k) => (b[k] ?? 0) < (a[k] ?? 0)) && !(b.terminationReview === true && a.terminationReview !== true);

/** Values a condition compares `fact` with (equal / in), to check them against declared codes. */
function comparedValues(c: Condition | undefined, fact: string, path: string, out: Array<{ value: string; pointer: string }>): void {
  if (c === undefined) return;
  if ('all' in c) c.all.forEach((x, i) => comparedValues(x, fact, `${path}/all/${i}`, out));
  else if ('any' in c) c.any.forEach((x, i) => comparedValues(x, fact, `${path}/any/${i}`, out));
  else if ('not' in c) comparedValues(c.not, fact, `${path}/not`, out);
  else if (c.fact === fact) {
    if (typeof c.value === 'string') out.push({ value: c.value, pointer: `${path}/value` });
    if (Array.isArray(c.value)) c.value.forEach((v, i) => typeof v === 'string' && out.push({ value: v, pointer: `${path}/value/${i}` }));
  }
}

type Emit = (w: Omit<PolicyWarning, 'severity' | 'pointer'> & { at: string }) => void;

function checkTiering(rule: Extract<RuleV2, { type: 'tiering' }>, tiers: string[], emit: Emit): void {
  const bands = rule.rungs.map((g) => threshold(g.when, ['expectedDealFen']));
  rule.rungs.forEach((g, j) => {
    const tj = bands[j];
    if (tj === undefined) return;
    for (let i = 0; i < j; i++) {
      const ti = bands[i];
      const above = rule.rungs[i];
      if (ti === undefined || above === undefined) continue;
      if (tj >= ti) {
        emit({ code: 'tier_band_shadowed', rule: rule.id, at: `/rungs/${j}`,
          message: { zh: `第 ${j + 1} 档（${g.tier} ≥ ${yuan(tj)} 元）永远不会生效：第 ${i + 1} 档（${above.tier} ≥ ${yuan(ti)} 元）已先取走这些金额`, en: `rung ${j + 1} (${g.tier} ≥ ${yuan(tj)} yuan) can never apply: rung ${i + 1} (${above.tier} ≥ ${yuan(ti)} yuan) takes every amount it would` },
          fix: { zh: '按门槛从高到低排列各档，或调低此档门槛', en: 'order the rungs from the highest threshold down, or lower this threshold' } });
        return;
      }
      if (tiers.indexOf(g.tier) >= 0 && tiers.indexOf(g.tier) < tiers.indexOf(above.tier)) {
        emit({ code: 'tier_order', rule: rule.id, at: `/rungs/${j}`,
          message: { zh: `客户类型 ${g.tier} 的门槛（${yuan(tj)} 元）低于排在它后面的 ${above.tier}（${yuan(ti)} 元）`, en: `tier ${g.tier}'s band (${yuan(tj)} yuan) lies below ${above.tier}'s (${yuan(ti)} yuan), which codes.tiers ranks after it` },
          fix: { zh: '交换两档的门槛，或调整 codes.tiers 的顺序', en: 'swap the two thresholds, or reorder codes.tiers' } });
        return;
      }
    }
  });
}

function checkLadder(rule: CountLadderRule, emit: Emit): void {
  const facts = ['count', ...(rule.countFact === undefined ? [] : [rule.countFact])];
  const window = (i: number): number => (rule.evaluate === 'month_close' ? (rule.rungs[i]?.windowMonths ?? 1) : 0);
  const t = rule.rungs.map((g) => threshold(g.when, facts));
  rule.rungs.forEach((g, j) => {
    const tj = t[j];
    if (tj === undefined) return;
    for (let i = j - 1; i >= 0; i--) {
      const ti = t[i];
      const prev = rule.rungs[i];
      if (ti === undefined || prev === undefined || window(i) !== window(j)) continue;
      if (tj <= ti) {
        emit({ code: 'ladder_not_ascending', rule: rule.id, at: `/rungs/${j}/when`,
          message: { zh: `第 ${j + 1} 档门槛（${tj}）不高于第 ${i + 1} 档（${ti}）：阶梯门槛须逐档升高`, en: `rung ${j + 1}'s threshold (${tj}) is not above rung ${i + 1}'s (${ti}): thresholds must rise rung by rung` },
          fix: { zh: '按门槛从低到高排列各档', en: 'order the rungs from the lowest threshold up' } });
        if (rule.combine === 'highest') {
          emit({ code: 'rung_never_applies', rule: prev.id ?? rule.id, at: `/rungs/${i}`,
            message: { zh: `按"只取最高档"，第 ${i + 1} 档（≥ ${ti}）永远不会生效：每次满足它时，后面的第 ${j + 1} 档（≥ ${tj}）也满足`, en: `under "highest", rung ${i + 1} (≥ ${ti}) can never apply: whenever it holds, the later rung ${j + 1} (≥ ${tj}) holds too` },
            fix: { zh: '把此档移到后面，或调整门槛使其逐档升高', en: 'move this rung after the other, or make the thresholds rise' } });
        }
      } else if (lighter(prev.then, g.then)) {
        emit({ code: 'consequences_decrease', rule: g.id ?? rule.id, at: `/rungs/${j}/then`,
          message: { zh: `第 ${j + 1} 档门槛更高（${tj} > ${ti}），处罚却比第 ${i + 1} 档轻`, en: `rung ${j + 1} has a higher threshold (${tj} > ${ti}) but lighter consequences than rung ${i + 1}` },
          fix: { zh: '门槛越高处罚应越重：加重此档或减轻前一档', en: 'a higher threshold should weigh more: raise this rung or lower the one before' } });
      }
      return;
    }
  });
}

/** Warnings for one policy (either format); pointers are into the file as written. */
export function verifyPolicy(policy: AnyPolicy): PolicyWarning[] {
  const model: PolicyV2 = readPolicy(policy);
  const out: PolicyWarning[] = [];
  const declared = {
    tiers: model.codes.tiers.map((c) => c.code),
    fineReasons: new Set(model.codes.fineReasons.map((c) => c.code)),
    forms: new Set(model.codes.forms.map((c) => c.code)),
    incidents: new Set(model.codes.incidents.map((c) => c.code)),
  };
  const v2 = isFormat2(policy);
  model.rules.forEach((rule, index) => {
    const base = v2 ? `/rules/${index}` : `/rules/${rule.id}`;
    // Format 1 keeps F1/F2's fine at the rule's top level.
    const where = (at: string): string => (!v2 && rule.type === 'per_occurrence' ? at.replace(/^\/then/, '') : at);
    const emit: Emit = ({ at, ...w }) => out.push({ ...w, severity: 'warning', pointer: `${base}${where(at)}` });
    const consequence = (then: Consequences | undefined, at: string, ruleId = rule.id): void => {
      if (isEmpty(then)) {
        emit({ code: 'empty_consequences', rule: ruleId, at,
          message: { zh: '此处没有任何处理结果（处罚全为空或 0），规则不会产生决定', en: 'no consequences here (all absent or 0): the rule decides nothing' },
          fix: { zh: '填写暂停、停止分配、罚款或离职审核，或停用此规则', en: 'set a pause, ban, fine or termination review, or disable the rule' } });
      }
      if (then?.fineReason !== undefined && !declared.fineReasons.has(then.fineReason)) {
        emit({ code: 'undeclared_code', rule: ruleId, at: `${at}/fineReason`,
          message: { zh: `罚款原因 "${then.fineReason}" 未在 codes.fineReasons 中声明`, en: `fine reason "${then.fineReason}" is not declared in codes.fineReasons` },
          fix: { zh: '在 codes.fineReasons 中加上它（含中英文名称）', en: 'declare it in codes.fineReasons (with zh/en labels)' } });
      }
    };
    const codesIn = (c: Condition | undefined, on: string, at: string): void => {
      const fact = on === 'staff.incident' ? 'code' : on === 'entry.late' ? 'form' : undefined;
      if (fact === undefined) return;
      const set = fact === 'code' ? declared.incidents : declared.forms;
      const found: Array<{ value: string; pointer: string }> = [];
      comparedValues(c, fact, at, found);
      for (const f of found) {
        if (set.has(f.value)) continue;
        emit({ code: 'undeclared_code', rule: rule.id, at: f.pointer,
          message: { zh: `${fact === 'code' ? '违纪事件代码' : '表单'} "${f.value}" 未声明，这条件永远不会满足`, en: `${fact === 'code' ? 'incident code' : 'form'} "${f.value}" is not declared: events naming it are rejected, so this never matches` },
          fix: { zh: `在 codes.${fact === 'code' ? 'incidents' : 'forms'} 中声明它，或改正拼写`, en: `declare it in codes.${fact === 'code' ? 'incidents' : 'forms'}, or fix the spelling` } });
      }
    };
    if (rule.type === 'tiering') checkTiering(rule, declared.tiers, emit);
    if (rule.type === 'per_occurrence') {
      consequence(rule.then, '/then');
      if (v2) codesIn(rule.when, rule.on, '/when');
    }
    if (rule.type === 'count_ladder') {
      checkLadder(rule, emit);
      rule.rungs.forEach((g, i) => consequence(g.then, `/rungs/${i}/then`, g.id ?? rule.id));
      if (v2 && rule.escape !== undefined) consequence(rule.escape.then, '/escape/then');
      if (v2) codesIn(rule.counts.when, rule.counts.on, '/counts/when');
    }
    if (rule.type === 'deadline' && rule.start === 'direct_allocation') {
      if (rule.then !== undefined) consequence(rule.then, '/then');
      const working = rule.within.time === 'working';
      const cal = model.calendar;
      if (working && cal === undefined) {
        emit({ code: 'working_without_calendar', rule: rule.id, at: '/within/time',
          message: { zh: '按工作时间计时，但制度没有工作日历：将按自然时间计算', en: 'a working-time duration, but the policy has no calendar: it is measured in natural time' },
          fix: { zh: '添加 calendar（工作日、工作时段、节假日、调休），或去掉 "working"', en: 'add a calendar (working days, hours, holidays, make-up days), or drop "working"' } });
      }
      const noWork = cal !== undefined && ((cal.workingDays.length === 0 && cal.makeUpDays.length === 0) || cal.hours.length === 0);
      const never = 'any' in (rule.when ?? { all: [] }) && (rule.when as { any: Condition[] }).any.length === 0;
      if ((working && noWork) || never) {
        emit({ code: 'deadline_never_fires', rule: rule.id, at: never ? '/when' : '/within',
          message: never ? { zh: '条件是空的"任一"（any: []），永远不成立：此时限不会产生决定', en: 'the condition is an empty "any" (never true): this deadline never decides anything' } : { zh: '工作日历里没有任何工作时间，此时限永远不会到期', en: 'the calendar has no working time at all, so this deadline never ends' },
          fix: never ? { zh: '写出未按时跟进的条件，例如 contacted = false', en: 'state the miss, e.g. contacted = false' } : { zh: '在日历中加上工作日与工作时段', en: 'add working days and hours to the calendar' } });
      }
    }
  });
  return out;
}
