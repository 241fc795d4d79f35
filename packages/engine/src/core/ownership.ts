import type { Reducer } from './reducer.js';
import type { ClientState, Clock } from './state.js';

/**
 * Makes `staffId` the client's owner. Returns false (and changes nothing) when they already
 * own it: an assignment to the current owner is not a change. A change closes the open D1
 * window and restarts R3's clock when the current hold is handed out.
 */
export function setOwner(r: Reducer, client: ClientState, staffId: string, at: number, causeId: string, unapprovedSwap = false): boolean {
  if (client.owner === staffId) return false;
  if (client.owner !== undefined) r.staff(client.owner).owned.delete(client.id);
  client.owner = staffId;
  r.staff(staffId).owned.add(client.id);
  client.unapprovedSwap = unapprovedSwap;
  client.followUp = undefined;
  if (client.allocated) armInactivity(r, client, at, causeId);
  return true;
}

/**
 * Sends the client back to the pool: the hold ends with its clocks (no owner; R2, R3 and D1
 * end), so whoever holds the client next starts afresh (SPEC §2 "How a client is held").
 */
export function returnToPool(r: Reducer, client: ClientState): void {
  if (client.owner !== undefined) r.staff(client.owner).owned.delete(client.id);
  client.owner = undefined;
  client.unapprovedSwap = false;
  client.allocated = false;
  client.registered = false;
  client.closed = false;
  client.development = undefined;
  client.inactivity = undefined;
  client.followUp = undefined;
}

const clock = (r: Reducer, deadline: number, causes: string[]): Clock => ({ deadline, causes, token: r.nextToken(), fired: false });

/**
 * (Re)starts R3's inactivity clock at `at`. When the new deadline is not earlier than the queued
 * entry, only the clock moves and the entry re-arms when it surfaces (see `inactivityDue`), so
 * routine activity costs no queue work. Month-end clamping can make a later start fall due
 * earlier (Jul 31 + 2 months = Sep 30, before Jul 30 17:00 + 2 months): then a new entry is queued.
 */
export function armInactivity(r: Reducer, client: ClientState, at: number, causeId: string): void {
  if (client.closed) return;
  const deadline = r.prepared.zone.addMonths(at, r.prepared.policy.rules.R3.windowMonths);
  const running = client.inactivity;
  if (running !== undefined && !running.fired && deadline >= running.queued) {
    running.start = at;
    running.deadline = deadline;
    running.cause = causeId;
    return;
  }
  const token = r.nextToken();
  client.inactivity = { start: at, deadline, queued: deadline, cause: causeId, token, fired: false };
  // Event time + a window is usually in time order, so it takes the R3 lane (the queue falls back to its heap when not).
  r.schedule(deadline, 'R3', client.id, 'inactivity', token, 'R3');
}

/** Starts (or moves) R2's development deadline; fires at `fireAt` (the deadline, or later if it is past). */
export function armDevelopment(r: Reducer, client: ClientState, deadline: number, causes: string[], fireAt = deadline, lane?: string): void {
  const c = clock(r, deadline, causes);
  client.development = c;
  r.schedule(fireAt, 'R2', client.id, 'review', c.token, lane);
}
