import type { Facts } from '../conditions/condition-types.js';
import { applyConsequences } from '../core/consequences.js';
import type { PreparedLadder } from '../core/prepared-policy.js';
import type { Query, Reducer, Step } from '../core/reducer.js';
import { applySanction } from '../core/sanctions.js';
import type { Mark, SanctionEntry, SanctionKind, StaffState } from '../core/state.js';
import type { FineReason } from '../decisions/decision-types.js';
import type { AllotEvent, AppealDecided, DecisionAcknowledged, DecisionAcknowledgementRefused, DecisionAppealed, DecisionDismissed } from '../events/event-types.js';
import { join, yuan } from '../explain.js';
import { DEFAULT_APPEAL_WINDOW_DAYS, type Localized } from '../policy/policy-types.js';
import type { Consequences } from '../policy/policy-v2-types.js';
import { judgeEach, judgeMonth, type Judged } from './count-ladder.js';

/**
 * Acknowledgements, appeals and dismissals (SPEC §3 additions, docs/semantics.md "Appeals").
 * They name a sanction the engine decided by its decision id. An overturned or dismissed
 * sanction is superseded, and its offences stop counting on every ladder from then on; each
 * ladder that counted them is re-derived over its history: the decisions that no longer hold
 * are superseded, the ones that hold instead are emitted now (a ban keeps its original start).
 * A reduced sanction is superseded by its reduced form. Nothing emitted before is changed.
 */

export type DecisionEvent = DecisionAcknowledged | DecisionAcknowledgementRefused | DecisionAppealed | AppealDecided | DecisionDismissed;

/** A reason an event cannot apply: the field at fault and a sentence. */
export interface EventProblem {
  field: string;
  message: string;
}

const SANCTIONS = 'staff.paused, staff.banned, staff.hotline_banned, staff.fined or staff.termination_review';

const isDecisionEvent = (e: AllotEvent): e is DecisionEvent =>
  e.type === 'decision.acknowledged' || e.type === 'decision.acknowledgement_refused' || e.type === 'decision.appealed' || e.type === 'appeal.decided' || e.type === 'decision.dismissed';

/** The policy's appeal window in calendar days. */
export const appealWindowDays = (r: Reducer): number => r.prepared.policy.options.appealWindowDays ?? DEFAULT_APPEAL_WINDOW_DAYS;

const q = JSON.stringify;

/** Why this event cannot apply to the history so far, or null when it can. Changes nothing. */
export function eventProblem(r: Reducer, e: AllotEvent, at: number): EventProblem | null {
  if (!isDecisionEvent(e)) return null;
  const entry = r.state.sanctions.get(e.decisionId);
  if (entry === undefined) {
    return { field: 'decisionId', message: `no sanction with decision id ${q(e.decisionId)} was decided before ${e.at} (only ${SANCTIONS} decisions can be answered)` };
  }
  if (entry.supersededBy !== undefined) {
    return { field: 'decisionId', message: `decision ${q(entry.id)} no longer holds: event ${q(entry.supersededBy)} superseded it` };
  }
  const ownMember = (): EventProblem | null =>
    'staffId' in e && e.staffId !== entry.staffId
      ? { field: 'staffId', message: `decision ${q(entry.id)} sanctions ${q(entry.staffId)}, not ${q(e.staffId)}: only the sanctioned member answers it` }
      : null;
  switch (e.type) {
    case 'decision.acknowledged':
    case 'decision.acknowledgement_refused':
      if (entry.acknowledged !== undefined) return { field: 'decisionId', message: `decision ${q(entry.id)} was already acknowledged (event ${q(entry.acknowledged)})` };
      return ownMember();
    case 'decision.appealed': {
      const own = ownMember();
      if (own !== null) return own;
      if (entry.appealed !== undefined) {
        return entry.appealDecided === undefined
          ? { field: 'decisionId', message: `decision ${q(entry.id)} is already under appeal (event ${q(entry.appealed)})` }
          : { field: 'decisionId', message: `decision ${q(entry.id)} was already appealed (event ${q(entry.appealed)}) and decided (event ${q(entry.appealDecided)}): a decision is appealed once` };
      }
      const days = appealWindowDays(r);
      const closes = r.prepared.zone.addDays(entry.at, days);
      if (at > closes) {
        return { field: 'at', message: `too late: the appeal window of decision ${q(entry.id)} (${r.iso(entry.at)}) is ${days} days and closed at ${r.iso(closes)}` };
      }
      return null;
    }
    case 'appeal.decided': {
      if (entry.appealed === undefined || entry.appealDecided !== undefined) {
        return { field: 'decisionId', message: `decision ${q(entry.id)} has no pending appeal${entry.appealDecided === undefined ? '' : ` (event ${q(entry.appealDecided)} already decided it)`}` };
      }
      if (e.outcome !== 'reduced') return null;
      return reductionProblem(r, entry, e);
    }
    case 'decision.dismissed':
      return null;
  }
}

