import { conditionProblems } from '../conditions/condition-problems.js';
import { isKnownZone } from '../time/zone.js';
import { joinPointer } from './json-pointer.js';
import type { PolicyError } from './validate-policy.js';

/**
 * Checks a JSON Schema cannot express: a known time zone, unique ladder rule ids, distinct tiers,
 * safe conditions that only read facts the rule provides. The input may still be partly invalid,
 * so every check reads defensively and skips a place that already has an error (`blocked`): one
 * mistake gives one message.
 */

/** The facts each rule's conditions can read; a condition naming another fact could never hold. */
export const CONDITION_FACTS = {
  T1: ['expectedDealFen', 'channel'],
  M: ['mismatches', 'windowMonths'],
  V1: ['violations'],
  D1: ['contacted', 'reported', 'mode'],
} as const satisfies Record<string, readonly string[]>;

type Rec = Record<string, unknown>;

const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Own properties only: a policy's fields never come from a prototype. */
const own = (v: unknown, key: string): unknown => (isRec(v) && Object.prototype.hasOwnProperty.call(v, key) ? v[key] : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The `when` fields of the policy, with the facts their rule provides. */
function whens(policy: unknown): Array<{ pointer: string; condition: unknown; facts: readonly string[] }> {
  const rules = own(policy, 'rules');
  const out: Array<{ pointer: string; condition: unknown; facts: readonly string[] }> = [];
  for (const id of ['T1', 'M', 'V1'] as const) {
    list(own(own(rules, id), 'rungs')).forEach((rung, i) => {
      const pointer = `/rules/${id}/rungs/${i}/when`;
      if (own(rung, 'when') !== undefined) out.push({ pointer, condition: own(rung, 'when'), facts: CONDITION_FACTS[id] });
    });
  }
  const d1 = own(own(rules, 'D1'), 'when');
  if (d1 !== undefined) out.push({ pointer: '/rules/D1/when', condition: d1, facts: CONDITION_FACTS.D1 });
  return out;
}

/** Every fact a structurally valid condition reads, with its pointer (including `value: { fact }`). */
export function factsRead(condition: unknown, pointer: string, out: Array<{ pointer: string; fact: string }>): void {
  for (const key of ['all', 'any'] as const) {
    list(own(condition, key)).forEach((c, i) => factsRead(c, joinPointer(joinPointer(pointer, key), i), out));
  }
  const not = own(condition, 'not');
  if (not !== undefined) factsRead(not, joinPointer(pointer, 'not'), out);
  const fact = own(condition, 'fact');
  if (typeof fact === 'string') out.push({ pointer: joinPointer(pointer, 'fact'), fact });
  const refFact = own(own(condition, 'value'), 'fact');
  if (typeof refFact === 'string') out.push({ pointer: joinPointer(joinPointer(pointer, 'value'), 'fact'), fact: refFact });
}

function checkConditions(policy: unknown, blocked: (pointer: string) => boolean, errors: PolicyError[]): void {
  for (const { pointer, condition, facts } of whens(policy)) {
    if (blocked(pointer)) continue;
    const problems = conditionProblems(condition, pointer);
    if (problems.length > 0) {
      errors.push(...problems.map((p) => ({ pointer: p.pointer, message: { zh: p.message.zh, en: p.message.en } })));
      continue;
    }
    const read: Array<{ pointer: string; fact: string }> = [];
    factsRead(condition, pointer, read);
    for (const r of read) {
      if ((facts as readonly string[]).includes(r.fact)) continue;
      errors.push({
        pointer: r.pointer,
        message: {
          zh: `本规则没有事实 "${r.fact}"（可用：${facts.join('、')}）`,
          en: `fact "${r.fact}" is not available to this rule (available: ${facts.join(', ')})`,
        },
      });
    }
  }
}

function checkTimezone(policy: unknown, blocked: (pointer: string) => boolean, errors: PolicyError[]): void {
  const zone = own(policy, 'timezone');
  if (typeof zone !== 'string' || blocked('/timezone') || isKnownZone(zone)) return;
  errors.push({
    pointer: '/timezone',
    message: {
      zh: `未知的时区 "${zone}"，请使用 IANA 时区名，例如 "Asia/Shanghai"`,
      en: `unknown time zone "${zone}"; use an IANA zone name such as "Asia/Shanghai"`,
    },
  });
}

function checkMismatchRungIds(policy: unknown, blocked: (pointer: string) => boolean, errors: PolicyError[]): void {
  const firstUse = new Map<string, number>();
  list(own(own(own(policy, 'rules'), 'M'), 'rungs')).forEach((rung, i) => {
    const id = own(rung, 'rule');
    const pointer = `/rules/M/rungs/${i}/rule`;
    if (typeof id !== 'string' || blocked(pointer)) return;
    if (id === 'M4') {
      errors.push({ pointer, message: { zh: '规则编号 "M4" 已由资源重新申请规则使用', en: 'rule id "M4" is taken by the re-application rule' } });
      return;
    }
    const first = firstUse.get(id);
    if (first === undefined) {
      firstUse.set(id, i);
      return;
    }
    errors.push({
      pointer,
      message: { zh: `规则编号 "${id}" 重复（第 ${first + 1} 档已使用）`, en: `duplicate rule id "${id}" (already used by rung ${first})` },
    });
  });
}

function checkTierRungs(policy: unknown, blocked: (pointer: string) => boolean, errors: PolicyError[]): void {
  const t1 = own(own(policy, 'rules'), 'T1');
  const otherwise = own(t1, 'otherwise');
  const firstUse = new Map<string, number>();
  list(own(t1, 'rungs')).forEach((rung, i) => {
    const tier = own(rung, 'tier');
    const pointer = `/rules/T1/rungs/${i}/tier`;
    if (typeof tier !== 'string' || blocked(pointer)) return;
    const first = firstUse.get(tier);
    if (first !== undefined) {
      errors.push({
        pointer,
        message: { zh: `客户类型 "${tier}" 重复（第 ${first + 1} 档已使用）`, en: `duplicate tier "${tier}" (already given by rung ${first})` },
      });
      return;
    }
    firstUse.set(tier, i);
    if (tier === otherwise && !blocked('/rules/T1/otherwise')) {
      errors.push({
        pointer,
        message: { zh: `客户类型 "${tier}" 与 otherwise（其余类型）相同`, en: `tier "${tier}" is the same as "otherwise"` },
      });
    }
  });
}

/**
 * Runs the semantic checks on a (possibly invalid) policy. `blocked(pointer)` says whether an
 * earlier error already sits at or under that pointer, in which case the place is skipped.
 */
export function checkPolicySemantics(policy: unknown, blocked: (pointer: string) => boolean): PolicyError[] {
  const errors: PolicyError[] = [];
  checkTimezone(policy, blocked, errors);
  checkTierRungs(policy, blocked, errors);
  checkMismatchRungIds(policy, blocked, errors);
  checkConditions(policy, blocked, errors);
  return errors;
}
