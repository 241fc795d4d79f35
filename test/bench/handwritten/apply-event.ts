import type { AllotEvent, Tier } from '@allot/engine';
import { EXPLAIN } from './explanations.js';
import { armInactivity, changeOwner, ownerActivity, returnToPool, scheduleInactivity } from './ownership.js';
import { clientOf, D1_DEADLINE, nextId, R2_DEADLINE, staffOf } from './reducer-state.js';
import type { ClientState, ReducerState, StaffState } from './reducer-state.js';
import { addDays, addMonths, formatAt, MINUTE_MS, monthIndexOf, parseAt } from './shanghai-time.js';
import { addBan, addPause, allocate, joinRing, leaveRing, pauseRule, runningBanRule } from './staff-ring.js';

// Policy 1.0.0's numbers, hard-coded (SPEC §2 defaults).
const TIER_A_FEN = 80_000_000;
const TIER_B_FEN = 40_000_000;
const TIER_C_FEN = 20_000_000;
const LATE_FINE_FEN = 2000;
const D1_WINDOW_MS = 10 * MINUTE_MS;
const R1_WINDOW_MS = 24 * 60 * MINUTE_MS;
const R2_MONTHS = 6;

const tierOf = (fen: number): Tier => (fen >= TIER_A_FEN ? 'A' : fen >= TIER_B_FEN ? 'B' : fen >= TIER_C_FEN ? 'C' : 'D');
const banDaysOf = (violations: number): number => (violations <= 1 ? 7 : violations === 2 ? 15 : 30);

/** Opens D1's 10-minute window for `member` on `client` (replacing any open one). */
function openFollowUp(state: ReducerState, client: ClientState, member: StaffState, t: number, causeId: string): void {
  client.d1 = { staff: member, causeId, contacted: false, reported: false };
  client.d1Token = ++state.tokens;
  state.heap.push({ time: t + D1_WINDOW_MS, kind: D1_DEADLINE, client, token: client.d1Token });
}

/**
 * Starts or moves R2's deadline and re-arms it. A deadline already past (an extension granted
 * after the review fell due, too short to reach today) fires at `now`, after the events at that
 * instant: decisions never go back in time.
 */
function armDevelopment(state: ReducerState, client: ClientState, now: number): void {
  client.r2Token = ++state.tokens;
  const time = client.r2Deadline < now ? now : client.r2Deadline;
  state.heap.push({ time, kind: R2_DEADLINE, client, token: client.r2Token });
}

/** `staff.left` (L1): leave the ring; each owned client, by id, to the successor or the pool. */
function staffLeft(state: ReducerState, e: Extract<AllotEvent, { type: 'staff.left' }>, t: number, at: string): void {
  const member = staffOf(state, e.staffId);
  member.left = true;
  leaveRing(state, member);
  if (member.owned.size === 0) return;
  const clients = [...member.owned].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const successor = e.successorId === undefined ? null : staffOf(state, e.successorId);
  for (const client of clients) {
    if (successor !== null) {
      if (!changeOwner(state, client, successor, t, e.id, false)) continue;
      state.out.push({
        id: nextId(state), at, kind: 'client.transferred', rule: 'L1', policy: state.policy, cause: [e.id],
        explain: EXPLAIN['client.transferred'], clientId: client.id, fromStaffId: member.id, toStaffId: successor.id,
      });
    } else {
      returnToPool(state, client);
      state.out.push({
        id: nextId(state), at, kind: 'client.reclaimed', rule: 'L1', policy: state.policy, cause: [e.id],
        explain: EXPLAIN['client.reclaimed'], clientId: client.id, fromStaffId: member.id,
      });
    }
  }
}