function reductionProblem(r: Reducer, entry: SanctionEntry, e: AppealDecided): EventProblem | null {
  if (entry.kind === 'staff.fined') {
    if (e.amountFen === undefined) return { field: 'amountFen', message: 'a fine is reduced to amountFen (integer fen); days is for bans' };
    if (e.amountFen === 0 || e.amountFen >= (entry.amountFen ?? 0)) {
      return { field: 'amountFen', message: `must be more than 0 and less than the fine's ${entry.amountFen ?? 0} fen, got ${e.amountFen} (to cancel a fine, overturn it)` };
    }
    return null;
  }
  if (entry.kind === 'staff.banned' || entry.kind === 'staff.hotline_banned') {
    if (e.days === undefined) return { field: 'days', message: 'a ban is reduced to days (calendar days from its start); amountFen is for fines' };
    if (r.prepared.zone.addDays(entry.from ?? entry.at, e.days) >= (entry.until ?? entry.at)) {
      return { field: 'days', message: `${e.days} days from ${r.iso(entry.from ?? entry.at)} is not shorter than the ban, which ends at ${r.iso(entry.until ?? entry.at)}` };
    }
    return null;
  }
  return { field: 'outcome', message: `a ${entry.kind} decision cannot be reduced: uphold or overturn it` };
}

/**
 * `decision.*` and `appeal.decided`, checked against the ledger first. One that cannot apply
 * decides and changes nothing: the CLI and the runtime reject its line before (`eventProblem`),
 * and a replay of the history under another policy (what-if), where the decision it names may
 * not exist, goes on without it.
 */
export function* decisionEvent(r: Reducer, e: DecisionEvent, at: number): Step {
  if (eventProblem(r, e, at) !== null) return;
  const entry = r.state.sanctions.get(e.decisionId) as SanctionEntry;
  switch (e.type) {
    case 'decision.acknowledged':
      entry.acknowledged = e.id;
      return;
    case 'decision.acknowledgement_refused':
      entry.refused = e.id;
      return;
    case 'decision.appealed':
      entry.appealed = e.id;
      return;
    case 'appeal.decided':
      entry.appealDecided = e.id;
      if (e.outcome === 'overturned') {
        yield* setAside(r, entry, e.id, at, { zh: `申诉改判撤销(${e.by}:${e.reason})`, en: `overturned on appeal (${e.by}: ${e.reason})` });
      } else if (e.outcome === 'reduced') {
        reduce(r, entry, e, at);
      }
      return;
    case 'decision.dismissed':
      if (entry.appealed !== undefined && entry.appealDecided === undefined) entry.appealDecided = e.id;
      yield* setAside(r, entry, e.id, at, { zh: `经理撤销(${e.by}:${e.reason})`, en: `dismissed by a manager (${e.by}: ${e.reason})` });
      return;
  }
}

/** Emits `decision.superseded` for a ledger entry and lifts what it imposed (pause left, ban). */
function supersede(r: Reducer, entry: SanctionEntry, by: string, at: number, why: Localized): void {
  entry.supersededBy = by;
  const staff = r.staff(entry.staffId);
  if (entry.kind === 'staff.paused') {
    const p = staff.pauses.find((x) => x.seq === entry.seq);
    if (p !== undefined && p.remaining > 0) {
      staff.pauseTotal -= p.remaining;
      p.remaining = 0;
      r.pauseChanges.add(staff.id);
    }
  } else if (entry.kind === 'staff.banned' || entry.kind === 'staff.hotline_banned') {
    const records = entry.kind === 'staff.banned' ? staff.bans : staff.hotlineBans;
    const i = records.findIndex((b) => b.seq === entry.seq);
    if (i >= 0) records.splice(i, 1);
  }
  r.emit('decision.superseded', entry.rule, at, { decisionId: entry.id, staffId: entry.staffId, by }, [by], {
    zh: `${entry.kind} 决定 ${entry.id} 不再有效:${why.zh}`,
    en: `${entry.kind} decision ${entry.id} no longer holds: ${why.en}`,
  });
}

