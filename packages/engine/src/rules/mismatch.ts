import type { Reducer } from '../core/reducer.js';
import type { TierMismatch } from '../events/event-types.js';

/**
 * `tier.mismatch`: the client's tier is corrected and the rep is owed replacements (M4, an
 * ownership built-in). Counting it against the receptionist (M1–M3) is the policy's count
 * ladder on `tier.mismatch` (see count-ladder.ts).
 */
export function tierMismatch(r: Reducer, e: TierMismatch, at: number): void {
  r.staff(e.receptionistId, 'receptionist');
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
