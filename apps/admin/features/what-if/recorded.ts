import type { AllotEvent, Engine, LeadAllocate, LeadAssigned, AnyPolicy as Policy } from '@allot/engine';

/**
 * "Allocations as recorded": the candidate run replaces every `lead.allocate` by the assignment
 * the base run made for it, so both runs hand each lead to the same person and the follow-ups,
 * activities and deals recorded afterwards still match their owner (without it, a candidate that
 * bans or pauses someone re-runs the ring: later leads go elsewhere and D1 pauses cascade).
 *
 * A recorded assignment is checked, never overridden: an assignment to someone the candidate
 * bans or pauses becomes an `allocation.breach` — an allocation the candidate would have blocked.
 * The ring, though, is what uses pauses up (SPEC §2: a paused member reached by the pointer is
 * passed over and loses one pause); a recorded assignment does not, so without the ring every
 * later assignment to a paused member would count as blocked. The candidate run therefore uses
 * pauses up where the base ring visited the member: when the base ring passed over them (it used
 * up one of the base's pauses there) and when the assignment it made to them is blocked by a
 * pause. Members passed over for being at the cap or of another level leave no trace and use
 * nothing. With the same policy on both sides the two runs then decide exactly the same.
 */

/** The assignment that stands for an allocation the base ring made (same id, client, instant and mode). */
export function asAssignment(e: LeadAllocate, staffId: string): LeadAssigned {
  return { id: e.id, type: 'lead.assigned', at: e.at, clientId: e.clientId, staffId, mode: e.mode ?? 'pool' };
}

/** Is this event an allocation the base ring made (so the candidate replays it as an assignment)? */
export function allocatedByBase(e: AllotEvent, allocations: ReadonlyMap<string, string>): e is LeadAllocate {
  return e.type === 'lead.allocate' && allocations.has(e.id);
}

/**
 * Uses up one pause of each member (the earliest imposed first, as the ring does) and returns the
 * engine to go on with (the same one: `Engine.usePause` changes its state in place, without a
 * snapshot's copy of the whole state).
 */
export function usePauses(engine: Engine, _policy: Policy, staffIds: readonly string[]): Engine {
  for (const id of staffIds) engine.usePause(id);
  return engine;
}
