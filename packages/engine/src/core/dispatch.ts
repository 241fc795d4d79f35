import type { Decision } from '../decisions/decision-types.js';
import type { AllotEvent } from '../events/event-types.js';
import { leadAllocate, leadAssigned } from '../rules/allocation.js';
import { claimExtended, clientReassigned, clientRegistered, clientSwapped, inactivityDue, reviewDue, salesActivity } from '../rules/clients.js';
import { dealClosed } from '../rules/credit.js';
import { contactMade, followUpDue, managerReported } from '../rules/follow-up.js';
import { monthClose } from '../rules/count-ladder.js';
import { tierMismatch } from '../rules/mismatch.js';
import { openingClient, openingStaff } from '../rules/opening.js';
import { occurrences } from '../rules/per-occurrence.js';
import { staffJoined, staffLeft } from '../rules/staff.js';
import { leadReceived } from '../rules/tiering.js';
import type { Deadline } from './deadline-queue.js';
import type { Reducer, Step } from './reducer.js';
import { EngineError } from './errors.js';
import { decisionEvent } from '../rules/appeals.js';

export { EngineError } from './errors.js';

type Handler<T extends AllotEvent['type']> = (r: Reducer, e: Extract<AllotEvent, { type: T }>, at: number) => Step | undefined;
type Handlers = { [T in AllotEvent['type']]: Handler<T> };

/** One handler per event type; `Step`-returning ones need condition results. */
const HANDLERS: Handlers = {
  'staff.joined': (r, e) => void staffJoined(r, e),
  'staff.left': (r, e, at) => void staffLeft(r, e, at),
  'lead.received': leadReceived,
  'lead.allocate': (r, e, at) => void leadAllocate(r, e, at),
  'lead.assigned': (r, e, at) => void leadAssigned(r, e, at),
  'contact.made': (r, e, at) => void contactMade(r, e, at),
  'manager.reported': (r, e, at) => void managerReported(r, e, at),
  'tier.mismatch': (r, e, at) => {
    tierMismatch(r, e, at);
    return occurrences(r, e, at);
  },
  'entry.late': occurrences,
  violation: (r, e, at) => {
    r.staff(e.staffId);
    return occurrences(r, e, at);
  },
  'staff.incident': occurrences,
  'client.registered': (r, e, at) => void clientRegistered(r, e, at),
  'sales.activity': (r, e, at) => void salesActivity(r, e, at),
  'deal.closed': (r, e, at) => void dealClosed(r, e, at),
  'claim.extended': (r, e, at) => void claimExtended(r, e, at),
  'client.swapped': (r, e, at) => void clientSwapped(r, e, at),
  'client.reassigned': (r, e, at) => void clientReassigned(r, e, at),
  'opening.staff': openingStaff,
  'opening.client': (r, e, at) => void openingClient(r, e, at),
  'decision.acknowledged': decisionEvent,
  'decision.acknowledgement_refused': decisionEvent,
  'decision.appealed': decisionEvent,
  'appeal.decided': decisionEvent,
  'decision.dismissed': decisionEvent,
};
const DISPATCH = new Map<string, Handler<AllotEvent['type']>>(Object.entries(HANDLERS) as Array<[string, Handler<AllotEvent['type']>]>);

/** Applies one event. Returns a step when the event's rules need condition results. */
export function applyEvent(r: Reducer, e: AllotEvent, at: number): Step | undefined {
  const handler = DISPATCH.get(e.type);
  if (handler === undefined) {
    throw new EngineError(`unknown event type ${JSON.stringify((e as { type?: unknown }).type)} (event ${JSON.stringify((e as { id?: unknown }).id)})`);
  }
  r.beginSource(e.id);
  return handler(r, e as never, at);
}

/** Fires one deadline. Returns a step when its rule needs condition results. */
export function fireDeadline(r: Reducer, d: Deadline): Step | undefined {
  if (d.kind === 'month_close') {
    r.beginDeadlineSource('M', '', d.at);
    if (r.state.mismatchStaff.size === 0) {
      // Nothing to hold against a ladder: the chain rests until the next event restarts it, so
      // a history with a gap of centuries (a mistyped year) does not walk every month between.
      r.state.nextMonthClose = null;
      return undefined;
    }
    const next = r.prepared.zone.monthStartAfter(d.at, 1);
    r.state.nextMonthClose = next;
    r.schedule(next, 'M', '', 'month_close', 0, 'M');
    return monthClose(r, d.at);
  }
  const client = r.state.clients.get(d.subject);
  if (client === undefined) return undefined;
  r.beginDeadlineSource(d.rule, d.subject, d.at);
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