/** A reduced fine or ban: the original is superseded by its reduced form, decided now. */
function reduce(r: Reducer, entry: SanctionEntry, e: AppealDecided, at: number): void {
  supersede(r, entry, e.id, at, { zh: `申诉减轻处罚(${e.by}:${e.reason})`, en: `reduced on appeal (${e.by}: ${e.reason})` });
  const staff = r.staff(entry.staffId);
  const cause = [...entry.cause, e.id];
  r.origin = { source: entry.source, offences: entry.offences, keyAt: entry.keyAt };
  if (entry.kind === 'staff.fined' && e.amountFen !== undefined) {
    applySanction(r, staff, entry.rule, { fineFen: e.amountFen }, at, cause,
      { zh: `申诉减轻:${entry.id} 的罚款 ${yuan(entry.amountFen ?? 0)} 元改为`, en: `reduced on appeal: the ${yuan(entry.amountFen ?? 0)} yuan fine of ${entry.id} becomes` },
      (entry.reason ?? 'late_follow_up') as FineReason);
  } else if (e.days !== undefined) {
    const from = entry.from ?? entry.at;
    const until = r.prepared.zone.addDays(from, e.days);
    const records = entry.kind === 'staff.banned' ? staff.bans : staff.hotlineBans;
    records.push({ rule: entry.rule, from, until, seq: ++r.state.seq });
    const what: Localized = entry.kind === 'staff.banned'
      ? { zh: `停止资源分配 ${e.days} 天`, en: `no allocations for ${e.days} day${e.days === 1 ? '' : 's'}` }
      : { zh: `${e.days} 天内不能安排400、离线宝接听`, en: `off the 400 / Lixianbao hotline for ${e.days} day${e.days === 1 ? '' : 's'}` };
    r.emit(entry.kind as 'staff.banned' | 'staff.hotline_banned', entry.rule, at, { staffId: staff.id, from: r.iso(from), until: r.iso(until) }, cause,
      join([{ zh: `申诉减轻:${entry.id}`, en: `reduced on appeal: ${entry.id}` }, what], ',', ' → '));
  }
  r.origin = undefined;
  const reduced = r.lastSanction;
  if (reduced !== undefined && reduced !== entry) reduced.matches = entry.matches ?? keyOf(entry);
}

/** What a decision derivation is matched by: kind, rule, the instant it belongs to and its size. */
function keyOf(entry: { kind: SanctionKind; rule: string; keyAt: number; count?: number; from?: number; until?: number; amountFen?: number; reason?: string }): string {
  const span = entry.from !== undefined && entry.until !== undefined ? entry.until - entry.from : '';
  return `${entry.kind}|${entry.rule}|${entry.keyAt}|${entry.count ?? ''}|${span}|${entry.amountFen ?? ''}|${entry.reason ?? ''}`;
}

/** A decision a re-derivation says should hold, with what it would have been decided from. */
interface Derived {
  kind: SanctionKind;
  rule: string;
  keyAt: number;
  then: Consequences;
  count?: number;
  from?: number;
  until?: number;
  amountFen?: number;
  reason?: string;
  cause: string[];
  offences: string[];
  why: Localized;
}

/** The decisions one judged rung gives at `at` (in applySanction's order). */
function derivedOf(r: Reducer, j: Judged, at: number, offences: string[]): Derived[] {
  const then = j.g.rung.then;
  const zone = r.prepared.zone;
  const base = { rule: j.g.rule, keyAt: at, cause: j.ids, offences, why: j.why };
  const out: Derived[] = [];
  if ((then.pause ?? 0) > 0) out.push({ ...base, kind: 'staff.paused', then: { pause: then.pause ?? 0 }, count: then.pause ?? 0 });
  if ((then.banDays ?? 0) > 0) out.push({ ...base, kind: 'staff.banned', then: { banDays: then.banDays ?? 0 }, from: at, until: zone.addDays(at, then.banDays ?? 0) });
  if ((then.hotlineBanMonths ?? 0) > 0) {
    out.push({ ...base, kind: 'staff.hotline_banned', then: { hotlineBanMonths: then.hotlineBanMonths ?? 0 }, from: at, until: zone.addMonths(at, then.hotlineBanMonths ?? 0) });
  }
  if ((then.fineFen ?? 0) > 0) {
    const reason = then.fineReason ?? 'late_follow_up';
    out.push({ ...base, kind: 'staff.fined', then: { fineFen: then.fineFen ?? 0, fineReason: reason }, amountFen: then.fineFen ?? 0, reason });
  }
  if (then.terminationReview === true) out.push({ ...base, kind: 'staff.termination_review', then: { terminationReview: true } });
  return out;
}

/** Every ladder of the policy in force, by id. */
function laddersById(r: Reducer): Map<string, PreparedLadder> {
  const out = new Map<string, PreparedLadder>();
  for (const list of r.prepared.occurrences.values()) for (const item of list) if (item.kind === 'ladder') out.set(item.rule.id, item);
  return out;
}

/**
 * Sets a sanction aside (overturned, dismissed): it is superseded, its offences leave every
 * ladder's marks, and each ladder that lost a mark is re-derived for that member.
 */