/** `lead.assigned`: breach check, then the recorded assignment (and D1 when direct). */
function leadAssigned(state: ReducerState, e: Extract<AllotEvent, { type: 'lead.assigned' }>, t: number, at: string): void {
  const client = clientOf(state, e.clientId);
  const member = staffOf(state, e.staffId);
  const banRule = member.bans.length === 0 ? undefined : runningBanRule(member, t);
  const breachRule = banRule ?? (member.pauseTotal > 0 ? pauseRule(member) : undefined);
  if (breachRule !== undefined) {
    state.out.push({
      id: nextId(state), at, kind: 'allocation.breach', rule: breachRule, policy: state.policy, cause: [e.id],
      explain: EXPLAIN['allocation.breach'], clientId: client.id, staffId: member.id, reason: banRule !== undefined ? 'banned' : 'paused',
    });
  }
  handOut(state, client, member, t, e.id);
  if (e.mode === 'direct') openFollowUp(state, client, member, t, e.id);
}

/**
 * `lead.assigned` / `client.reassigned`: the hold is handed out (R3). To a new owner R3
 * restarts; to the current owner it starts only when it was not running (held by
 * registration only, or ended by a closed deal).
 */
function handOut(state: ReducerState, client: ClientState, member: StaffState, t: number, causeId: string): void {
  const wasRunning = client.handedOut && !client.converted;
  client.handedOut = true;
  client.converted = false;
  if (!changeOwner(state, client, member, t, causeId, false) && !wasRunning) {
    client.r3Start = t;
    client.r3Cause = causeId;
    armInactivity(state, client);
  }
}

/** `client.registered` (R1, R2 start). */
function clientRegistered(state: ReducerState, e: Extract<AllotEvent, { type: 'client.registered' }>, t: number, at: string): void {
  const client = clientOf(state, e.clientId);
  const member = staffOf(state, e.staffId);
  const owner = client.owner;
  if (owner !== null && owner !== member) {
    state.out.push({
      id: nextId(state), at, kind: 'registration.rejected', rule: 'R1', policy: state.policy, cause: [e.id],
      explain: EXPLAIN['registration.rejected'], clientId: client.id, staffId: member.id, protectedBy: owner.id,
      ...(client.registered && client.r2Active ? { until: formatAt(client.r2Deadline) } : {}),
    });
    return;
  }
  // A repeated registration while R2 runs decides nothing; after a closed deal it starts anew.
  if (owner === member && client.registered && client.r2Active) return;
  if (t - parseAt(e.developedAt) > R1_WINDOW_MS) {
    state.out.push({
      id: nextId(state), at, kind: 'registration.late', rule: 'R1', policy: state.policy, cause: [e.id],
      explain: EXPLAIN['registration.late'], clientId: client.id, staffId: member.id,
    });
  }
  changeOwner(state, client, member, t, e.id, false);
  client.registered = true;
  client.r2Deadline = addMonths(t, R2_MONTHS);
  client.r2Causes = [e.id];
  client.r2Active = true;
  armDevelopment(state, client, t);
}

/** `deal.closed`: credit (R2 / R4 / R5); R2 and R3 end. */
function dealClosed(state: ReducerState, e: Extract<AllotEvent, { type: 'deal.closed' }>, at: string): void {
  const client = clientOf(state, e.clientId);
  const owner = client.owner;
  let to = 'department';
  let rule = 'R2';
  if (owner === null) rule = 'R5';
  else if (owner.id !== e.staffId || client.unapprovedSwap) rule = 'R4';
  else to = e.staffId;
  state.out.push({
    id: nextId(state), at, kind: 'deal.credited', rule, policy: state.policy, cause: [e.id],
    explain: EXPLAIN['deal.credited'], clientId: client.id, to, amountFen: e.amountFen,
  });
  client.converted = true;
  client.r2Active = false;
  client.r2Token = ++state.tokens;
  client.r3Deadline = Number.NaN;
}

