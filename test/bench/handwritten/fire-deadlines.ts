import type { Decision } from '@allot/engine';
import { EXPLAIN } from './explanations.js';
import { D1_DEADLINE, nextId, R2_DEADLINE, R3_DEADLINE } from './reducer-state.js';
import { scheduleInactivity } from './ownership.js';
import type { Deadline, ReducerState, SanctionRule, StaffState } from './reducer-state.js';
import { addDays, addMonths, formatAt, monthIndexOf, monthStart } from './shanghai-time.js';
import { addBan, addPause } from './staff-ring.js';

const subjectOf = (d: Decision): string => ('clientId' in d ? d.clientId : d.staffId);
const byRuleThenSubject = (a: Decision, b: Decision): number => {
  if (a.rule !== b.rule) return a.rule < b.rule ? -1 : 1;
  const sa = subjectOf(a);
  const sb = subjectOf(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
};

const setSource = (state: ReducerState, rule: string, subject: string, time: number): void => {
  state.source = `${rule}:${subject}:${time}`;
  state.seq = 0;
};

/** R3's entry at `time`: the notice when the clock's deadline is now, else re-push or drop. */
function fireInactivity(state: ReducerState, entry: Deadline): void {
  const client = entry.client;
  const time = entry.time;
  if (time === client.r3Scheduled) client.r3Scheduled = Number.POSITIVE_INFINITY;
  const deadline = client.r3Deadline;
  if (deadline > time) return scheduleInactivity(state, client);
  if (deadline !== time || client.r3Notified) return; // off (NaN), or superseded
  client.r3Notified = true;
  const owner = client.owner;
  if (owner === null || client.converted || !client.handedOut) return;
  setSource(state, 'R3', client.id, time);
  state.out.push({
    id: nextId(state), at: formatAt(time), kind: 'client.reclaim_due', rule: 'R3', policy: state.policy, cause: [client.r3Cause],
    explain: EXPLAIN['client.reclaim_due'], clientId: client.id, staffId: owner.id, reason: 'inactive',
  });
}

/** One popped deadline: D1 (pause 1, fine 0 → no fine), R2 review, R3 notice. Stale ones do nothing. */
function fireOne(state: ReducerState, entry: Deadline): void {
  const client = entry.client;
  if (entry.kind === R3_DEADLINE) return fireInactivity(state, entry);
  if (entry.kind === D1_DEADLINE) {
    const window = client.d1;
    if (window === null || entry.token !== client.d1Token) return;
    client.d1 = null;
    if (window.staff.left || (window.contacted && window.reported)) return;
    addPause(window.staff, 'D1', 1);
    setSource(state, 'D1', window.staff.id, entry.time);
    state.out.push({
      id: nextId(state), at: formatAt(entry.time), kind: 'staff.paused', rule: 'D1', policy: state.policy, cause: [window.causeId],
      explain: EXPLAIN['staff.paused'], staffId: window.staff.id, count: 1,
    });
    return;
  }
  // R2: the review goes to whoever owns the client now.
  const owner = client.owner;
  if (entry.kind !== R2_DEADLINE || entry.token !== client.r2Token || !client.r2Active) return;
  if (owner === null) return;
  setSource(state, 'R2', client.id, entry.time);
  state.out.push({
    id: nextId(state), at: formatAt(entry.time), kind: 'client.review_due', rule: 'R2', policy: state.policy, cause: client.r2Causes.slice(),
    explain: EXPLAIN['client.review_due'], clientId: client.id, staffId: owner.id, reason: 'not_converted',
  });
}

/** M1–M3 (combine "highest") for one receptionist when month `closing` closes at `time`. */
function closeMonthFor(state: ReducerState, member: StaffState, closing: number, time: number, at: string): void {
  const months = member.mismatchMonths;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  let first = months.length;
  for (let i = months.length - 1; i >= 0; i--) {
    const m = months[i]!;
    if (m > closing) continue;
    if (m < closing - 2) break;
    first = i;
    c3++;
    if (m >= closing - 1) c2++;
    if (m === closing) c1++;
  }
  let rule: SanctionRule;
  let window: number;
  if (c3 >= 10) [rule, window] = ['M3', 3];
  else if (c2 >= 6) [rule, window] = ['M2', 2];
  else if (c1 >= 3) [rule, window] = ['M1', 1];
  else return;
  const cause: string[] = [];
  for (let i = first; i < months.length; i++) {
    const m = months[i]!;
    if (m <= closing && m > closing - window) cause.push(member.mismatchIds[i]!);
  }
  setSource(state, rule, member.id, time);
  const base = { policy: state.policy, cause, staffId: member.id };
  if (rule === 'M3') {
    const banUntil = addDays(time, 7);
    addBan(member, 'M3', time, banUntil);
    state.out.push({ ...base, id: nextId(state), at, kind: 'staff.banned', rule, explain: EXPLAIN['staff.banned'], from: at, until: formatAt(banUntil) });
    state.out.push({
      ...base, id: nextId(state), at, kind: 'staff.hotline_banned', rule, explain: EXPLAIN['staff.hotline_banned'], from: at, until: formatAt(addMonths(time, 1)),
    });
    return;
  }
  const count = rule === 'M2' ? 3 : 1;
  addPause(member, rule, count);
  state.out.push({ ...base, id: nextId(state), at, kind: 'staff.paused', rule, explain: EXPLAIN['staff.paused'], count });
}

/** The month that ended at `time` (a month start) is closed: evaluate every receptionist with a recent mismatch. */
function closeMonth(state: ReducerState, time: number, at: string): void {
  const closing = monthIndexOf(time) - 1;
  const byMonth = state.mismatchByMonth;
  const seen = new Set<StaffState>();
  for (let m = closing - 2; m <= closing; m++) {
    const set = byMonth.get(m);
    if (set === undefined) continue;
    for (const member of set) {
      if (seen.has(member)) continue;
      seen.add(member);
      if (!member.left) closeMonthFor(state, member, closing, time, at);
    }
  }
  byMonth.delete(closing - 2);
}

/** Fires every deadline due at exactly `time`, decisions sorted by rule, then subject. */
function fireBatch(state: ReducerState, time: number): void {
  const out = state.out;
  const start = out.length;
  const heap = state.heap;
  while (heap.size > 0 && heap.peekTime() === time) fireOne(state, heap.pop());
  if (state.nextClose === time) {
    closeMonth(state, time, formatAt(time));
    state.nextClose = monthStart(monthIndexOf(time) + 1);
  }
  if (out.length - start > 1) {
    const batch = out.splice(start).sort(byRuleThenSubject);
    for (const d of batch) out.push(d);
  }
}

/**
 * Fires, in time order, every deadline before `limit` (strictly, or at or before it when
 * `inclusive`): "events apply before deadlines" at the same instant.
 */
export function fireDeadlines(state: ReducerState, limit: number, inclusive: boolean): void {
  if (Number.isNaN(state.nextClose)) return; // no event yet: nothing is scheduled
  for (;;) {
    const heapTime = state.heap.peekTime();
    const time = heapTime < state.nextClose ? heapTime : state.nextClose;
    if (inclusive ? time > limit : time >= limit) return;
    fireBatch(state, time);
  }
}
