import type { Decision } from '../decisions/decision-types.js';
import type { AllotEvent } from '../events/event-types.js';
import { leadAllocate, leadAssigned } from '../rules/allocation.js';
import { claimExtended, clientReassigned, clientRegistered, clientSwapped, inactivityDue, reviewDue, salesActivity } from '../rules/clients.js';
import { dealClosed } from '../rules/credit.js';
import { entryLate } from '../rules/fines.js';
import { contactMade, followUpDue, managerReported } from '../rules/follow-up.js';
import { monthClose, tierMismatch } from '../rules/mismatch.js';
import { staffJoined, staffLeft } from '../rules/staff.js';
import { leadReceived } from '../rules/tiering.js';
import { violation } from '../rules/violations.js';
import type { Deadline } from './deadline-queue.js';
import type { Reducer, Step } from './reducer.js';

/** Thrown for input the engine cannot decide through (events out of order, unknown types). */
export class EngineError extends Error {
  override readonly name = 'EngineError';
}

/** Applies one event. Returns a step when the event's rules need condition results. */
export function applyEvent(r: Reducer, e: AllotEvent, at: number): Step | undefined {
  r.beginSource(e.id);
  switch (e.type) {
    case 'lead.received':
      return leadReceived(r, e, at);
    case 'violation':
      return violation(r, e, at);
    case 'staff.joined':
      staffJoined(r, e);
      break;
    case 'staff.left':
      staffLeft(r, e, at);
      break;
    case 'lead.allocate':
      leadAllocate(r, e, at);
      break;
    case 'lead.assigned':
      leadAssigned(r, e, at);
      break;
    case 'contact.made':
      contactMade(r, e, at);
      break;
    case 'manager.reported':
      managerReported(r, e, at);
      break;
    case 'tier.mismatch':
      tierMismatch(r, e, at);
      break;
    case 'entry.late':
      entryLate(r, e, at);
      break;
    case 'client.registered':
      clientRegistered(r, e, at);
      break;
    case 'sales.activity':
      salesActivity(r, e, at);
      break;
    case 'deal.closed':
      dealClosed(r, e, at);
      break;
    case 'claim.extended':
      claimExtended(r, e, at);
      break;
    case 'client.swapped':
      clientSwapped(r, e, at);
      break;
    case 'client.reassigned':
      clientReassigned(r, e, at);
      break;
    default:
      throw new EngineError(`unknown event type ${JSON.stringify((e as { type?: unknown }).type)} (event ${JSON.stringify((e as { id?: unknown }).id)})`);
  }
  return undefined;
}

/** Fires one deadline. Returns a step when its rule needs condition results. */
export function fireDeadline(r: Reducer, d: Deadline): Step | undefined {
  if (d.kind === 'month_close') {
    r.beginSource(`M:${d.at}`);
    const next = r.prepared.zone.monthStartAfter(d.at, 1);
    r.state.nextMonthClose = next;
    r.schedule(next, 'M', '', 'month_close', 0);
    return monthClose(r, d.at);
  }
  const client = r.state.clients.get(d.subject);
  if (client === undefined) return undefined;
  r.beginSource(`${d.rule}:${d.subject}:${d.at}`);
  if (d.kind === 'follow_up') return followUpDue(r, client, d.token, d.at);
  if (d.kind === 'review') reviewDue(r, client, d.token, d.at);
  else inactivityDue(r, client, d.token, d.at);
  return undefined;
}

/** Subject of a decision for the tie order at one instant: staffId of staff decisions, else clientId. */
const subjectOf = (d: Decision): string => (d.kind.startsWith('staff.') ? (d as { staffId: string }).staffId : (d as { clientId: string }).clientId);

/** Sorts the deadline decisions of one instant (from index `start`) by rule id, then subject id; stable. */
export function sortDeadlineBatch(out: Decision[], start: number): void {
  if (out.length - start < 2) return;
  const batch = out.splice(start);
  batch.sort((a, b) => {
    if (a.rule !== b.rule) return a.rule < b.rule ? -1 : 1;
    const sa = subjectOf(a);
    const sb = subjectOf(b);
    return sa === sb ? 0 : sa < sb ? -1 : 1;
  });
  for (const d of batch) out.push(d);
}
