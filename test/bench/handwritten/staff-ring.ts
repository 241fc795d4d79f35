import type { ReducerState, SanctionRule, StaffState } from './reducer-state.js';

/**
 * P1's allocation ring (roles `rep` and `receptionist`, `staff.joined` order, no cap, no level
 * matching) and the pause / ban bookkeeping it reads.
 */

/** Appends a member at the ring's end. */
export function joinRing(state: ReducerState, member: StaffState): void {
  if (member.inRing) return;
  member.inRing = true;
  state.ring.push(member);
}

/** Removes a member; the pointer keeps pointing at the same next member. */
export function leaveRing(state: ReducerState, member: StaffState): void {
  if (!member.inRing) return;
  member.inRing = false;
  const ring = state.ring;
  const index = ring.indexOf(member);
  if (index < 0) return;
  ring.splice(index, 1);
  if (index < state.pointer) state.pointer--;
  if (state.pointer >= ring.length) state.pointer = 0;
}

/** The earliest imposed ban running at `t` (expired ones are pruned), or undefined. */
export function runningBanRule(member: StaffState, t: number): SanctionRule | undefined {
  const bans = member.bans;
  if (bans.length === 0) return undefined;
  let found: SanctionRule | undefined;
  let write = 0;
  for (let i = 0; i < bans.length; i++) {
    const ban = bans[i]!;
    if (ban.until <= t) continue; // expired for good: time only moves forward
    bans[write++] = ban;
    if (found === undefined && ban.from <= t) found = ban.rule;
  }
  bans.length = write;
  return found;
}

/** Adds a `staff.paused` decision's pauses. */
export function addPause(member: StaffState, rule: SanctionRule, count: number): void {
  member.pauses.push({ rule, remaining: count });
  member.pauseTotal += count;
}

/** Adds a ban `[from, until)`. */
export function addBan(member: StaffState, rule: SanctionRule, from: number, until: number): void {
  member.bans.push({ rule, from, until });
}

/** The rule of the earliest imposed pause record still holding pauses. */
export function pauseRule(member: StaffState): SanctionRule | undefined {
  for (const p of member.pauses) if (p.remaining > 0) return p.rule;
  return undefined;
}

/** Uses up one pause of the earliest imposed record. */
function usePause(member: StaffState): void {
  const pauses = member.pauses;
  const first = pauses[0]!;
  first.remaining--;
  member.pauseTotal--;
  if (first.remaining === 0) pauses.shift();
}

/**
 * One allocation at `t`: visits each member once from the pointer; banned → passed over,
 * paused → one pause used and passed over; the first other member gets it and the pointer
 * moves past them. Returns undefined when nobody is eligible (pointer unchanged).
 */
export function allocate(state: ReducerState, t: number): StaffState | undefined {
  const ring = state.ring;
  const n = ring.length;
  let index = state.pointer;
  for (let k = 0; k < n; k++, index++) {
    if (index === n) index = 0;
    const member = ring[index]!;
    if (member.bans.length !== 0 && runningBanRule(member, t) !== undefined) continue;
    if (member.pauseTotal > 0) {
      usePause(member);
      continue;
    }
    state.pointer = index + 1 === n ? 0 : index + 1;
    return member;
  }
  return undefined;
}
