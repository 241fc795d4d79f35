import { createReferenceEvaluator } from './conditions/reference-evaluator.js';
import { EngineCore, EngineError, type AsyncAnswer } from './core/engine-core.js';
import type { EventProblem } from './rules/appeals.js';
import type { SanctionEntry, SanctionKind } from './core/state.js';
import { restoreSnapshot, takeSnapshot, type EngineSnapshot } from './core/snapshot.js';
import { usePause } from './core/sanctions.js';
import type { Decision } from './decisions/decision-types.js';
import type { AllotEvent } from './events/event-types.js';
import type { AnyPolicy as Policy } from './policy/read-policy.js';
import type { Tier } from './policy/policy-types.js';
import { previewRingOfState, type RingPreview } from './rules/ring-preview.js';
import { instantOf, parseInstant } from './time/instant.js';

/** How rule conditions are evaluated: compiled closures (fast), or json-rules-engine itself (reference). */
export type EvaluationMode = 'compiled' | 'reference';

export interface EngineOptions {
  /** Default `compiled`. `reference` is only available through the async entry points. */
  mode?: EvaluationMode;
  /** Resume from a state taken with `Engine.snapshot()` (createEngine only). */
  snapshot?: EngineSnapshot;
}

export interface SimulateOptions extends EngineOptions {
  /** Inclusive end (ISO-8601 with offset). Default: the last event's `at`. Later events are ignored. */
  until?: string;
}

/** A stateful reducer over one history, for callers that feed events as they arrive. */
export interface Engine {
  /**
   * Fires every deadline strictly before the event's instant, then applies the event. Events
   * must come in time order. An event that cannot apply to the history so far (an appeal after
   * the window, an acknowledgement of a decision never made) decides and changes nothing: a
   * replay under another policy (what-if) meets such events. Call {@link Engine.check} first to
   * reject its line instead.
   */
  apply(event: AllotEvent): Decision[];
  /**
   * Why the event cannot apply to the decisions made so far (the field at fault and a sentence),
   * or null. Changes nothing and fires no deadline: to check against deadlines due before the
   * event too, `advanceTo(event.at, { inclusive: false })` first.
   */
  check(event: AllotEvent): EventProblem | null;
  /**
   * A sanction the engine decided (`staff.paused`, `staff.banned`, `staff.hotline_banned`,
   * `staff.fined`, `staff.termination_review`) and where it stands: acknowledged, appealed,
   * decided, superseded (event ids). A copy; undefined for any other id.
   */
  sanction(decisionId: string): SanctionView | undefined;
  /** The end of the member's latest ban and hotline ban in force (epoch ms), or null: superseded bans are lifted. */
  bansUntil(staffId: string): { banned: number | null; hotline: number | null };
  /**
   * Fires every deadline at or before the instant (or strictly before it with
   * `{ inclusive: false }`, e.g. up to a new policy version's effective time).
   */
  advanceTo(instant: string | number, options?: { inclusive?: boolean }): Decision[];
  /** Decisions from now on cite this (validated) policy; state carries across. */
  usePolicy(policy: Policy): void;
  /** Engine time: the instant of the last event applied or deadline fired (epoch ms), or null before any. */
  readonly now: number | null;
  /** The whole state as plain JSON, to persist and resume with `createEngine(policy, { snapshot })`. */
  snapshot(): EngineSnapshot;
  /** Allocations the member will still be skipped for (pauses imposed and not yet used up). */
  pausesLeft(staffId: string): number;
  /**
   * Ids of the members whose pauses left changed (imposed, or used up by the allocation ring)
   * since the last call: what a runtime must refresh in its status projection.
   */
  takePauseChanges(): string[];
  /** The instant of the earliest deadline still to fire (epoch ms; a month close is always ahead once an event was applied), or null when none. */
  readonly nextDeadline: number | null;
  /**
   * The allocation ring (P1) as `previewRing` shows it, read from the live state without a
   * snapshot's copy: call it with the engine at (or advanced to just before) `at`; `policy` is
   * the version in force at `at`. Changes nothing.
   */
  previewRing(policy: Policy, options: { at: string | number; tier?: Tier | null }): RingPreview;
  /**
   * Uses up one of the member's pauses (the earliest imposed first), as the allocation ring does
   * when it passes a paused member over; false when they have none. For a replay that stands in
   * for the ring (a what-if with allocations as recorded); no decision is made.
   */
  usePause(staffId: string): boolean;
}

