import type { EventCodes } from '../events/event-fields.js';
import { isFormat2, readPolicy, type AnyPolicy } from './read-policy.js';

/**
 * The codes events are checked against under a policy (SPEC §6): its tiers, forms and incident
 * codes. A format-1 policy declares the default tiers and forms and accepts any incident code
 * (it predates incident codes and has no rule on them); a format-2 policy accepts only what it
 * declares.
 */
export function eventCodesOf(policy: AnyPolicy): EventCodes {
  const model = readPolicy(policy);
  return {
    tiers: new Set(model.codes.tiers.map((c) => c.code)),
    forms: new Set(model.codes.forms.map((c) => c.code)),
    incidents: isFormat2(policy) ? new Set(model.codes.incidents.map((c) => c.code)) : null,
  };
}
