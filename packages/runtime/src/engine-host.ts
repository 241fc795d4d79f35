import { createEngine, EngineError } from '@allot/engine';
import type { AllotEvent, Decision, Engine, EngineSnapshot, EventProblem } from '@allot/engine';
import { PolicyTimeline, type KnownVersion } from './policy-timeline.js';
import { RuntimeError } from './runtime-error.js';

/** What applying one event did. */
export interface AppliedEvent {
  /** Engine time the event was applied at (epoch ms): its own `at`, or the runtime's time when it came late. */
  appliedAt: number;
  late: boolean;
  /** Deadlines that fell due before it, then its own decisions, in order. */
  decisions: Decision[];
}

/** The runtime state as JSON, for snapshots. */
export interface HostState {
  format: 'allot-runtime-state/1';
  opSeq: number;
  horizon: number | null;
  inForce: number | null;
  pending: number[];
  engine: EngineSnapshot | null;
}

const NEG_INF = Number.NEGATIVE_INFINITY;

/**
 * The engine plus what the runtime adds to it: the policy timeline (version switches at their
 * effective instants), the runtime's time (`horizon`: the latest of the engine's time and the
 * last tick), and the op counter. It replays the op log deterministically, so live ingest, a
 * catch-up after another process wrote, and verify all go through the same code.
 */
export class EngineHost {
  engine: Engine | undefined;
  readonly timeline = new PolicyTimeline();
  /** The runtime's time: nothing before it can still be decided. */
  horizon = NEG_INF;
  /** The last op applied. */
  opSeq = 0;

  /** Restores a snapshot; `versions` are the versions published up to it, by publish seq. */
  static restore(state: HostState, versions: ReadonlyMap<number, KnownVersion>): EngineHost {
    if (state.format !== 'allot-runtime-state/1') throw new TypeError(`unknown runtime state format ${JSON.stringify(state.format)}`);
    const host = new EngineHost();
    const lookup = (seq: number): KnownVersion => {
      const v = versions.get(seq);
      if (v === undefined) throw new Error(`snapshot at op ${state.opSeq} names policy version published at op ${seq}, which is not stored`);
      return v;
    };
    if (state.inForce !== null) {
      host.timeline.add(lookup(state.inForce));
      for (const seq of state.pending) host.timeline.add(lookup(seq));
      if (state.engine !== null) host.engine = createEngine(lookup(state.inForce).policy, { snapshot: state.engine });
    }
    host.horizon = state.horizon ?? NEG_INF;
    host.opSeq = state.opSeq;
    return host;
  }

  /** The whole state as JSON (a deep copy). */
  snapshot(): HostState {
    return {
      format: 'allot-runtime-state/1',
      opSeq: this.opSeq,
      horizon: Number.isFinite(this.horizon) ? this.horizon : null,
      inForce: this.timeline.inForce?.publishSeq ?? null,
      pending: this.timeline.pending.map((v) => v.publishSeq),
      engine: this.engine?.snapshot() ?? null,
    };
  }

  /** Op: a version was published. The first one starts the engine. */
  publish(version: KnownVersion, seq: number): void {
    if (this.timeline.add(version)) this.engine = createEngine(version.policy);
    this.opSeq = seq;
  }

  /** Op: a scheduled publication was cancelled before it took over (a no-op when it is not pending). */
  cancel(publishSeq: number, seq: number): void {
    this.timeline.cancel(publishSeq);
    this.opSeq = seq;
  }

  /**
   * Why an event cannot apply to the decisions recorded so far (an appeal after the window, an
   * answer to a decision nobody recorded), or null; checked as `applyEvent` would apply it (a
   * late event at the runtime's time). Changes nothing: no deadline fires and no version switches.
   */
  checkEvent(event: AllotEvent, at: number): EventProblem | null {
    const engine = this.engine;
    if (engine === undefined) return null;
    return engine.check(at < this.horizon ? { ...event, at: new Date(this.horizon).toISOString() } : event);
  }

  /**
   * Op: an event. Late events (before the runtime's time) are applied at the runtime's time.
   * `beforeEvent` (replays that look at the state an event meets) is called once the version in
   * force at its instant governs and every deadline strictly before it has fired.
   */
  applyEvent(event: AllotEvent, at: number, seq: number, beforeEvent?: (engine: Engine) => void): AppliedEvent {
    const engine = this.engine;
    if (engine === undefined) throw new RuntimeError('no-policy', 'no policy version is published yet: publish one before ingesting events');
    const late = at < this.horizon;
    const appliedAt = late ? this.horizon : at;
    const decisions = this.switchPolicies(appliedAt);
    if (beforeEvent !== undefined) {
      // Engine.apply fires the deadlines strictly before the event first: firing them here changes nothing.
      for (const d of engine.advanceTo(appliedAt, { inclusive: false })) decisions.push(d);
      beforeEvent(engine);
    }
    try {
      const out = engine.apply(late ? { ...event, at: new Date(appliedAt).toISOString() } : event);
      for (const d of out) decisions.push(d);
    } catch (error) {
      // Only reachable if the engine's time ran ahead of the horizon, which the host prevents.
      if (error instanceof EngineError) throw new Error(`engine refused event ${event.id}: ${error.message}`, { cause: error });
      throw error;
    }
    this.horizon = appliedAt;
    this.opSeq = seq;
    return { appliedAt, late, decisions };
  }

  /** Op: time moved to `at` (inclusive): every deadline up to it fires. Call only with `at > horizon`. */
  tick(at: number, seq: number): Decision[] {
    const decisions = this.engine === undefined ? [] : this.switchPolicies(at);
    if (this.engine !== undefined) for (const d of this.engine.advanceTo(at, { inclusive: true })) decisions.push(d);
    this.horizon = Math.max(this.horizon, at);
    this.opSeq = seq;
    return decisions;
  }

  /**
   * Switches to every pending version effective at or before `t`, each at its instant: deadlines
   * strictly before it fire under the old version, then the new one governs (state carries over).
   */
  private switchPolicies(t: number): Decision[] {
    const out: Decision[] = [];
    const engine = this.engine;
    if (engine === undefined) return out;
    for (let v = this.timeline.takeDue(t); v !== undefined; v = this.timeline.takeDue(t)) {
      if (v.effectiveFrom !== null) for (const d of engine.advanceTo(v.effectiveFrom, { inclusive: false })) out.push(d);
      engine.usePolicy(v.policy);
    }
    return out;
  }
}