export { EngineError };
export type { EngineSnapshot, EventProblem };

/** Creates a stateful engine over a validated policy (compiled conditions). */
export function createEngine(policy: Policy, options: EngineOptions = {}): Engine {
  if (options.mode === 'reference') throw new EngineError('the reference mode is asynchronous: use simulateReference or simulateStreamAsync');
  const core = new EngineCore(policy);
  if (options.snapshot !== undefined) {
    restoreSnapshot(core.r, options.snapshot);
    // A resumed engine reports every member with pauses left once, so a projection written by
    // an older runtime (or never written) is brought up to date by the next batch.
    for (const staff of core.r.state.staff.values()) if (staff.pauseTotal > 0) core.r.pauseChanges.add(staff.id);
  }
  return {
    apply: (event) => core.applySync(event),
    check: (event) => core.problemOf(event),
    sanction: (decisionId) => {
      const entry = core.r.state.sanctions.get(decisionId);
      return entry === undefined ? undefined : sanctionView(entry);
    },
    bansUntil: (staffId) => {
      const staff = core.r.state.staff.get(staffId);
      const latest = (records: ReadonlyArray<{ until: number }> | undefined): number | null => {
        let t: number | null = null;
        for (const b of records ?? []) if (t === null || b.until > t) t = b.until;
        return t;
      };
      return { banned: latest(staff?.bans), hotline: latest(staff?.hotlineBans) };
    },
    advanceTo: (instant, opts = {}) => {
      core.advanceSync(typeof instant === 'number' ? instant : instantOf(instant), opts.inclusive ?? true);
      return core.drain();
    },
    usePolicy: (p) => core.usePolicy(p),
    get now() {
      const t = core.r.state.now;
      return Number.isFinite(t) ? t : null;
    },
    snapshot: () => takeSnapshot(core.r),
    pausesLeft: (staffId) => core.r.state.staff.get(staffId)?.pauseTotal ?? 0,
    get nextDeadline() {
      const t = core.r.queue.nextAt;
      return Number.isFinite(t) ? t : null;
    },
    previewRing: (policy, opts) => previewRingOfState(core.r.state, core.r.prepared.ref, policy, opts),
    usePause: (staffId) => {
      const staff = core.r.state.staff.get(staffId);
      if (staff === undefined || staff.pauseTotal <= 0) return false;
      usePause(staff);
      core.r.pauseChanges.add(staffId);
      return true;
    },
    takePauseChanges: () => {
      const ids = [...core.r.pauseChanges];
      core.r.pauseChanges.clear();
      return ids;
    },
  };
}

/** A sanction of the ledger, as `Engine.sanction` shows it. */
export interface SanctionView {
  id: string;
  kind: SanctionKind;
  rule: string;
  staffId: string;
  /** The instant it took effect (epoch ms). */
  at: number;
  count?: number;
  amountFen?: number;
  from?: number;
  until?: number;
  /** What it punished: the events that stop counting when it is set aside. */
  offences: string[];
  acknowledged?: string;
  refused?: string;
  appealed?: string;
  appealDecided?: string;
  supersededBy?: string;
}

function sanctionView(e: SanctionEntry): SanctionView {
  const view: SanctionView = { id: e.id, kind: e.kind, rule: e.rule, staffId: e.staffId, at: e.at, offences: [...e.offences] };
  for (const key of ['count', 'amountFen', 'from', 'until', 'acknowledged', 'refused', 'appealed', 'appealDecided', 'supersededBy'] as const) {
    const value = e[key];
    if (value !== undefined) (view as unknown as Record<string, unknown>)[key] = value;
  }
  return view;
}

const untilOf = (options: SimulateOptions): number | undefined => {
  if (options.until === undefined) return undefined;
  const t = parseInstant(options.until);
  if (t === null) throw new EngineError(`until: ${JSON.stringify(options.until)} is not an ISO-8601 date-time with offset`);
  return t;
};

/** Events in time order (stable: ties keep their order). */
function inTimeOrder(events: readonly AllotEvent[]): AllotEvent[] {
  const keyed = events.map((e, i) => ({ e, t: instantOf(e.at), i }));
  keyed.sort((a, b) => a.t - b.t || a.i - b.i);
  return keyed.map((k) => k.e);
}

