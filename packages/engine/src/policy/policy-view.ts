import { builtinView } from '../core/builtin-view.js';
import type { Policy } from './policy-types.js';
import { isFormat2, readPolicy, type AnyPolicy } from './read-policy.js';

const cache = new WeakMap<object, Policy>();

/**
 * A policy of either format in the format-1 shape, for readers of the built-in mechanisms'
 * parameters (P1's ring, D1's window, R1–R5): a format-1 policy as is; for a format-2 policy its
 * built-ins mapped onto the format-1 fields (D1's window in minutes, natural or working) and
 * everything format 1 cannot express left out (its catalogue entries are disabled placeholders).
 * Never evaluate a view: evaluate the policy itself.
 */
export function policyView(policy: AnyPolicy): Policy {
  if (!isFormat2(policy)) return policy;
  const hit = cache.get(policy);
  if (hit !== undefined) return hit;
  const view = builtinView(readPolicy(policy));
  cache.set(policy, view);
  return view;
}