function* setAside(r: Reducer, entry: SanctionEntry, by: string, at: number, why: Localized): Step {
  supersede(r, entry, by, at, why);
  const offences = new Set(entry.offences);
  const ladders = laddersById(r);
  const affected: Array<{ staff: StaffState; ladder: PreparedLadder; earliest: number }> = [];
  for (const staffId of [...r.state.staff.keys()].sort()) {
    const staff = r.state.staff.get(staffId) as StaffState;
    for (const [ladderId, marks] of Object.entries(staff.marks)) {
      let earliest = Number.POSITIVE_INFINITY;
      const kept: Mark[] = [];
      for (const m of marks) {
        if (offences.has(m.id)) earliest = Math.min(earliest, m.at);
        else kept.push(m);
      }
      if (kept.length === marks.length) continue;
      staff.marks[ladderId] = kept;
      const ladder = ladders.get(ladderId);
      if (ladder !== undefined && ladder.rule.enabled) affected.push({ staff, ladder, earliest });
    }
  }
  // Re-derive in the policy's rule order, then by member.
  const order = [...ladders.keys()];
  affected.sort((a, b) => order.indexOf(a.ladder.rule.id) - order.indexOf(b.ladder.rule.id) || (a.staff.id < b.staff.id ? -1 : a.staff.id > b.staff.id ? 1 : 0));
  for (const a of affected) yield* rederive(r, a.staff, a.ladder, a.earliest, by, at);
}

/** The ladder's decisions for this member from `cutoff` on, as its marks now say. */
function* deriveLadder(r: Reducer, staff: StaffState, ladder: PreparedLadder, cutoff: number, at: number): Generator<Query, Derived[], boolean> {
  const marks = staff.marks[ladder.rule.id] ?? [];
  const out: Derived[] = [];
  if (ladder.rule.evaluate === 'month_close') {
    const zone = r.prepared.zone;
    // Month closes already fired: those strictly before the appeal's instant.
    for (let close = cutoff; close < at; close = zone.monthStartAfter(close, 1)) {
      if (staff.leftAt !== undefined && staff.leftAt <= close) continue;
      const judged = yield* judgeMonth(r, ladder, marks, close);
      for (const j of judged ?? []) out.push(...derivedOf(r, j, close, j.ids));
    }
    return out;
  }
  for (let i = 0; i < marks.length; i++) {
    const m = marks[i] as Mark;
    if (m.at < cutoff) continue;
    const judged = yield* judgeEach(r, ladder, marks, i, (m.facts ?? {}) as Facts);
    for (const j of judged) out.push(...derivedOf(r, j, m.at, [m.id]));
  }
  return out;
}

/**
 * Re-derives one member's ladder after it lost marks: in-force decisions of the ladder from the
 * first one that could change are matched against the derivation; the unmatched ones are
 * superseded, the derived ones nothing matched are decided now.
 */
function* rederive(r: Reducer, staff: StaffState, ladder: PreparedLadder, earliest: number, by: string, at: number): Step {
  const cutoff = ladder.rule.evaluate === 'month_close' ? r.prepared.zone.monthStartAfter(earliest, 1) : earliest;
  const derived = yield* deriveLadder(r, staff, ladder, cutoff, at);
  const pending = new Map<string, Derived[]>();
  for (const d of derived) {
    const k = keyOf(d);
    const list = pending.get(k);
    if (list === undefined) pending.set(k, [d]);
    else list.push(d);
  }
  const stale: SanctionEntry[] = [];
  for (const entry of r.state.sanctions.values()) {
    if (entry.staffId !== staff.id || entry.source !== ladder.rule.id || entry.supersededBy !== undefined || entry.keyAt < cutoff) continue;
    const list = pending.get(entry.matches ?? keyOf(entry));
    if (list !== undefined && list.length > 0) list.shift();
    else stale.push(entry);
  }
  for (const entry of stale) {
    supersede(r, entry, by, at, {
      zh: `事件 ${by} 撤销了其所依据的记录,按 ${ladder.rule.id} 重新计算后不再成立`,
      en: `event ${by} set aside what it counted; re-derived under ${ladder.rule.id} it no longer holds`,
    });
  }
  for (const d of derived) {
    const list = pending.get(keyOf(d));
    if (list === undefined || !list.includes(d)) continue;
    list.splice(list.indexOf(d), 1);
    const why: Localized = {
      zh: `事件 ${by} 后按 ${ladder.rule.id} 重新计算(原应于 ${r.iso(d.keyAt)} 决定):${d.why.zh}`,
      en: `re-derived under ${ladder.rule.id} after event ${by} (due at ${r.iso(d.keyAt)}): ${d.why.en}`,
    };
    r.origin = { source: ladder.rule.id, offences: d.offences, keyAt: d.keyAt };
    const cause = [...d.cause, by];
    if (d.kind === 'staff.termination_review') applyConsequences(r, staff, d.rule, d.then, at, cause, why);
    else applySanction(r, staff, d.rule, d.then, at, cause, why, (d.reason ?? 'late_follow_up') as FineReason, d.from);
    r.origin = undefined;
  }
}
