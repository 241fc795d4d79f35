import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createEngine, parseEvents, previewRing, validatePolicy, type AllotEvent, type Policy, type Tier } from '@allot/engine';

const root = new URL('../../../', import.meta.url);
const loadPolicy = (): Policy => {
  const checked = validatePolicy(JSON.parse(readFileSync(new URL('policies/sales-resource/1.0.0.json', root), 'utf8')));
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.policy as Policy;
};
const history: AllotEvent[] = parseEvents(readFileSync(new URL('examples/history.jsonl', root), 'utf8')).events;

interface Outcome {
  allocations: number;
  passedOver: Record<'banned' | 'paused' | 'cap' | 'level', number>;
  unallocated: number;
}

/**
 * Replays the history; before every `lead.allocate`, previews the ring from a snapshot and then
 * lets the engine allocate: the preview must name the member the engine picks, and every paused
 * member it says the walk passes over must lose exactly one pause.
 */
function checkEveryAllocation(policy: Policy): Outcome {
  const engine = createEngine(policy);
  const outcome: Outcome = { allocations: 0, passedOver: { banned: 0, paused: 0, cap: 0, level: 0 }, unallocated: 0 };
  for (const event of history) {
    if (event.type !== 'lead.allocate') {
      engine.apply(event);
      continue;
    }
    engine.advanceTo(event.at, { inclusive: false });
    const snapshot = engine.snapshot();
    const client = snapshot.state.clients.find((c) => c.id === event.clientId);
    const owned = client?.owner !== undefined;
    const tier: Tier | null = client?.tier ?? null;
    const preview = previewRing(snapshot, policy, { at: event.at, tier });
    // The live engine's preview (no snapshot) is the same.
    expect(engine.previewRing(policy, { at: event.at, tier })).toEqual(preview);
    const queued = [...snapshot.queue.heap, ...Object.values(snapshot.queue.lanes).flat()].map((d) => d.at);
    expect(engine.nextDeadline).toBe(queued.length === 0 ? null : Math.min(...queued));
    const before = new Map(preview.seats.map((s) => [s.staffId, engine.pausesLeft(s.staffId)]));
    const decided = engine.apply(event).find((d) => d.kind === 'lead.allocated' || d.kind === 'lead.unallocated');
    if (owned) {
      expect(decided).toMatchObject({ kind: 'lead.unallocated', reason: 'already_owned' });
      continue;
    }
    if (preview.next === null) {
      expect(decided, event.id).toMatchObject({ kind: 'lead.unallocated', reason: 'no_eligible_staff' });
      outcome.unallocated++;
    } else {
      expect(decided, event.id).toMatchObject({ kind: 'lead.allocated', staffId: preview.next });
      outcome.allocations++;
    }
    for (const seat of preview.seats) {
      const used = seat.turn === 'passed' && seat.block?.reason === 'paused' ? 1 : 0;
      expect(engine.pausesLeft(seat.staffId), `${event.id} ${seat.staffId}`).toBe((before.get(seat.staffId) ?? 0) - used);
      if (seat.turn === 'passed' && seat.block !== null) outcome.passedOver[seat.block.reason]++;
    }
    // The walk visits the ring from the pointer: passed members first, then the next one, then the rest.
    const turns = preview.seats.map((s) => s.turn).join(' ');
    expect(turns).toMatch(/^(passed ?)*(next ?)?(later ?)*$/);
  }
  return outcome;
}

describe('previewRing', () => {
  it('names the member the engine gives every allocation of the example history to (seed policy)', () => {
    const outcome = checkEveryAllocation(loadPolicy());
    expect(outcome.allocations).toBeGreaterThan(400);
    // The history has bans and pauses in force at allocation times: the preview is tested on them.
    expect(outcome.passedOver.banned).toBeGreaterThan(0);
    expect(outcome.passedOver.paused).toBeGreaterThan(0);
  });

  it('agrees under level matching and a cap on owned clients', () => {
    const policy = loadPolicy();
    policy.rules.P1.matchLevel = true;
    policy.rules.P1.capOwned = 12;
    const outcome = checkEveryAllocation(policy);
    expect(outcome.passedOver.level).toBeGreaterThan(0);
    expect(outcome.passedOver.cap).toBeGreaterThan(0);
    expect(outcome.allocations).toBeGreaterThan(0);
  });

  it('changes nothing: the snapshot is the same after a preview', () => {
    const policy = loadPolicy();
    const engine = createEngine(policy);
    for (const e of history.slice(0, 1500)) engine.apply(e);
    const snapshot = engine.snapshot();
    const copy = JSON.stringify(snapshot);
    const preview = previewRing(snapshot, policy, { at: '2026-02-01T00:00:00+08:00' });
    expect(JSON.stringify(snapshot)).toBe(copy);
    expect(preview.seats.map((s) => s.staffId).sort()).toEqual([...snapshot.state.ring].sort());
    expect(preview.seats[0]?.staffId).toBe(snapshot.state.ring[snapshot.state.pointer]);
  });

  it('with P1 disabled names nobody', () => {
    const policy = loadPolicy();
    policy.rules.P1.enabled = false;
    const engine = createEngine(policy);
    for (const e of history.slice(0, 100)) engine.apply(e);
    const preview = previewRing(engine.snapshot(), policy, { at: '2026-01-05T00:00:00+08:00' });
    expect(preview.enabled).toBe(false);
    expect(preview.next).toBeNull();
    expect(preview.seats.every((s) => s.turn === 'later' && s.block === null)).toBe(true);
  });
});
