import type { Facts } from '../conditions/condition-types.js';
import { applyConsequences } from '../core/consequences.js';
import type { PreparedLadder, PreparedRung } from '../core/prepared-policy.js';
import type { Query, Reducer, Step } from '../core/reducer.js';
import type { Mark, StaffState } from '../core/state.js';
import type { AllotEvent } from '../events/event-types.js';
import type { Localized } from '../policy/policy-types.js';

/**
 * `count_ladder` (M1–M3, V1, and any ladder a policy adds): counts a subject's matching
 * events and climbs rungs by the count. Month-close ladders judge every member with a mark in
 * their longest window when a calendar month closes (members who left are not sanctioned);
 * each-event ladders judge at every counted event over all time or a look-back. `highest`
 * applies the last rung that holds, `all` every one. An event matching the escape condition
 * is not counted and has the escape's consequences instead.
 */

const COUNTED: Record<string, Localized> = {
  'tier.mismatch': { zh: '客户类型判定不匹配', en: 'confirmed tier mismatches' },
  violation: { zh: '违反公司规章制度并受处罚', en: 'violations' },
  'staff.incident': { zh: '违纪事件', en: 'incidents' },
  'entry.late': { zh: '未按时录入', en: 'late entries' },
};

const marksOf = (staff: StaffState, id: string): Mark[] => {
  let marks = staff.marks[id];
  if (marks === undefined) {
    marks = [];
    staff.marks[id] = marks;
  }
  return marks;
};

/** Ids of the marks in [from, to). Marks are in time order. */
function marksIn(marks: readonly Mark[], from: number, to: number): string[] {
  let end = marks.length;
  while (end > 0 && (marks[end - 1] as Mark).at >= to) end--;
  let start = end;
  while (start > 0 && (marks[start - 1] as Mark).at >= from) start--;
  const ids: string[] = [];
  for (let i = start; i < end; i++) ids.push((marks[i] as Mark).id);
  return ids;
}

const what = (ladder: PreparedLadder): Localized => {
  const base = COUNTED[ladder.rule.counts.on] ?? { zh: ladder.rule.counts.on, en: ladder.rule.counts.on };
  const title = ladder.rule.title;
  return ladder.rule.counts.when === undefined || title === undefined || ladder.rule.id === 'M' ? base : { zh: `${base.zh}(${title.zh})`, en: `${base.en} (${title.en})` };
};

const countFacts = (ladder: PreparedLadder, count: number, extra: Facts): Facts => {
  const facts: Record<string, unknown> = { ...extra, count };
  if (ladder.rule.countFact !== undefined) facts[ladder.rule.countFact] = count;
  return facts;
};

/** A rung that holds, with the counted ids and the sentence saying why. */
export interface Judged {
  g: PreparedRung;
  ids: string[];
  why: Localized;
}

/**
 * Judges an each-event ladder at the `i`-th mark (the event just counted): the count is the
 * marks up to it in the look-back. Shared by the event itself and an appeal's re-derivation.
 */
export function* judgeEach(r: Reducer, ladder: PreparedLadder, marks: readonly Mark[], i: number, facts: Facts): Generator<Query, Judged[], boolean> {
  const rule = ladder.rule;
  const zone = r.prepared.zone;
  const at = (marks[i] as Mark).at;
  const from =
    rule.lookbackDays !== undefined ? zone.addDays(at, -rule.lookbackDays)
    : rule.lookbackMonths === undefined || rule.lookbackMonths === null ? Number.NEGATIVE_INFINITY
    : zone.addMonths(at, -rule.lookbackMonths);
  const ids: string[] = [];
  let count = 0;
  for (let j = 0; j <= i; j++) {
    const m = marks[j] as Mark;
    if (m.at < from) continue;
    count++;
    // Prior violations opened by one `opening.staff` are several marks of one event: cited once.
    if (ids[ids.length - 1] !== m.id) ids.push(m.id);
  }
  const judged = countFacts(ladder, count, facts);
  const holding: PreparedRung[] = [];
  for (const g of ladder.rungs) if (yield { check: g.check, facts: judged }) holding.push(g);
  const applied = rule.combine === 'highest' ? holding.slice(-1) : holding;
  const span =
    rule.lookbackDays !== undefined ? { zh: `${rule.lookbackDays} 天内`, en: `in ${rule.lookbackDays} days` }
    : from === Number.NEGATIVE_INFINITY ? { zh: '累计', en: 'in all' }
    : { zh: `${rule.lookbackMonths} 个月内`, en: `in ${rule.lookbackMonths} months` };
  const counted = what(ladder);
  return applied.map((g) => ({
    g,
    ids,
    why: {
      zh: `${span.zh}第 ${count} 次${counted.zh}(${g.check.text.zh})`,
      en: `${counted.en} number ${count} ${span.en} (${g.check.text.en})`,
    },
  }));
}

