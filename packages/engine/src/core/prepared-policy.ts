import { compileCondition } from '../conditions/compile-condition.js';
import type { CompiledCondition, Condition } from '../conditions/condition-types.js';
import { describeCondition } from '../explain.js';
import { policyHash } from '../policy/policy-hash.js';
import type { Localized, Policy, PolicyRef, StaffRole } from '../policy/policy-types.js';
import type { CodeDef, CountLadderRule, DeadlineRule, LadderRung, PerOccurrenceRule, PolicyV2 } from '../policy/policy-v2-types.js';
import { isFormat2, readPolicy, type AnyPolicy } from '../policy/read-policy.js';
import { workingTime } from '../time/business-calendar.js';
import { zoneOf, type Zone } from '../time/zone.js';
import { builtinView } from './builtin-view.js';

/** A condition with its compiled predicate, so either evaluation path can run it. */
export interface Check {
  condition: Condition;
  test: CompiledCondition;
  /** The condition in words, for explanations. */
  text: Localized;
}

/** A direct-allocation deadline without `when` is missed when the client was not contacted or not reported. */
const MISSED: Condition = {
  any: [
    { fact: 'contacted', operator: 'equal', value: false },
    { fact: 'reported', operator: 'equal', value: false },
  ],
};

/** A condition that always holds (an absent `when`). */
const ALWAYS: Condition = { all: [] };

/** One ladder rung, compiled; `rule` is the id its decisions cite. */
export interface PreparedRung {
  rung: LadderRung;
  rule: string;
  check: Check;
}

/** A count ladder, compiled. `key` names its marks in the state. */
export interface PreparedLadder {
  kind: 'ladder';
  rule: CountLadderRule;
  subject: string;
  match: Check;
  escape: Check | undefined;
  rungs: PreparedRung[];
  /** The longest window, in months (month-close ladders). */
  window: number;
}

/** A per-occurrence rule, compiled. */
export interface PreparedOccurrence {
  kind: 'occurrence';
  rule: PerOccurrenceRule;
  subject: string;
  match: Check;
}

/** D1-like deadline, compiled: when its clock ends, from a start instant. */
export interface PreparedFollowUp {
  rule: DeadlineRule;
  check: Check;
  /** The instant the window closes for a clock started at `at`. */
  end(at: number): number;
  /** "10 分钟" / "10 minutes" (or working minutes). */
  span: Localized;
}

/** A policy made ready for the reducer: hash computed, conditions compiled, lookups built. */
export interface PreparedPolicy {
  /** The built-in mechanisms' parameters in the format-1 shape (D2, R1–R5, P1, L1, M4 are read from here). */
  policy: Policy;
  /** The policy in format 2, as evaluated. */
  model: PolicyV2;
  ref: PolicyRef;
  zone: Zone;
  tiering: { id: string; enabled: boolean; otherwise: string; tiers: Array<{ tier: string; check: Check }> } | undefined;
  /** Per-occurrence rules and each-event ladders by event type, in file order. */
  occurrences: Map<string, Array<PreparedOccurrence | PreparedLadder>>;
  /** Ladders judged at month close, in file order. */
  monthLadders: PreparedLadder[];
  followUp: PreparedFollowUp | undefined;
  /** Codes the policy declares, by list. A format-1 policy accepts any incident code (it has no rule on them). */
  codes: { tiers: ReadonlySet<string>; forms: ReadonlySet<string>; incidents: ReadonlySet<string> | null };
  labels: { forms: ReadonlyMap<string, Localized>; incidents: ReadonlyMap<string, Localized>; fineReasons: ReadonlyMap<string, Localized> };
  ringRoles: ReadonlySet<StaffRole>;
}

const check = (condition: Condition | undefined): Check => {
  const c = condition ?? ALWAYS;
  return { condition: c, test: compileCondition(c), text: describeCondition(c) };
};

const labelsOf = (defs: CodeDef[]): Map<string, Localized> => new Map(defs.map((d): [string, Localized] => [d.code, d.label]));

