import { conditionProblems } from '../conditions/condition-problems.js';
import { EVENT_TYPE_SPECS } from '../events/event-fields.js';
import { dayOfDate, minutesOfTime } from '../time/business-calendar.js';
import { civilFromDays } from '../time/instant.js';
import { isKnownZone } from '../time/zone.js';
import { factsRead } from './check-policy-semantics.js';
import { OWNERSHIP_MECHANISMS } from './policy-v2-types.js';
import type { PolicyError } from './validate-policy.js';

/**
 * Checks of a format-2 policy that its JSON Schema cannot express: unique rule ids, the fixed
 * ids and single instances of the built-ins, declared and distinct codes, conditions that only
 * read the facts their rule type provides, durations the engine can measure, a valid calendar.
 * The input may be partly invalid: every check reads defensively and skips `blocked` places.
 */

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (v: unknown, key: string): unknown => (isRec(v) && Object.prototype.hasOwnProperty.call(v, key) ? v[key] : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const err = (pointer: string, zh: string, en: string): PolicyError => ({ pointer, message: { zh, en } });

/** Fields of an event type a condition may read (the event's own fields). */
export const eventFacts = (type: string): string[] => (EVENT_TYPE_SPECS.get(type)?.fields ?? []).map((f) => f.name);

/** The facts each condition of a rule may read, by where it sits. */
export function conditionsOf(rule: unknown, pointer: string): Array<{ pointer: string; condition: unknown; facts: string[] }> {
  const out: Array<{ pointer: string; condition: unknown; facts: string[] }> = [];
  const add = (p: string, c: unknown, facts: string[]): void => {
    if (c !== undefined) out.push({ pointer: p, condition: c, facts });
  };
  const type = own(rule, 'type');
  if (type === 'tiering') list(own(rule, 'rungs')).forEach((g, i) => add(`${pointer}/rungs/${i}/when`, own(g, 'when'), ['expectedDealFen', 'channel']));
  if (type === 'per_occurrence') add(`${pointer}/when`, own(rule, 'when'), eventFacts(String(own(rule, 'on'))));
  if (type === 'deadline') add(`${pointer}/when`, own(rule, 'when'), ['contacted', 'reported', 'mode']);
  if (type === 'count_ladder') {
    const fields = eventFacts(String(own(own(rule, 'counts'), 'on')));
    add(`${pointer}/counts/when`, own(own(rule, 'counts'), 'when'), fields);
    add(`${pointer}/escape/when`, own(own(rule, 'escape'), 'when'), fields);
    const countFact = own(rule, 'countFact');
    const counted = ['count', ...(typeof countFact === 'string' ? [countFact] : [])];
    const facts = own(rule, 'evaluate') === 'month_close' ? [...counted, 'windowMonths'] : [...counted, ...fields];
    list(own(rule, 'rungs')).forEach((g, i) => add(`${pointer}/rungs/${i}/when`, own(g, 'when'), facts));
  }
  return out;
}

function checkConditions(rules: unknown[], blocked: (p: string) => boolean, errors: PolicyError[]): void {
  rules.forEach((rule, i) => {
    for (const { pointer, condition, facts } of conditionsOf(rule, `/rules/${i}`)) {
      if (blocked(pointer)) continue;
      const problems = conditionProblems(condition, pointer);
      if (problems.length > 0) {
        errors.push(...problems.map((p) => ({ pointer: p.pointer, message: { zh: p.message.zh, en: p.message.en } })));
        continue;
      }
      const read: Array<{ pointer: string; fact: string }> = [];
      factsRead(condition, pointer, read);
      for (const r of read) {
        if (facts.includes(r.fact)) continue;
        errors.push(err(r.pointer, `本规则没有事实 "${r.fact}"（可用：${facts.join('、')}）`, `fact "${r.fact}" is not available to this rule (available: ${facts.join(', ')})`));
      }
    }
  });
}

function checkIds(rules: unknown[], blocked: (p: string) => boolean, errors: PolicyError[]): void {
  const first = new Map<string, string>();
  const use = (id: unknown, pointer: string): void => {
    if (typeof id !== 'string' || blocked(pointer)) return;
    const at = first.get(id);
    if (at === undefined) first.set(id, pointer);
    else errors.push(err(pointer, `规则编号 "${id}" 重复（${at} 已使用）`, `duplicate rule id "${id}" (already used at ${at})`));
  };
  const single = new Map<string, string>();
  rules.forEach((rule, i) => {
    const pointer = `/rules/${i}`;
    use(own(rule, 'id'), `${pointer}/id`);
    list(own(rule, 'rungs')).forEach((g, j) => use(own(g, 'id'), `${pointer}/rungs/${j}/id`));
    const type = own(rule, 'type');
    const mechanism = own(rule, 'mechanism');
    const start = own(rule, 'start');
    let fixed: string | undefined;
    let key: string | undefined;
    if (type === 'ownership' && typeof mechanism === 'string' && Object.prototype.hasOwnProperty.call(OWNERSHIP_MECHANISMS, mechanism)) {
      fixed = OWNERSHIP_MECHANISMS[mechanism as keyof typeof OWNERSHIP_MECHANISMS];
      key = `ownership ${mechanism}`;
    } else if (type === 'allocation') [fixed, key] = ['P1', 'allocation'];
    else if (type === 'deadline' && start === 'registration') [fixed, key] = ['R2', 'deadline registration'];
    else if (type === 'deadline' && start === 'hand_out') [fixed, key] = ['R3', 'deadline hand_out'];
    else if (type === 'deadline' && start === 'direct_allocation') key = 'deadline direct_allocation';
    else if (type === 'tiering') key = 'tiering';
    const id = own(rule, 'id');
    if (fixed !== undefined && typeof id === 'string' && id !== fixed && !blocked(`${pointer}/id`)) {
      errors.push(err(`${pointer}/id`, `内置规则（${key}）的编号必须是 "${fixed}"`, `the built-in ${key ?? ''} must have the id "${fixed}"`));
    }
    if (key !== undefined) {
      const at = single.get(key);
      if (at === undefined) single.set(key, pointer);
      else errors.push(err(`${pointer}/type`, `一个制度只能有一条 ${key} 规则（${at} 已有）`, `a policy has at most one ${key} rule (already at ${at})`));
    }
  });
}

function checkCodes(policy: unknown, rules: unknown[], blocked: (p: string) => boolean, errors: PolicyError[]): void {
  const codes = own(policy, 'codes');
  const declared = (name: string): Set<string> => {
    const seen = new Set<string>();
    list(own(codes, name)).forEach((c, i) => {
      const code = own(c, 'code');
      const pointer = `/codes/${name}/${i}/code`;
      if (typeof code !== 'string' || blocked(pointer)) return;
      if (seen.has(code)) errors.push(err(pointer, `代码 "${code}" 重复`, `duplicate code "${code}"`));
      seen.add(code);
    });
    return seen;
  };
  const tiers = declared('tiers');
  declared('forms');
  declared('fineReasons');
  declared('incidents');
  rules.forEach((rule, i) => {
    if (own(rule, 'type') !== 'tiering') return;
    const used = new Map<string, number>();
    const otherwise = own(rule, 'otherwise');
    const tierAt = (tier: unknown, pointer: string): boolean => {
      if (typeof tier !== 'string' || blocked(pointer)) return false;
      if (tiers.has(tier)) return true;
      errors.push(err(pointer, `客户类型 "${tier}" 未在 codes.tiers 中声明`, `tier "${tier}" is not declared in codes.tiers`));
      return false;
    };
    tierAt(otherwise, `/rules/${i}/otherwise`);
    list(own(rule, 'rungs')).forEach((g, j) => {
      const tier = own(g, 'tier');
      const pointer = `/rules/${i}/rungs/${j}/tier`;
      if (!tierAt(tier, pointer)) return;
      const t = tier as string;
      if (used.has(t)) errors.push(err(pointer, `客户类型 "${t}" 重复（第 ${(used.get(t) ?? 0) + 1} 档已使用）`, `duplicate tier "${t}" (already given by rung ${used.get(t) ?? 0})`));
      else if (t === otherwise) errors.push(err(pointer, `客户类型 "${t}" 与 otherwise（其余类型）相同`, `tier "${t}" is the same as "otherwise"`));
      used.set(t, j);
    });
  });
}

const SUBJECTS: Record<string, string[]> = { 'entry.late': ['staffId'], 'staff.incident': ['staffId'], violation: ['staffId'], 'tier.mismatch': ['receptionistId', 'repId'] };

function checkShapes(rules: unknown[], blocked: (p: string) => boolean, errors: PolicyError[]): void {
  rules.forEach((rule, i) => {
    const p = `/rules/${i}`;
    const type = own(rule, 'type');
    const on = type === 'per_occurrence' ? own(rule, 'on') : own(own(rule, 'counts'), 'on');
    const subject = type === 'per_occurrence' ? own(rule, 'subject') : own(own(rule, 'counts'), 'subject');
    const subjectAt = type === 'per_occurrence' ? `${p}/subject` : `${p}/counts/subject`;
    if ((type === 'per_occurrence' || type === 'count_ladder') && typeof on === 'string' && typeof subject === 'string' && !blocked(subjectAt) && !(SUBJECTS[on] ?? []).includes(subject)) {
      errors.push(err(subjectAt, `事件 ${on} 没有员工字段 "${subject}"（可用：${(SUBJECTS[on] ?? []).join('、')}）`, `event ${on} has no staff field "${subject}" (available: ${(SUBJECTS[on] ?? []).join(', ')})`));
    }
    if (type === 'count_ladder' && own(rule, 'evaluate') === 'each_event') {
      list(own(rule, 'rungs')).forEach((g, j) => {
        if (own(g, 'windowMonths') !== undefined) errors.push(err(`${p}/rungs/${j}/windowMonths`, '只有月末判定（month_close）的阶梯才有统计月数', 'only a month-close ladder has rung windows'));
      });
    }
    if (type === 'count_ladder' && own(rule, 'evaluate') === 'month_close') {
      for (const k of ['lookbackMonths', 'lookbackDays']) if (own(rule, k) !== undefined) errors.push(err(`${p}/${k}`, '月末判定的阶梯按各档统计月数计数，不用追溯期', 'a month-close ladder counts over its rungs\' windows, not a look-back'));
    }
    if (type === 'deadline') {
      const start = own(rule, 'start');
      const unit = own(own(rule, 'within'), 'unit');
      const time = own(own(rule, 'within'), 'time');
      if ((start === 'registration' || start === 'hand_out') && unit !== undefined && unit !== 'months' && !blocked(`${p}/within/unit`)) {
        errors.push(err(`${p}/within/unit`, '登记与分配后时限以自然月计', 'the registration and hand-out clocks are measured in calendar months'));
      }
      if (time === 'working' && (unit === 'days' || unit === 'months') && !blocked(`${p}/within/time`)) {
        errors.push(err(`${p}/within/time`, '工作时间只能以分钟或小时计', 'working time is measured in minutes or hours'));
      }
      if (start !== 'direct_allocation') {
        for (const k of ['when', 'then']) if (own(rule, k) !== undefined) errors.push(err(`${p}/${k}`, '此时限到期发出提醒，不带条件或处罚', 'this clock ends with a notice: it has no condition or consequences'));
      }
      if (start !== 'hand_out' && own(rule, 'autoReclaim') !== undefined) errors.push(err(`${p}/autoReclaim`, '只有分配后无动作时限（hand_out）可自动收回', 'only the hand-out clock can reclaim'));
    }
    const thens: Array<[unknown, string]> = [[own(rule, 'then'), `${p}/then`], [own(own(rule, 'escape'), 'then'), `${p}/escape/then`]];
    list(own(rule, 'rungs')).forEach((g, j) => thens.push([own(g, 'then'), `${p}/rungs/${j}/then`]));
    for (const [then, at] of thens) {
      const fine = own(then, 'fineFen');
      if (typeof fine === 'number' && fine > 0 && own(then, 'fineReason') === undefined && !blocked(at)) {
        errors.push(err(`${at}/fineReason`, '有罚款时须写明罚款原因（fineReason）', 'a fine needs a fineReason'));
      }
    }
    if (type === 'ownership') {
      const mechanism = own(rule, 'mechanism');
      if (mechanism !== 'registration' && own(rule, 'withinHours') !== undefined) errors.push(err(`${p}/withinHours`, '只有登记规则（registration）有登记时限', 'only the registration built-in has withinHours'));
      if (mechanism !== 'replacement' && own(rule, 'replacements') !== undefined) errors.push(err(`${p}/replacements`, '只有补发规则（replacement）有补发数', 'only the replacement built-in has replacements'));
    }
  });
}

const validDate = (s: string): boolean => {
  const out: [number, number, number] = [0, 0, 0];
  civilFromDays(dayOfDate(s), out);
  return out[0] === Number(s.slice(0, 4)) && out[1] === Number(s.slice(5, 7)) && out[2] === Number(s.slice(8, 10));
};

function checkCalendar(policy: unknown, blocked: (p: string) => boolean, errors: PolicyError[]): void {
  const cal = own(policy, 'calendar');
  if (!isRec(cal)) return;
  const date = (v: unknown, pointer: string): void => {
    if (typeof v === 'string' && !blocked(pointer) && !validDate(v)) errors.push(err(pointer, `日期 "${v}" 不存在`, `"${v}" is not a calendar date`));
  };
  list(own(cal, 'holidays')).forEach((h, i) => {
    const p = `/calendar/holidays/${i}`;
    if (typeof h === 'string') date(h, p);
    else {
      date(own(h, 'from'), `${p}/from`);
      date(own(h, 'to'), `${p}/to`);
      const [a, b] = [own(h, 'from'), own(h, 'to')];
      if (typeof a === 'string' && typeof b === 'string' && a > b && !blocked(p)) errors.push(err(`${p}/to`, '结束日期早于开始日期', 'the range ends before it starts'));
    }
  });
  list(own(cal, 'makeUpDays')).forEach((d, i) => date(d, `/calendar/makeUpDays/${i}`));
  let lastEnd = -1;
  const spans = list(own(cal, 'hours'))
    .map((s, i) => ({ i, from: own(s, 'from'), to: own(s, 'to') }))
    .filter((s): s is { i: number; from: string; to: string } => typeof s.from === 'string' && typeof s.to === 'string' && !blocked(`/calendar/hours/${s.i}`));
  for (const s of [...spans].sort((a, b) => minutesOfTime(a.from) - minutesOfTime(b.from))) {
    const [from, to] = [minutesOfTime(s.from), minutesOfTime(s.to)];
    if (from >= to) errors.push(err(`/calendar/hours/${s.i}/to`, `工作时段须先开始后结束（${s.from}–${s.to}）`, `a working span must end after it starts (${s.from}–${s.to})`));
    else if (from < lastEnd) errors.push(err(`/calendar/hours/${s.i}/from`, `工作时段 ${s.from}–${s.to} 与前一时段重叠`, `working span ${s.from}–${s.to} overlaps the one before`));
    lastEnd = Math.max(lastEnd, to);
  }
}

/** Runs the format-2 semantic checks. */
export function checkPolicyV2(policy: unknown, blocked: (pointer: string) => boolean): PolicyError[] {
  const errors: PolicyError[] = [];
  const zone = own(policy, 'timezone');
  if (typeof zone === 'string' && !blocked('/timezone') && !isKnownZone(zone)) {
    errors.push(err('/timezone', `未知的时区 "${zone}"，请使用 IANA 时区名，例如 "Asia/Shanghai"`, `unknown time zone "${zone}"; use an IANA zone name such as "Asia/Shanghai"`));
  }
  const rules = list(own(policy, 'rules'));
  checkIds(rules, blocked, errors);
  checkCodes(policy, rules, blocked, errors);
  checkShapes(rules, blocked, errors);
  checkCalendar(policy, blocked, errors);
  checkConditions(rules, blocked, errors);
  return errors;
}

