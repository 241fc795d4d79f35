import { preparePolicy } from '../core/prepared-policy.js';
import type { AnyPolicy } from './read-policy.js';

/**
 * When a policy's clocks end, for projections outside the engine (the runtime's client view):
 * the direct-allocation deadline (D1, natural or working time) and the registration clock (R2).
 * `null` when the policy has no such rule or it is disabled.
 */
export interface PolicyClocks {
  followUpEnd: ((at: number) => number) | null;
  developmentEnd: ((at: number) => number) | null;
}

const cache = new WeakMap<object, PolicyClocks>();

/** The clocks of a validated policy (memoised per policy object). */
export function policyClocks(policy: AnyPolicy): PolicyClocks {
  const hit = cache.get(policy);
  if (hit !== undefined) return hit;
  const prepared = preparePolicy(policy);
  const d1 = prepared.followUp;
  const r2 = prepared.policy.rules.R2;
  const clocks: PolicyClocks = {
    followUpEnd: d1 !== undefined && d1.rule.enabled ? d1.end : null,
    developmentEnd: r2.enabled ? (at) => prepared.zone.addMonths(at, r2.windowMonths) : null,
  };
  cache.set(policy, clocks);
  return clocks;
}
