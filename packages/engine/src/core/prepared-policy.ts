import { compileCondition } from '../conditions/compile-condition.js';
import type { CompiledCondition, Condition } from '../conditions/condition-types.js';
import { describeCondition } from '../explain.js';
import { policyHash } from '../policy/policy-hash.js';
import type {
  LateEntryFineRule,
  LateForm,
  Localized,
  MismatchRung,
  Policy,
  PolicyRef,
  StaffRole,
  Tier,
  ViolationRung,
} from '../policy/policy-types.js';
import { zoneOf, type Zone } from '../time/zone.js';

/** A condition with its compiled predicate, so either evaluation path can run it. */
export interface Check {
  condition: Condition;
  test: CompiledCondition;
  /** The condition in words, for explanations. */
  text: Localized;
}

/** A policy made ready for the reducer: hash computed, conditions compiled, lookups built. */
export interface PreparedPolicy {
  policy: Policy;
  ref: PolicyRef;
  zone: Zone;
  tiers: Array<{ tier: Tier; check: Check }>;
  mismatchRungs: Array<{ rung: MismatchRung; check: Check }>;
  /** The longest mismatch window, in months. */
  mismatchWindow: number;
  violationRungs: Array<{ rung: ViolationRung; check: Check }>;
  followUp: Check;
  fines: Map<LateForm, { id: 'F1' | 'F2'; rule: LateEntryFineRule }>;
  ringRoles: ReadonlySet<StaffRole>;
}

const check = (condition: Condition): Check => ({ condition, test: compileCondition(condition), text: describeCondition(condition) });

/** Prepares a validated policy. Throws ConditionError if a condition cannot compile. */
export function preparePolicy(policy: Policy): PreparedPolicy {
  const r = policy.rules;
  const fines = new Map<LateForm, { id: 'F1' | 'F2'; rule: LateEntryFineRule }>();
  fines.set(r.F2.form, { id: 'F2', rule: r.F2 });
  fines.set(r.F1.form, { id: 'F1', rule: r.F1 });
  return {
    policy,
    ref: { id: policy.id, version: policy.version, hash: policyHash(policy) },
    zone: zoneOf(policy.timezone),
    tiers: r.T1.rungs.map((rung) => ({ tier: rung.tier, check: check(rung.when) })),
    mismatchRungs: r.M.rungs.map((rung) => ({ rung, check: check(rung.when) })),
    mismatchWindow: r.M.rungs.reduce((max, rung) => Math.max(max, rung.windowMonths), 1),
    violationRungs: r.V1.rungs.map((rung) => ({ rung, check: check(rung.when) })),
    followUp: check(r.D1.when),
    fines,
    ringRoles: new Set(r.P1.roles),
  };
}
