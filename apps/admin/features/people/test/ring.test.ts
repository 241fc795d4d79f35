import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeadAllocated, LeadUnallocated, RingSeat, Tier } from '@allot/engine';
import { readRing } from '../ring';
import { openSeededApp, seedPolicy } from '../../shared/test/seeded-app';
import type { SeededApp } from '../../shared/test/seeded-app';

/**
 * The ring the people pages show is the engine's own: whatever it marks as next is who the
 * runtime's next `allocate` picks, and the members it says are passed over lose what it says.
 * Checked against the real runtime over a real PGlite store seeded with the example history.
 */

describe('the allocation ring of the people pages', () => {
  let app: SeededApp;
  beforeAll(async () => {
    // The example history ends 2026-03-31 22:38 (China time); the March month close (M1–M3) is
    // due at 04-01 00:00 and not recorded yet: the ring must count it, as the next allocation will.
    app = await openSeededApp('2026-04-01T09:00:00+08:00');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  let clientNo = 0;
  const minute = 60_000;
  const advance = (ms: number): void => app.clock.set(new Date(app.clock.now().getTime() + ms).toISOString());

  /** Reads the ring, allocates through the runtime, and checks the ring's prediction; returns the seats passed over. */
  async function allocateAndCheck(tier: Tier | null = null, clientId = `c-ring-${++clientNo}`): Promise<RingSeat[]> {
    const ring = await readRing(app.runtime, app.clock.now());
    const preview = ring.rings.find((r) => r.tier === tier)?.preview;
    expect(preview).toBeDefined();
    if (preview === undefined) return [];
    const decided = (await app.runtime.allocate(clientId)) as LeadAllocated | LeadUnallocated | null;
    if (preview.next === null) expect(decided).toMatchObject({ kind: 'lead.unallocated', reason: 'no_eligible_staff' });
    else expect(decided, `allocation at ${ring.at}`).toMatchObject({ kind: 'lead.allocated', staffId: preview.next });
    const passed = preview.seats.filter((s) => s.turn === 'passed');
    for (const seat of passed) {
      const status = await app.runtime.status(seat.staffId);
      if (seat.block?.reason === 'paused') expect(status.pausesLeft, seat.staffId).toBe(seat.pausesLeft - 1);
      if (seat.block?.reason === 'banned') expect(status.bannedUntil === null ? null : Date.parse(status.bannedUntil), seat.staffId).toBe(Date.parse(seat.block.until));
    }
    advance(minute);
    return passed;
  }

  it('counts the deadlines due since the record ends, as the next allocation does', async () => {
    const ring = await readRing(app.runtime, app.clock.now());
    expect(ring.runtimeTime).toBe('2026-03-31T14:38:30.000Z');
    expect(ring.at).toBe('2026-04-01T01:00:00.000Z');
    expect(ring.policy?.version).toBe('1.0.0');
    const banned = ring.unrecorded.sanctions.find((s) => s.kind === 'staff.banned');
    expect(banned, 'the March close bans a receptionist under M3').toMatchObject({ rule: 'M3', at: '2026-04-01T00:00:00+08:00' });
    const id = banned?.staffId ?? '';
    // The runtime's status projection does not know it yet; the ring does.
    expect((await app.runtime.status(id)).banned).toBe(false);
    const seat = ring.rings[0]?.preview.seats.find((s) => s.staffId === id);
    expect(seat?.block).toMatchObject({ reason: 'banned', rule: 'M3', until: '2026-04-08T00:00:00+08:00' });
  });

  it('names the member every next allocation goes to, and who it passes over and why', async () => {
    // A direct allocation nobody follows up: D1 pauses its owner 10 minutes later (unrecorded until the next write).
    const direct = await app.runtime.ingest([{ id: 'ring-direct-0', type: 'lead.allocate', at: app.clock.now().toISOString(), clientId: 'c-ring-direct-0', mode: 'direct' }]);
    expect(direct.decisions.map((d) => d.kind)).toContain('lead.allocated');
    advance(11 * minute);
    const reasons = new Set<string>();
    for (let i = 0; i < 40 && !(reasons.has('paused') && reasons.has('banned')); i++) {
      for (const seat of await allocateAndCheck()) reasons.add(seat.block?.reason ?? 'none');
    }
    expect([...reasons].sort()).toEqual(['banned', 'paused']);
  });

  it('follows the runtime through a ban, a D1 pause and a new policy version with a cap', async () => {
    const start = app.clock.now().getTime();
    const iso = (ms: number): string => new Date(start + ms).toISOString();
    let ring = await readRing(app.runtime, app.clock.now());
    const first = ring.rings[0]?.preview.next ?? '';
    // A violation bans the member who is next (V1); a direct allocation nobody follows up pauses its owner (D1).
    const ingested = await app.runtime.ingest([
      { id: 'ring-v1', type: 'violation', at: iso(minute), staffId: first, severity: 'normal' },
      { id: 'ring-direct', type: 'lead.allocate', at: iso(2 * minute), clientId: 'c-ring-direct', mode: 'direct' },
    ]);
    expect(ingested.rejected).toEqual([]);
    const directTo = ingested.decisions.find((d) => d.kind === 'lead.allocated');
    expect(directTo).toBeDefined();
    const pausedId = (directTo as LeadAllocated).staffId;
    app.clock.set(iso(30 * minute)); // D1's 10 minutes have passed, unrecorded
    ring = await readRing(app.runtime, app.clock.now());
    const seats = new Map(ring.rings[0]?.preview.seats.map((s) => [s.staffId, s]));
    expect(seats.get(first)?.block).toMatchObject({ reason: 'banned', rule: 'V1' });
    expect(seats.get(pausedId)?.block).toMatchObject({ reason: 'paused', rule: 'D1', pausesLeft: 1 });
    expect(ring.unrecorded.sanctions).toContainEqual(expect.objectContaining({ staffId: pausedId, kind: 'staff.paused', rule: 'D1' }));
    await allocateAndCheck();

    // 1.1.0 caps owned clients at 25 from an instant after the runtime's time: the ring switches with it.
    const capped = seedPolicy();
    capped.version = '1.1.0';
    capped.rules.P1.capOwned = 25;
    await app.runtime.publish(capped, { effectiveFrom: iso(60 * minute), author: 'test', approver: 'test' });
    app.clock.set(iso(90 * minute));
    ring = await readRing(app.runtime, app.clock.now());
    expect(ring.policy?.version).toBe('1.1.0');
    expect(ring.capOwned).toBe(25);
    const atCap = ring.rings[0]?.preview.seats.filter((s) => s.block?.reason === 'cap') ?? [];
    expect(atCap.length).toBeGreaterThan(0);
    for (const s of atCap) expect(s.owned).toBeGreaterThanOrEqual(25);
    for (let i = 0; i < 5; i++) await allocateAndCheck();
  });

  it('with level matching, shows one ring per tier and each names the next member of that level', async () => {
    const matched = seedPolicy();
    matched.version = '1.2.0';
    matched.rules.P1.matchLevel = true;
    const now = app.clock.now().getTime();
    await app.runtime.publish(matched, { effectiveFrom: new Date(now).toISOString(), author: 'test', approver: 'test' });
    advance(minute);
    const ring = await readRing(app.runtime, app.clock.now());
    expect(ring.rings.map((r) => r.tier)).toEqual(['A', 'B', 'C', 'D']);
    for (const tier of ['A', 'B', 'C', 'D'] as const) {
      const clientId = `c-ring-tier-${tier}`;
      const received = await app.runtime.ingest([{ id: `ring-lead-${tier}`, type: 'lead.received', at: app.clock.now().toISOString(), clientId, channel: 'web', classifiedTier: tier }]);
      expect(received.rejected).toEqual([]);
      advance(minute);
      const passed = await allocateAndCheck(tier, clientId);
      for (const s of passed) if (s.block?.reason === 'level') expect(s.level).not.toBe(tier);
    }
  });
});
