import type { Check } from '../core/prepared-policy.js';
import type { Reducer, Step } from '../core/reducer.js';
import { applySanction } from '../core/sanctions.js';
import type { Mark } from '../core/state.js';
import type { TierMismatch } from '../events/event-types.js';
import type { MismatchRung } from '../policy/policy-types.js';

/** `tier.mismatch`: counts against the receptionist (M1–M3) and owes the rep replacements (M4). */
export function tierMismatch(r: Reducer, e: TierMismatch, at: number): void {
  const receptionist = r.staff(e.receptionistId, 'receptionist');
  receptionist.mismatches.push({ at, id: e.id });
  r.state.mismatchStaff.add(receptionist.id);
  r.client(e.clientId).tier = e.actualTier;
  const m4 = r.prepared.policy.rules.M4;
  if (!m4.enabled) return;
  for (let i = 0; i < m4.replacements; i++) {
    r.emit('staff.replacement_owed', 'M4', at, { staffId: e.repId, tier: e.classifiedTier }, [e.id], {
      zh: `经理 ${e.approvedBy} 确认客户 ${e.clientId} 实为 ${e.actualTier} 类(判定为 ${e.classifiedTier} 类),补分配 1 个 ${e.classifiedTier} 类客户`,
      en: `manager ${e.approvedBy} confirmed client ${e.clientId} is tier ${e.actualTier}, not ${e.classifiedTier}: one tier-${e.classifiedTier} replacement owed`,
    });
  }
}

/** Ids of the marks in [from, to). Marks are in time order. */
function marksIn(marks: Mark[], from: number, to: number): string[] {
  let end = marks.length;
  while (end > 0 && (marks[end - 1] as Mark).at >= to) end--;
  let start = end;
  while (start > 0 && (marks[start - 1] as Mark).at >= from) start--;
  const ids: string[] = [];
  for (let i = start; i < end; i++) ids.push((marks[i] as Mark).id);
  return ids;
}

/**
 * A calendar month closes at `at` (00:00 of the next month's first day): every member with a
 * mismatch in the longest window is held against each rung; `highest` applies the last rung
 * that holds, `all` every one. Members who left are not sanctioned.
 */
export function* monthClose(r: Reducer, at: number): Step {
  const { zone, mismatchRungs, mismatchWindow, policy } = r.prepared;
  const ladder = policy.rules.M;
  const oldest = zone.monthStartAfter(at, -mismatchWindow);
  const month = zone.monthKey(at - 1);
  for (const staffId of [...r.state.mismatchStaff].sort()) {
    const staff = r.staff(staffId);
    const last = staff.mismatches[staff.mismatches.length - 1];
    if (last === undefined || last.at < oldest) {
      r.state.mismatchStaff.delete(staffId);
      continue;
    }
    if (!ladder.enabled || staff.left) continue;
    const holding: Array<{ rung: MismatchRung; check: Check; ids: string[] }> = [];
    for (const { rung, check } of mismatchRungs) {
      const ids = marksIn(staff.mismatches, zone.monthStartAfter(at, -rung.windowMonths), at);
      if (yield { check, facts: { mismatches: ids.length, windowMonths: rung.windowMonths } }) holding.push({ rung, check, ids });
    }
    const applied = ladder.combine === 'highest' ? holding.slice(-1) : holding;
    for (const { rung, check, ids } of applied) {
      const rule = check.text;
      applySanction(r, staff, rung.rule, rung.then, at, ids, {
        zh: `截至 ${month} 的 ${rung.windowMonths} 个月内客户类型判定不匹配 ${ids.length} 次(${rule.zh})`,
        en: `${ids.length} confirmed tier mismatches in the ${rung.windowMonths} month${rung.windowMonths === 1 ? '' : 's'} to ${month} (${rule.en})`,
      });
    }
  }
}
