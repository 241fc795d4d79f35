import { addMonths } from './shanghai-time.js';
import { R3_DEADLINE } from './reducer-state.js';
import type { ClientState, ReducerState, StaffState } from './reducer-state.js';

/** R3's window in 1.0.0: 2 calendar months. */
const R3_MONTHS = 2;

/** Makes sure a heap entry is pending at or before `client.r3Deadline`. */
export function scheduleInactivity(state: ReducerState, client: ClientState): void {
  const deadline = client.r3Deadline;
  if (deadline < client.r3Scheduled) {
    state.heap.push({ time: deadline, kind: R3_DEADLINE, client, token: 0 });
    client.r3Scheduled = deadline;
  }
}

/**
 * (Re)arms R3 from `client.r3Start` when R3 applies. The deadline is recomputed every time:
 * month-end clamping can make a later start fall due earlier (Jul 31 + 2 months = Sep 30).
 */
export function armInactivity(state: ReducerState, client: ClientState): void {
  if (!client.handedOut || client.converted || client.owner === null) {
    client.r3Deadline = Number.NaN;
    return;
  }
  client.r3Deadline = addMonths(client.r3Start, R3_MONTHS);
  client.r3Notified = false;
  scheduleInactivity(state, client);
}

/** Closes the client's open D1 window without a decision. */
export function closeFollowUp(client: ClientState): void {
  client.d1 = null;
}

/**
 * Makes `to` the owner (a change of owner: closes D1, restarts R3's clock). An assignment to
 * the current owner is not a change and does nothing. Returns true when the owner changed.
 */
export function changeOwner(
  state: ReducerState,
  client: ClientState,
  to: StaffState,
  t: number,
  causeId: string,
  unapprovedSwap: boolean,
): boolean {
  const from = client.owner;
  if (from === to) return false;
  if (from !== null) from.owned.delete(client);
  to.owned.add(client);
  client.owner = to;
  client.unapprovedSwap = unapprovedSwap;
  closeFollowUp(client);
  client.r3Start = t;
  client.r3Cause = causeId;
  armInactivity(state, client);
  return true;
}

/** Returns the client to the pool: no owner, R2 cancelled, R3 and D1 closed. */
export function returnToPool(state: ReducerState, client: ClientState): void {
  const from = client.owner;
  if (from !== null) from.owned.delete(client);
  client.owner = null;
  client.unapprovedSwap = false;
  client.registered = false;
  client.handedOut = false;
  client.converted = false;
  client.r2Active = false;
  client.r2Token = ++state.tokens;
  client.r3Deadline = Number.NaN;
  closeFollowUp(client);
}

/** The owner's `sales.activity` / `contact.made` restarts R3's clock. */
export function ownerActivity(state: ReducerState, client: ClientState, t: number, causeId: string): void {
  client.r3Start = t;
  client.r3Cause = causeId;
  armInactivity(state, client);
}