const MINUTE = 60_000;
const UNIT_MS = { minutes: MINUTE, hours: 60 * MINUTE, days: 1440 * MINUTE } as const;
const UNIT_WORDS = {
  minutes: { zh: '分钟', en: 'minute' },
  hours: { zh: '小时', en: 'hour' },
  days: { zh: '天', en: 'day' },
  months: { zh: '个月', en: 'month' },
} as const;

function followUpOf(model: PolicyV2, zone: Zone): PreparedFollowUp | undefined {
  const rule = model.rules.find((x): x is DeadlineRule => x.type === 'deadline' && x.start === 'direct_allocation');
  if (rule === undefined) return undefined;
  const { amount, unit } = rule.within;
  const working = rule.within.time === 'working' && model.calendar !== undefined;
  const words = UNIT_WORDS[unit];
  const span = {
    zh: `${amount} ${working ? '个工作' : ''}${words.zh}`.replace('个工作个月', '个工作月'),
    en: `${amount} ${working ? 'working ' : ''}${words.en}${amount === 1 ? '' : 's'}`,
  };
  let end: (at: number) => number;
  if (unit === 'months') end = (at) => zone.addMonths(at, amount);
  else if (working && model.calendar !== undefined && unit !== 'days') {
    const wt = workingTime(model.calendar, zone);
    const ms = amount * UNIT_MS[unit];
    end = (at) => wt.addWorking(at, ms);
  } else if (unit === 'days') end = (at) => zone.addDays(at, amount);
  else {
    const ms = amount * UNIT_MS[unit];
    end = (at) => at + ms;
  }
  return { rule, check: check(rule.when ?? MISSED), end, span };
}

/** Prepares a validated policy of either format. Throws ConditionError if a condition cannot compile. */
export function preparePolicy(source: AnyPolicy): PreparedPolicy {
  const model = readPolicy(source);
  const zone = zoneOf(model.timezone);
  const occurrences = new Map<string, Array<PreparedOccurrence | PreparedLadder>>();
  const monthLadders: PreparedLadder[] = [];
  let tiering: PreparedPolicy['tiering'];
  for (const rule of model.rules) {
    if (rule.type === 'tiering' && tiering === undefined) {
      tiering = { id: rule.id, enabled: rule.enabled, otherwise: rule.otherwise, tiers: rule.rungs.map((g) => ({ tier: g.tier, check: check(g.when) })) };
    } else if (rule.type === 'per_occurrence') {
      const list = occurrences.get(rule.on) ?? [];
      list.push({ kind: 'occurrence', rule, subject: rule.subject ?? 'staffId', match: check(rule.when) });
      occurrences.set(rule.on, list);
    } else if (rule.type === 'count_ladder') {
      const ladder: PreparedLadder = {
        kind: 'ladder',
        rule,
        subject: rule.counts.subject ?? 'staffId',
        match: check(rule.counts.when),
        escape: rule.escape === undefined ? undefined : check(rule.escape.when),
        rungs: rule.rungs.map((g) => ({ rung: g, rule: g.id ?? rule.id, check: check(g.when) })),
        window: rule.rungs.reduce((max, g) => Math.max(max, g.windowMonths ?? 1), 1),
      };
      const list = occurrences.get(rule.counts.on) ?? [];
      list.push(ladder);
      occurrences.set(rule.counts.on, list);
      if (rule.evaluate === 'month_close') monthLadders.push(ladder);
    }
  }
  const view = isFormat2(source) ? builtinView(model) : source;
  return {
    policy: view,
    model,
    ref: { id: source.id, version: source.version, hash: policyHash(source) },
    zone,
    tiering,
    occurrences,
    monthLadders,
    followUp: followUpOf(model, zone),
    codes: {
      tiers: new Set(model.codes.tiers.map((c) => c.code)),
      forms: new Set(model.codes.forms.map((c) => c.code)),
      incidents: isFormat2(source) ? new Set(model.codes.incidents.map((c) => c.code)) : null,
    },
    labels: { forms: labelsOf(model.codes.forms), incidents: labelsOf(model.codes.incidents), fineReasons: labelsOf(model.codes.fineReasons) },
    ringRoles: new Set(view.rules.P1.roles),
  };
}