/** `opening.staff`: a ban from now, pauses owed, prior violations on V1's count; no decision. */
function openingStaff(state: ReducerState, e: Extract<AllotEvent, { type: 'opening.staff' }>, t: number): void {
  const member = staffOf(state, e.staffId);
  if (e.banUntil !== undefined && parseAt(e.banUntil) > t) addBan(member, e.rule ?? 'V1', t, parseAt(e.banUntil));
  if (e.pausesOwed !== undefined) addPause(member, e.rule ?? 'M1', e.pausesOwed);
  if (e.priorViolations !== undefined) {
    member.violationIds.push(e.id);
    member.violationExtra += e.priorViolations - 1;
  }
}

/** `opening.client`: what ran before ends; the owner, tier and the opened clocks (past ones fall due now). */
function openingClient(state: ReducerState, e: Extract<AllotEvent, { type: 'opening.client' }>, t: number): void {
  const client = clientOf(state, e.clientId);
  if (e.tier !== undefined) client.tier = e.tier;
  returnToPool(state, client);
  if (e.owner === undefined) return;
  const owner = staffOf(state, e.owner);
  owner.owned.add(client);
  client.owner = owner;
  if (e.registeredAt !== undefined || e.r2Deadline !== undefined) {
    client.registered = true;
    client.r2Active = true;
    client.r2Deadline = e.r2Deadline !== undefined ? parseAt(e.r2Deadline) : addMonths(parseAt(e.registeredAt!), R2_MONTHS);
    client.r2Causes = [e.id];
    armDevelopment(state, client, t);
  }
  if (e.handedOutAt !== undefined) {
    client.handedOut = true;
    const handed = parseAt(e.handedOutAt);
    client.r3Start = e.lastActivityAt === undefined ? handed : Math.max(handed, parseAt(e.lastActivityAt));
    client.r3Cause = e.id;
    client.r3Notified = false;
    // A notice already due falls due now: decisions never go back in time.
    client.r3Deadline = Math.max(addMonths(client.r3Start, 2), t);
    scheduleInactivity(state, client);
  }
}

/**
 * Applies one event at instant `t` (its `at`, already parsed), pushing its decisions to
 * `state.out` in SPEC order. `at` is the decisions' formatted instant.
 */
