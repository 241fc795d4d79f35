import type { FineReason } from '../decisions/decision-types.js';
import { join, yuan } from '../explain.js';
import type { Localized, Sanction } from '../policy/policy-types.js';
import type { Reducer } from './reducer.js';
import type { BanRecord, StaffState } from './state.js';

/** The running ban that blocks the member at `t` and was imposed first, if any. */
export function blockingBan(staff: StaffState, t: number): BanRecord | undefined {
  let found: BanRecord | undefined;
  for (const b of staff.bans) if (b.from <= t && t < b.until && (found === undefined || b.seq < found.seq)) found = b;
  return found;
}

/** The rule of the earliest imposed pause still to be used, if any. */
export function blockingPauseRule(staff: StaffState): string | undefined {
  for (const p of staff.pauses) if (p.remaining > 0) return p.rule;
  return undefined;
}

/** Uses up one pause: the earliest imposed first. */
export function usePause(staff: StaffState): void {
  const pauses = staff.pauses;
  for (let i = 0; i < pauses.length; i++) {
    const p = pauses[i];
    if (p !== undefined && p.remaining > 0) {
      p.remaining--;
      staff.pauseTotal--;
      if (p.remaining === 0 && i === 0) pauses.shift();
      return;
    }
  }
}

const startOf = (records: BanRecord[], at: number, stack: boolean): number => {
  if (!stack) return at;
  let from = at;
  for (const b of records) if (b.until > from) from = b.until;
  return from;
};

/**
 * Applies a rule's sanction to a member at `at` (bans from `banFrom` when given), emitting staff.paused, staff.banned,
 * staff.hotline_banned and staff.fined in that order. `why` says what triggered it.
 */
export function applySanction(
  r: Reducer,
  staff: StaffState,
  rule: string,
  then: Sanction,
  at: number,
  cause: string[],
  why: Localized,
  fineReason: FineReason = 'late_follow_up',
  banFrom?: number,
): void {
  const state = r.state;
  const zone = r.prepared.zone;
  const stack = r.prepared.policy.options.banStack;
  const pause = then.pause ?? 0;
  if (pause > 0) {
    staff.pauses.push({ rule, remaining: pause, seq: ++state.seq });
    staff.pauseTotal += pause;
    r.pauseChanges.add(staff.id);
    r.emit('staff.paused', rule, at, { staffId: staff.id, count: pause }, cause,
      join([why, { zh: `暂停资源分配 ${pause} 次`, en: `allocation paused ${pause} time${pause === 1 ? '' : 's'}` }], ',', ' → '));
  }
  // A ban and a hotline ban are the same mechanism over their own records: days vs months.
  const impose = (kind: 'staff.banned' | 'staff.hotline_banned', records: BanRecord[], until: (from: number) => number, what: Localized): void => {
    // A ban re-derived at an appeal keeps the start of the decision it stands for.
    const from = banFrom ?? startOf(records, at, stack);
    const end = until(from);
    records.push({ rule, from, until: end, seq: ++state.seq });
    r.emit(kind, rule, at, { staffId: staff.id, from: r.iso(from), until: r.iso(end) }, cause, join([why, what], ',', ' → '));
  };
  const banDays = then.banDays ?? 0;
  if (banDays > 0) {
    impose('staff.banned', staff.bans, (from) => zone.addDays(from, banDays), {
      zh: `停止资源分配 ${banDays} 天`,
      en: `no allocations for ${banDays} day${banDays === 1 ? '' : 's'}`,
    });
  }
  const hotlineMonths = then.hotlineBanMonths ?? 0;
  if (hotlineMonths > 0) {
    impose('staff.hotline_banned', staff.hotlineBans, (from) => zone.addMonths(from, hotlineMonths), {
      zh: `${hotlineMonths} 个月内不能安排400、离线宝接听`,
      en: `off the 400 / Lixianbao hotline for ${hotlineMonths} month${hotlineMonths === 1 ? '' : 's'}`,
    });
  }
  const fineFen = then.fineFen ?? 0;
  if (fineFen > 0) {
    r.emit('staff.fined', rule, at, { staffId: staff.id, amountFen: fineFen, reason: fineReason }, cause,
      join([why, { zh: `扣罚 ${yuan(fineFen)} 元`, en: `fined ${yuan(fineFen)} yuan` }], ',', ' → '));
  }
}
