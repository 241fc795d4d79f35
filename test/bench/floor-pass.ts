import type { AllotEvent, Decision } from '@allot/engine';
import { parseAt } from './handwritten/shanghai-time.js';

/** What {@link floorPass} keeps per subject: just a counter, so the lookup cannot be optimised away. */
interface Seen {
  events: number;
}

/**
 * The floor under every path: read each event's instant and find (or create) the state of the
 * client or staff member it is about, and nothing else. No reducer can beat this on the same
 * machine, so it tells how far the absolute targets are from what the hardware allows. Decides
 * nothing: returns no decisions.
 */
export function floorPass(events: Iterable<AllotEvent>): Decision[] {
  const subjects = new Map<string, Seen>();
  let last = Number.NEGATIVE_INFINITY;
  for (const event of events) {
    const t = parseAt(event.at);
    if (t < last) throw new Error(`events out of time order at ${event.id}`);
    last = t;
    const id = 'clientId' in event ? event.clientId : 'staffId' in event ? event.staffId : event.decisionId;
    const seen = subjects.get(id);
    if (seen === undefined) subjects.set(id, { events: 1 });
    else seen.events++;
  }
  return [];
}