export function applyEvent(state: ReducerState, e: AllotEvent, t: number, at: string): void {
  state.source = e.id;
  state.seq = 0;
  switch (e.type) {
    case 'staff.joined': {
      const member = staffOf(state, e.staffId);
      member.joined = true;
      member.left = false;
      member.allocates = e.role === 'rep' || e.role === 'receptionist';
      if (member.allocates) joinRing(state, member);
      else leaveRing(state, member);
      return;
    }
    case 'staff.left':
      return staffLeft(state, e, t, at);
    case 'lead.received': {
      const client = clientOf(state, e.clientId);
      if (client.firstLeadId !== null) {
        state.out.push({
          id: nextId(state), at, kind: 'lead.duplicate', rule: 'D2', policy: state.policy, cause: [e.id],
          explain: EXPLAIN['lead.duplicate'], clientId: client.id, keptEventId: client.firstLeadId,
        });
        return;
      }
      client.firstLeadId = e.id;
      if (e.expectedDealFen !== undefined) {
        const tier = tierOf(e.expectedDealFen);
        client.tier = tier;
        state.out.push({
          id: nextId(state), at, kind: 'client.tiered', rule: 'T1', policy: state.policy, cause: [e.id],
          explain: EXPLAIN['client.tiered'], clientId: client.id, tier, expectedDealFen: e.expectedDealFen,
        });
      } else if (e.classifiedTier !== undefined) {
        client.tier = e.classifiedTier;
      }
      return;
    }
    case 'lead.allocate': {
      const client = clientOf(state, e.clientId);
      if (client.owner !== null) {
        state.out.push({
          id: nextId(state), at, kind: 'lead.unallocated', rule: 'P1', policy: state.policy, cause: [e.id],
          explain: EXPLAIN['lead.unallocated'], clientId: client.id, reason: 'already_owned',
        });
        return;
      }
      const member = allocate(state, t);
      if (member === undefined) {
        state.out.push({
          id: nextId(state), at, kind: 'lead.unallocated', rule: 'P1', policy: state.policy, cause: [e.id],
          explain: EXPLAIN['lead.unallocated'], clientId: client.id, reason: 'no_eligible_staff',
        });
        return;
      }
      state.out.push({
        id: nextId(state), at, kind: 'lead.allocated', rule: 'P1', policy: state.policy, cause: [e.id],
        explain: EXPLAIN['lead.allocated'], clientId: client.id, staffId: member.id,
      });
      client.handedOut = true;
      client.converted = false;
      changeOwner(state, client, member, t, e.id, false);
      if (e.mode === 'direct') openFollowUp(state, client, member, t, e.id);
      return;
    }
    case 'lead.assigned':
      return leadAssigned(state, e, t, at);
    case 'contact.made':
    case 'manager.reported':
    case 'sales.activity': {
      const client = clientOf(state, e.clientId);
      const window = client.d1;
      if (window !== null && window.staff.id === e.staffId) {
        if (e.type === 'contact.made') window.contacted = true;
        else if (e.type === 'manager.reported') window.reported = true;
      }
      if (e.type !== 'manager.reported' && client.owner !== null && client.owner.id === e.staffId) ownerActivity(state, client, t, e.id);
      return;
    }
    case 'tier.mismatch': {
      clientOf(state, e.clientId).tier = e.actualTier;
      const receptionist = staffOf(state, e.receptionistId);
      const month = monthIndexOf(t);
      receptionist.mismatchMonths.push(month);
      receptionist.mismatchIds.push(e.id);
      let set = state.mismatchByMonth.get(month);
      if (set === undefined) state.mismatchByMonth.set(month, (set = new Set()));
      set.add(receptionist);
      state.out.push({
        id: nextId(state), at, kind: 'staff.replacement_owed', rule: 'M4', policy: state.policy, cause: [e.id],
        explain: EXPLAIN['staff.replacement_owed'], staffId: e.repId, tier: e.classifiedTier,
      });
      return;
    }
    case 'entry.late':
      state.out.push({
        id: nextId(state), at, kind: 'staff.fined', rule: e.form === 'abcd_table' ? 'F1' : 'F2', policy: state.policy, cause: [e.id],
        explain: EXPLAIN['staff.fined'], staffId: e.staffId, amountFen: LATE_FINE_FEN, reason: e.form,
      });
      return;
    case 'violation': {
      const member = staffOf(state, e.staffId);
      if (e.severity === 'serious') {
        state.out.push({
          id: nextId(state), at, kind: 'staff.termination_review', rule: 'V1', policy: state.policy, cause: [e.id],
          explain: EXPLAIN['staff.termination_review'], staffId: member.id,
        });
        return;
      }
      member.violationIds.push(e.id);
      const until = addDays(t, banDaysOf(member.violationIds.length + member.violationExtra));
      addBan(member, 'V1', t, until);
      state.out.push({
        id: nextId(state), at, kind: 'staff.banned', rule: 'V1', policy: state.policy, cause: member.violationIds.slice(),
        explain: EXPLAIN['staff.banned'], staffId: member.id, from: at, until: formatAt(until),
      });
      return;
    }
    case 'client.registered':
      return clientRegistered(state, e, t, at);
    case 'deal.closed':
      return dealClosed(state, e, at);
    case 'claim.extended': {
      const client = clientOf(state, e.clientId);
      if (!client.r2Active) return;
      client.r2Deadline = addDays(client.r2Deadline, e.days);
      client.r2Causes.push(e.id);
      armDevelopment(state, client, t);
      return;
    }
    case 'client.swapped':
      changeOwner(state, clientOf(state, e.clientId), staffOf(state, e.toStaffId), t, e.id, e.approvedBy === undefined);
      return;
    case 'client.reassigned':
      handOut(state, clientOf(state, e.clientId), staffOf(state, e.toStaffId), t, e.id);
      return;
    case 'opening.staff':
      return openingStaff(state, e, t);
    case 'opening.client':
      return openingClient(state, e, t);
  }
}
