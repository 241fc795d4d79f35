import type { Check } from '../core/prepared-policy.js';
import type { Reducer, Step } from '../core/reducer.js';
import { applySanction } from '../core/sanctions.js';
import type { Violation } from '../events/event-types.js';
import type { ViolationRung } from '../policy/policy-types.js';

/**
 * `violation` (V1): a normal violation climbs the ladder by the member's count in the look-back;
 * a serious one skips it (and is not counted) and asks for a termination review.
 */
export function* violation(r: Reducer, e: Violation, at: number): Step {
  const staff = r.staff(e.staffId);
  const v1 = r.prepared.policy.rules.V1;
  if (e.severity === 'serious') {
    if (v1.enabled && v1.seriousTerminationReview) {
      r.emit('staff.termination_review', 'V1', at, { staffId: staff.id }, [e.id], {
        zh: `性质严重的违规,按自动离职处理,需人工复核`,
        en: `a serious violation is treated as voluntary resignation: termination review by a person`,
      });
    }
    return;
  }
  staff.violations.push({ at, id: e.id });
  if (!v1.enabled) return;
  const from = v1.lookbackMonths === null ? Number.NEGATIVE_INFINITY : r.prepared.zone.addMonths(at, -v1.lookbackMonths);
  const ids: string[] = [];
  for (const v of staff.violations) if (v.at >= from) ids.push(v.id);
  const facts = { violations: ids.length, severity: e.severity };
  const holding: Array<{ rung: ViolationRung; check: Check }> = [];
  for (const { rung, check } of r.prepared.violationRungs) if (yield { check, facts }) holding.push({ rung, check });
  const applied = v1.combine === 'highest' ? holding.slice(-1) : holding;
  const span = v1.lookbackMonths === null ? { zh: '累计', en: 'in all' } : { zh: `${v1.lookbackMonths} 个月内`, en: `in ${v1.lookbackMonths} months` };
  for (const { rung, check } of applied) {
    const rule = check.text;
    applySanction(r, staff, 'V1', rung.then, at, ids, {
      zh: `${span.zh}第 ${ids.length} 次违反公司规章制度并受处罚(${rule.zh})`,
      en: `violation number ${ids.length} ${span.en} (${rule.en})`,
    });
  }
}
