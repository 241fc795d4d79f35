/**
 * The allocation ring (P1) read from the runtime's own engine: who the next allocation would go
 * to at an instant, who it passes over and why. The runtime's engine is at the log's head, so
 * nothing is replayed from the log. When no deadline falls and no version takes over between
 * the runtime's time and the instant, the ring is read from the live state as it is (no copy).
 * Otherwise a copy of the engine is advanced to just before the instant (the deadlines due by
 * then fire on the copy; they are recorded only at the runtime's next tick or event) and kept:
 * a later read at a later instant on the same head advances the same copy further.
 */
import { createEngine, policyView, TIERS } from '@allot/engine';
import type { AnyPolicy as Policy, Decision, Engine, PolicyRef, RingPreview, Tier } from '@allot/engine';
import type { EngineHost } from './engine-host.js';
import type { KnownVersion } from './policy-timeline.js';

/** A pause or ban among the deadlines due before the instant that the record does not hold yet. */
export interface UnrecordedSanction {
  staffId: string;
  kind: string;
  rule: string;
  at: string;
}

/** The ring as the next allocation would find it (see `Runtime.ring`). */
export interface RingRead {
  /** The instant judged (epoch ms): the one asked for, or the runtime's time when that is later. */
  at: number;
  /** The runtime's time (epoch ms), null before anything happened. */
  horizon: number | null;
  /** The op the runtime's state is at. */
  opSeq: number;
  /** The version in force at `at` and its reference; null before any version was published. */
  policy: Policy | null;
  policyRef: PolicyRef | null;
  /** One ring walk per kind of client: tier null without level matching, else one per tier. */
  rings: { tier: Tier | null; preview: RingPreview }[];
  /** Deadlines due between the runtime's time and `at`, not recorded yet: how many decisions they make, and the pauses and bans among them. */
  unrecorded: { decisions: number; sanctions: UnrecordedSanction[] };
}

const RING_SANCTIONS = new Set(['staff.paused', 'staff.banned']);

/** An engine copy advanced past the head, kept for later reads on the same head. */
interface Advanced {
  opSeq: number;
  at: number;
  engine: Engine;
  policy: Policy;
  pending: KnownVersion[];
  fired: Decision[];
}

/** Reads rings from a host; keeps the advanced copy of the last head. */
export class RingReader {
  private advanced: Advanced | undefined;

  read(host: EngineHost, asked: number): RingRead {
    const horizon = Number.isFinite(host.horizon) ? host.horizon : null;
    const at = Math.max(asked, horizon ?? Number.NEGATIVE_INFINITY);
    const live = host.engine;
    const inForce = host.timeline.inForce;
    const base = { at, horizon, opSeq: host.opSeq };
    if (live === undefined || inForce === undefined) return { ...base, policy: null, policyRef: null, rings: [], unrecorded: { decisions: 0, sanctions: [] } };
    const versionDue = (host.timeline.pending[0]?.effectiveFrom ?? Number.POSITIVE_INFINITY) <= at;
    const deadlineDue = live.nextDeadline !== null && live.nextDeadline < at;
    let engine = live;
    let policy = inForce.policy;
    let fired: Decision[] = [];
    if (versionDue || deadlineDue) {
      const copy = this.advance(host, at);
      [engine, policy, fired] = [copy.engine, copy.policy, copy.fired];
    } else this.advanced = undefined;
    const tiers: (Tier | null)[] = policyView(policy).rules.P1.matchLevel ? [...TIERS] : [null];
    const rings = tiers.map((tier) => ({ tier, preview: engine.previewRing(policy, { at, tier }) }));
    const sanctions = fired
      .filter((d) => RING_SANCTIONS.has(d.kind))
      .map((d) => ({ staffId: (d as { staffId?: string }).staffId ?? '', kind: d.kind, rule: d.rule, at: d.at }));
    return { ...base, policy, policyRef: rings[0]?.preview.policy ?? null, rings, unrecorded: { decisions: fired.length, sanctions } };
  }

  /** The copy advanced to just before `at`: the kept one moved on, or a new one from the live state. */
  private advance(host: EngineHost, at: number): Advanced {
    let a = this.advanced;
    if (a === undefined || a.opSeq !== host.opSeq || a.at > at) {
      const live = host.engine as Engine;
      const inForce = host.timeline.inForce as KnownVersion;
      a = { opSeq: host.opSeq, at: Number.NEGATIVE_INFINITY, engine: createEngine(inForce.policy, { snapshot: live.snapshot() }), policy: inForce.policy, pending: [...host.timeline.pending], fired: [] };
      this.advanced = a;
    }
    const engine = a.engine;
    for (let v = a.pending[0]; v !== undefined && (v.effectiveFrom ?? Number.NEGATIVE_INFINITY) <= at; v = a.pending[0]) {
      a.pending.shift();
      if (v.effectiveFrom !== null && (engine.now === null || v.effectiveFrom > engine.now)) for (const d of engine.advanceTo(v.effectiveFrom, { inclusive: false })) a.fired.push(d);
      engine.usePolicy(v.policy);
      a.policy = v.policy;
    }
    if (engine.now === null || at > engine.now) for (const d of engine.advanceTo(at, { inclusive: false })) a.fired.push(d);
    a.at = at;
    return a;
  }
}