/**
 * Replays a history under a validated policy and returns every decision in time order (SPEC §5
 * `simulate`). Events are sorted by `at` first; deadlines fire at their exact instants up to
 * `until` (inclusive; default the last event's `at`).
 */
export function simulate(policy: Policy, events: readonly AllotEvent[], options: SimulateOptions = {}): Decision[] {
  const out: Decision[] = [];
  for (const d of simulateStream(policy, inTimeOrder(events), options)) out.push(d);
  return out;
}

/**
 * Streams decisions from events that are already in time order (throws `EngineError` otherwise),
 * so memory does not grow with the history's length.
 */
export function* simulateStream(policy: Policy, events: Iterable<AllotEvent>, options: SimulateOptions = {}): Generator<Decision> {
  if (options.mode === 'reference') throw new EngineError('the reference mode is asynchronous: use simulateStreamAsync');
  const until = untilOf(options);
  const core = new EngineCore(policy);
  let last: number | undefined;
  for (const event of events) {
    const at = instantOf(event.at);
    if (until !== undefined && at > until) continue;
    last = at;
    const decisions = core.applySync(event, undefined, at);
    for (let i = 0; i < decisions.length; i++) yield decisions[i] as Decision;
  }
  const end = until ?? last;
  if (end !== undefined) {
    core.advanceSync(end, true);
    yield* core.drain();
  }
}

/**
 * The asynchronous form of {@link simulateStream}: accepts async iterables and the `reference`
 * mode, where every condition is evaluated by json-rules-engine itself.
 */
export async function* simulateStreamAsync(
  policy: Policy,
  events: AsyncIterable<AllotEvent> | Iterable<AllotEvent>,
  options: SimulateOptions = {},
): AsyncGenerator<Decision> {
  const until = untilOf(options);
  const core = new EngineCore(policy);
  const answer: AsyncAnswer | undefined =
    options.mode === 'reference' ? ((evaluator) => (q) => evaluator.evaluate(q.check.condition, q.facts))(createReferenceEvaluator()) : undefined;
  let last: number | undefined;
  for await (const event of events) {
    const at = instantOf(event.at);
    if (until !== undefined && at > until) continue;
    last = at;
    yield* answer === undefined ? core.applySync(event, undefined, at) : await core.applyAsync(event, answer, at);
  }
  const end = until ?? last;
  if (end !== undefined) {
    if (answer === undefined) core.advanceSync(end, true);
    else await core.advanceAsync(end, true, answer);
    yield* core.drain();
  }
}

/** An event of a history that cannot apply where it stands (its index in the given array). */
export interface HistoryProblem extends EventProblem {
  index: number;
}

/**
 * Replays a history (any order; sorted by `at` like {@link simulate}) and returns every event
 * that cannot apply to the history before it (an appeal after the window, an answer to a
 * decision nobody recorded), each by its index in `events`; those events are skipped and the
 * replay goes on. Empty when `simulate` can run the history. Costs one replay, and nothing when
 * the history has no acknowledgement, appeal or dismissal.
 */
export function checkHistory(policy: Policy, events: readonly AllotEvent[], options: SimulateOptions = {}): HistoryProblem[] {
  const problems: HistoryProblem[] = [];
  if (!events.some((e) => e.type.startsWith('decision.') || e.type === 'appeal.decided')) return problems;
  const until = untilOf(options);
  const keyed = events.map((e, index) => ({ e, t: instantOf(e.at), index }));
  keyed.sort((a, b) => a.t - b.t || a.index - b.index);
  const core = new EngineCore(policy);
  for (const { e, t, index } of keyed) {
    if (until !== undefined && t > until) continue;
    const problem = core.checkSync(e, t);
    if (problem !== null) problems.push({ index, ...problem });
    else core.applySync(e, undefined, t);
  }
  return problems.sort((a, b) => a.index - b.index);
}

/** {@link simulate} with every condition evaluated by json-rules-engine (the reference semantics). */
export async function simulateReference(policy: Policy, events: readonly AllotEvent[], options: SimulateOptions = {}): Promise<Decision[]> {
  const out: Decision[] = [];
  for await (const d of simulateStreamAsync(policy, inTimeOrder(events), { ...options, mode: 'reference' })) out.push(d);
  return out;
}
