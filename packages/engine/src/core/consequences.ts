import type { FineReason } from '../decisions/decision-types.js';
import type { Localized } from '../policy/policy-types.js';
import type { Consequences } from '../policy/policy-v2-types.js';
import type { Reducer } from './reducer.js';
import { applySanction } from './sanctions.js';
import type { StaffState } from './state.js';

/**
 * Applies a format-2 rule's consequences to a member: pause, ban, hotline ban and fine (in
 * that order, as `applySanction`), then a termination review. Each emits an existing decision
 * kind of SPEC §4; `staff.fined.reason` is the rule's declared fine reason.
 */
export function applyConsequences(r: Reducer, staff: StaffState, rule: string, then: Consequences, at: number, cause: string[], why: Localized): void {
  applySanction(r, staff, rule, then, at, cause, why, (then.fineReason ?? 'late_follow_up') as FineReason);
  if (then.terminationReview === true) {
    r.emit('staff.termination_review', rule, at, { staffId: staff.id }, cause, {
      zh: `${why.zh},需人工复核是否按自动离职处理`,
      en: `${why.en}: termination review by a person`,
    });
  }
}