/**
 * Judges a month-close ladder for one member's marks at the close `at`; null when no mark is in
 * the longest window (the member is no candidate for this ladder).
 */
export function* judgeMonth(r: Reducer, ladder: PreparedLadder, marks: readonly Mark[] | undefined, at: number): Generator<Query, Judged[] | null, boolean> {
  const zone = r.prepared.zone;
  if (marks === undefined) return null;
  // The last mark before the close (a re-derivation judges past closes; live, it is the last mark).
  let end = marks.length;
  while (end > 0 && (marks[end - 1] as Mark).at >= at) end--;
  const last = marks[end - 1];
  if (last === undefined || last.at < zone.monthStartAfter(at, -ladder.window)) return null;
  const month = zone.monthKey(at - 1);
  const holding: Array<{ g: PreparedRung; ids: string[]; months: number }> = [];
  for (const g of ladder.rungs) {
    const months = g.rung.windowMonths ?? 1;
    const ids = marksIn(marks, zone.monthStartAfter(at, -months), at);
    if (yield { check: g.check, facts: countFacts(ladder, ids.length, { windowMonths: months }) }) holding.push({ g, ids, months });
  }
  const applied = ladder.rule.combine === 'highest' ? holding.slice(-1) : holding;
  const counted = what(ladder);
  return applied.map(({ g, ids, months }) => ({
    g,
    ids,
    why: {
      zh: `截至 ${month} 的 ${months} 个月内${counted.zh} ${ids.length} 次(${g.check.text.zh})`,
      en: `${ids.length} ${counted.en} in the ${months} month${months === 1 ? '' : 's'} to ${month} (${g.check.text.en})`,
    },
  }));
}

/** A counted event: escape, or a mark (and, for each-event ladders, a judgement now). */
export function* countEvent(r: Reducer, ladder: PreparedLadder, e: AllotEvent, at: number): Step {
  const facts = e as unknown as Facts;
  if (!(yield { check: ladder.match, facts })) return;
  const subjectId = facts[ladder.subject];
  if (typeof subjectId !== 'string') return;
  const rule = ladder.rule;
  const staff = r.staff(subjectId, ladder.subject === 'receptionistId' ? 'receptionist' : 'rep');
  if (ladder.escape !== undefined && (yield { check: ladder.escape, facts })) {
    if (rule.enabled && rule.escape !== undefined) {
      applyConsequences(r, staff, rule.id, rule.escape.then, at, [e.id], {
        zh: `${rule.id}:${ladder.escape.text.zh}`,
        en: `${rule.id}: ${ladder.escape.text.en}`,
      });
    }
    return;
  }
  const marks = marksOf(staff, rule.id);
  if (rule.evaluate === 'month_close') {
    marks.push({ at, id: e.id });
    r.state.mismatchStaff.add(staff.id);
    return;
  }
  // Each-event ladders keep the event's fields: an appeal re-derives their rungs from them.
  marks.push({ at, id: e.id, facts });
  if (!rule.enabled) return;
  const applied = yield* judgeEach(r, ladder, marks, marks.length - 1, facts);
  r.origin = { source: rule.id, offences: [e.id] };
  for (const { g, ids, why } of applied) applyConsequences(r, staff, g.rule, g.rung.then, at, ids, why);
  r.origin = undefined;
}

/**
 * A calendar month closes at `at` (00:00 of the next month's first day): every candidate with
 * a mark in a ladder's longest window is held against each of its rungs.
 */
export function* monthClose(r: Reducer, at: number): Step {
  const { monthLadders } = r.prepared;
  for (const staffId of [...r.state.mismatchStaff].sort()) {
    const staff = r.staff(staffId);
    let recent = false;
    for (const ladder of monthLadders) {
      const marks = staff.marks[ladder.rule.id];
      const last = marks?.[marks.length - 1];
      if (marks === undefined || last === undefined || last.at < r.prepared.zone.monthStartAfter(at, -ladder.window)) continue;
      recent = true;
      if (!ladder.rule.enabled || staff.left) continue;
      const applied = (yield* judgeMonth(r, ladder, marks, at)) ?? [];
      for (const { g, ids, why } of applied) {
        r.origin = { source: ladder.rule.id, offences: ids };
        applyConsequences(r, staff, g.rule, g.rung.then, at, ids, why);
      }
      r.origin = undefined;
    }
    if (!recent) r.state.mismatchStaff.delete(staffId);
  }
}
