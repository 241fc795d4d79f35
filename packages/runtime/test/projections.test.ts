/**
 * Property: whatever the runtime wrote as projections (staff status, client state) and reads as
 * the ring equals what a fresh replay of the stored log gives, after random runs of ingests,
 * ticks and publishes, on both backends.
 */
import { createEngine, policyView, previewRing, TIERS } from '@allot/engine';
import type { AnyPolicy as Policy, Decision, Tier } from '@allot/engine';
import { createRuntime } from '@allot/runtime';
import type { Runtime } from '@allot/runtime';
import { readClientStates, readHead } from '@allot/store';
import type { StoreDb } from '@allot/store';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../../store/test/test-stores.js';
import { applyOp } from '../src/catch-up.js';
import { EngineHost } from '../src/engine-host.js';
import { readOps } from '../src/read-ops.js';
import { fixedClock, historyEvents, historyLines, seedPolicy } from './fixtures.js';

const HOUR = 3_600_000;
const LINES = historyLines.slice(0, 1_200);

/** A fresh engine host over the whole stored log, from the first op (no snapshot). */
async function freshReplay(db: StoreDb): Promise<EngineHost> {
  const head = await readHead(db);
  const host = new EngineHost();
  for await (const op of readOps(db, 0, head.opSeq)) applyOp(host, op);
  return host;
}

/** A second version: the same policy with P1's cap changed, so the ring reads it. */
function changedPolicy(cap: number): Policy {
  const p = seedPolicy();
  return { ...p, version: '1.1.0', rules: { ...p.rules, P1: { ...p.rules.P1, capOwned: cap } } };
}

const latest = (bans: readonly { until: number }[], after: number): number | null => {
  const running = bans.filter((b) => b.until > after).map((b) => b.until);
  return running.length === 0 ? null : Math.max(...running);
};

async function checkAgainstReplay(runtime: Runtime, db: StoreDb): Promise<void> {
  const host = await freshReplay(db);
  const engine = host.engine;
  if (engine === undefined) throw new Error('nothing replayed');
  const snapshot = engine.snapshot();
  const horizon = host.horizon;

  // Staff status: pauses left, running bans and hotline bans, employment.
  const statuses = new Map((await runtime.statuses()).map((s) => [s.staffId, s]));
  for (const m of snapshot.state.staff) {
    const s = statuses.get(m.id);
    expect(s, m.id).toBeDefined();
    if (s === undefined) continue;
    expect(s.pausesLeft, `${m.id} pauses left`).toBe(engine.pausesLeft(m.id));
    const banned = latest(m.bans, horizon);
    const stored = s.bannedUntil === null ? null : Date.parse(s.bannedUntil);
    expect(stored !== null && stored > horizon ? stored : null, `${m.id} banned until`).toBe(banned);
    const hot = latest(m.hotlineBans, horizon);
    const storedHot = s.hotlineBannedUntil === null ? null : Date.parse(s.hotlineBannedUntil);
    expect(storedHot !== null && storedHot > horizon ? storedHot : null, `${m.id} hotline banned until`).toBe(hot);
    expect(s.active, `${m.id} active`).toBe(!m.left);
  }

  // Client state: owner and tier.
  const clients = new Map((await readClientStates(db, snapshot.state.clients.map((c) => c.id))).map((c) => [c.clientId, c]));
  for (const c of snapshot.state.clients) {
    const stored = clients.get(c.id);
    expect(stored?.ownerId ?? null, `${c.id} owner`).toBe(c.owner ?? null);
    expect(stored?.tier ?? null, `${c.id} tier`).toBe(c.tier ?? null);
  }

  // The ring: at the runtime's time, three days and 45 days on (deadlines fire on a copy only).
  const policyAt = (at: number): Policy => {
    let p = host.timeline.inForce?.policy as Policy;
    for (const v of host.timeline.pending) if ((v.effectiveFrom ?? -Infinity) <= at) p = v.policy;
    return p;
  };
  for (const at of [horizon, horizon + 72 * HOUR, horizon + 45 * 24 * HOUR]) {
    const copy = createEngine(host.timeline.inForce?.policy as Policy, { snapshot });
    const fired: Decision[] = [];
    for (const v of host.timeline.pending) {
      if ((v.effectiveFrom ?? -Infinity) > at) break;
      if (v.effectiveFrom !== null && v.effectiveFrom > (copy.now ?? -Infinity)) fired.push(...copy.advanceTo(v.effectiveFrom, { inclusive: false }));
      copy.usePolicy(v.policy);
    }
    if (at > (copy.now ?? -Infinity)) fired.push(...copy.advanceTo(at, { inclusive: false }));
    const policy = policyAt(at);
    const tiers: (Tier | null)[] = policyView(policy).rules.P1.matchLevel ? [...TIERS] : [null];
    const ring = await runtime.ring(at);
    expect(ring.unrecorded.decisions).toBe(fired.length);
    expect(ring.rings.map((r) => r.preview)).toEqual(tiers.map((tier) => previewRing(copy.snapshot(), policy, { at, tier })));
  }
}

describe.each(BACKENDS)('projections on $name', (backend) => {
  it('equal a fresh replay of the log after random ingests, ticks and publishes', async () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('ingest' as const), size: fc.integer({ min: 1, max: 400 }) }),
      fc.record({ kind: fc.constant('tick' as const), hours: fc.integer({ min: 1, max: 96 }) }),
      fc.record({ kind: fc.constant('publish' as const), days: fc.integer({ min: 0, max: 20 }), cap: fc.integer({ min: 1, max: 40 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 10 }), async (steps) => {
        const db = await backend.open();
        try {
          const runtime = createRuntime({ store: db.store, clock: fixedClock(), snapshotEvery: 300 });
          await runtime.publish(seedPolicy(), { effectiveFrom: null });
          let next = 0;
          let published = false;
          for (const s of steps) {
            if (s.kind === 'ingest' && next < LINES.length) {
              await runtime.ingest(LINES.slice(next, next + s.size).join('\n'));
              next += s.size;
            } else if (s.kind === 'tick') {
              const t = await runtime.time();
              if (t !== null) await runtime.tick(new Date(Date.parse(t) + s.hours * HOUR));
            } else if (s.kind === 'publish' && !published) {
              const t = (await runtime.time()) ?? historyEvents[0]?.at ?? '';
              await runtime.publish(changedPolicy(s.cap), { effectiveFrom: new Date(Date.parse(t) + s.days * 24 * HOUR).toISOString() });
              published = true;
            }
          }
          if (next === 0) await runtime.ingest(LINES.slice(0, 300).join('\n'));
          await checkAgainstReplay(runtime, db.store.db);
          await runtime.close();
        } finally {
          await db.cleanup();
        }
      }),
      { numRuns: 6, seed: 12 },
    );
  }, 240_000);
});
