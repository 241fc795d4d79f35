/**
 * The what-if's replays of the base and the candidate, in chunks that report progress and can be
 * stopped.
 */
import { createEngine } from '@allot/engine';
import type { AllotEvent, Decision, Engine, EngineSnapshot, AnyPolicy as Policy } from '@allot/engine';
import type { History } from './history';
import { allocatedByBase, asAssignment, usePauses } from './recorded';

/** How a long replay reports and stops: progress every `chunk` events, and an abort between chunks. */
export interface ReplayControl {
  signal?: AbortSignal | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
  /** Events per chunk (default 400); the event loop gets a turn between chunks. */
  chunk?: number | undefined;
  /**
   * Keep only the decisions at or after this instant (epoch ms): a run compared over a period
   * then holds that period's decisions, not the whole history's (the replay still starts at the
   * first event). Default: keep all.
   */
  keepFrom?: number | undefined;
}

/** The decision list of a run, keeping only what `keepFrom` asks for. */
function keeper(control: ReplayControl): { decisions: Decision[]; keep: (d: Decision) => void } {
  const decisions: Decision[] = [];
  const from = control.keepFrom;
  const keep = from === undefined ? (d: Decision): void => void decisions.push(d) : (d: Decision): void => {
    if (Date.parse(d.at) >= from) decisions.push(d);
  };
  return { decisions, keep };
}

/** One step of a replay: an event at its instant, a tick of the clock, or an op that changes nothing here (counted for progress). */
export type ReplayStep = EventStep | { tick: number } | { skip: true };
/** An event of a replay at the instant it is applied. */
export interface EventStep {
  event: AllotEvent;
  t: number;
}

/**
 * What a replay runs over: the state it starts from (an engine snapshot, or the empty state) and
 * the steps after it. A history in memory (history.ts) replays from the empty state in time
 * order; a large stored log streams from a snapshot in op order (stored-log.ts).
 */
export interface ReplaySource {
  /** The op the replay starts after (0: the first op). */
  startSeq: number;
  /** Steps to take, for progress. */
  total: number;
  /** The engine state at `startSeq` (undefined: the empty state). */
  snapshot: EngineSnapshot | undefined;
  /** The steps up to `untilMs` (later events and ticks come as skips or not at all), in batches (a page of the log each). */
  batches(untilMs: number): AsyncIterable<ReplayStep[]> | Iterable<ReplayStep[]>;
}

/** How many events of the history the replay up to `untilMs` applies. */
function countUntil(h: History, untilMs: number): number {
  let n = 0;
  while (n < h.times.length && (h.times[n] ?? Number.POSITIVE_INFINITY) <= untilMs) n++;
  return n;
}

const BATCH = 5_000;

/** A history in memory as a replay source: from the empty state, its events in time order. */
export function historySource(h: History, untilMs: number): ReplaySource {
  const total = countUntil(h, untilMs);
  return {
    startSeq: 0,
    total,
    snapshot: undefined,
    *batches(): Iterable<ReplayStep[]> {
      for (let from = 0; from < total; from += BATCH) {
        const batch: ReplayStep[] = [];
        for (let i = from; i < Math.min(total, from + BATCH); i++) {
          const event = h.inTimeOrder[i];
          if (event === undefined) break;
          batch.push({ event, t: h.times[i] ?? Date.parse(event.at) });
        }
        yield batch;
      }
    },
  };
}

const sourceOf = (src: History | ReplaySource, untilMs: number): ReplaySource => ('inTimeOrder' in src ? historySource(src, untilMs) : src);
const engineAt = (policy: Policy, source: ReplaySource): Engine => (source.snapshot === undefined ? createEngine(policy) : createEngine(policy, { snapshot: source.snapshot }));

/** The base run: its decisions, and what its allocation ring did (for "allocations as recorded"). */
export interface BaseRun {
  decisions: Decision[];
  /** `lead.allocate` event id → the member the ring chose. */
  allocations: Map<string, string>;
  /** `lead.allocate` event id → members whose pause the ring used up passing over them. */
  ringUses: Map<string, string[]>;
  /** `deal.closed` events replayed, by id (whose deal a credit moved to the department was). */
  deals: Map<string, AllotEvent>;
}

/** The candidate run. */
export interface CandidateRun {
  decisions: Decision[];
  /** Allocations replaced by the base run's assignment (0 unless allocations are as recorded). */
  converted: number;
}

/** Thrown when the replay is stopped by its signal. */
export class ReplayAborted extends Error {
  constructor() {
    super('replay aborted');
    this.name = 'AbortError';
  }
}

/** A turn of the event loop (other requests, sockets and timers run). */
export const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Every `chunk` steps (call it when `i % chunk === 0`): progress, a turn of the event loop, and a stop when asked. */
async function checkpoint(i: number, total: number, control: ReplayControl): Promise<void> {
  control.onProgress?.(i, total);
  await turn();
  if (control.signal?.aborted === true) throw new ReplayAborted();
}

/** One run over the steps of a replay: what it does with each step, and its result once the steps are done. */
interface Runner<R> {
  step(step: EventStep): void;
  tick(at: number): void;
  /** Fires the deadlines up to `untilMs` and returns the run. */
  finish(untilMs: number): R;
}

/**
 * The base run: the history replayed under the base policy with the engine (pure: nothing is
 * recorded), noting, for each `lead.allocate`, whom the ring chose and whose pauses it used up
 * on the way. `run` fills up as the steps come (a candidate replayed alongside reads it).
 */
function baseRunner(policy: Policy, source: ReplaySource, control: ReplayControl): Runner<BaseRun> & { run: BaseRun } {
  const engine = engineAt(policy, source);
  const { decisions, keep } = keeper(control);
  const run: BaseRun = { decisions, allocations: new Map(), ringUses: new Map(), deals: new Map() };
  const pausesLeft = new Map<string, number>();
  const notePauses = (allocateId: string | null): void => {
    for (const id of engine.takePauseChanges()) {
      const left = engine.pausesLeft(id);
      if (allocateId !== null && left < (pausesLeft.get(id) ?? 0)) run.ringUses.set(allocateId, [...(run.ringUses.get(allocateId) ?? []), id]);
      pausesLeft.set(id, left);
    }
  };
  // A resumed engine reports every member with pauses left once: the counts it starts from.
  notePauses(null);
  return {
    run,
    tick(at) {
      for (const d of engine.advanceTo(at)) keep(d);
      notePauses(null);
    },
    step(step) {
      const e = step.event;
      if (e.type === 'deal.closed') run.deals.set(e.id, e);
      if (e.type !== 'lead.allocate') {
        for (const d of engine.apply(e)) keep(d);
        notePauses(null);
        return;
      }
      // Deadlines due before the allocation first, so what changes at the allocation is the ring's doing.
      for (const d of engine.advanceTo(step.t, { inclusive: false })) keep(d);
      notePauses(null);
      for (const d of engine.apply(e)) {
        keep(d);
        if (d.kind === 'lead.allocated') run.allocations.set(e.id, d.staffId);
      }
      notePauses(e.id);
    },
    finish(untilMs) {
      for (const d of engine.advanceTo(untilMs)) keep(d);
      return run;
    },
  };
}

/**
 * The candidate run. With `recorded` (the base run, complete or being replayed alongside: it has
 * seen each step first), allocations are as recorded: each `lead.allocate` the base ring
 * answered becomes the base's assignment, and pauses are used up where the base ring visited
 * (see recorded.ts).
 */
function candidateRunner(policy: Policy, source: ReplaySource, recorded: BaseRun | null, control: ReplayControl): Runner<CandidateRun> {
  let engine = engineAt(policy, source);
  const { decisions, keep } = keeper(control);
  let converted = 0;
  return {
    tick(at) {
      for (const d of engine.advanceTo(at)) keep(d);
    },
    step(step) {
      const e = step.event;
      if (recorded === null || !allocatedByBase(e, recorded.allocations)) {
        for (const d of engine.apply(e)) keep(d);
        return;
      }
      const staffId = recorded.allocations.get(e.id) ?? '';
      converted++;
      for (const d of engine.advanceTo(step.t, { inclusive: false })) keep(d);
      const passed = (recorded.ringUses.get(e.id) ?? []).filter((id) => id !== staffId && engine.pausesLeft(id) > 0);
      if (passed.length > 0) engine = usePauses(engine, policy, passed);
      let blockedByPause = false;
      for (const d of engine.apply(asAssignment(e, staffId))) {
        keep(d);
        if (d.kind === 'allocation.breach' && d.reason === 'paused' && d.staffId === staffId) blockedByPause = true;
      }
      if (blockedByPause) engine = usePauses(engine, policy, [staffId]);
    },
    finish(untilMs) {
      for (const d of engine.advanceTo(untilMs)) keep(d);
      return { decisions, converted };
    },
  };
}

/** Takes the source's steps up to `untilMs` through the runners, each step through each in turn; progress and a stop between chunks. */
async function drive(source: ReplaySource, untilMs: number, runners: readonly Runner<unknown>[], control: ReplayControl): Promise<void> {
  const total = source.total;
  const chunk = control.chunk ?? 400;
  if (control.signal?.aborted === true) throw new ReplayAborted();
  let i = 0;
  for await (const batch of source.batches(untilMs)) {
    for (const step of batch) {
      if (i++ % chunk === 0) await checkpoint(i - 1, total, control);
      if ('skip' in step) continue;
      if ('tick' in step) for (const r of runners) r.tick(step.tick);
      else for (const r of runners) r.step(step);
    }
  }
  control.onProgress?.(total, total);
}

/**
 * Replays the history up to `untilMs` (inclusive; deadlines fire up to it) under the base policy
 * with the engine (pure: nothing is recorded), and notes, for each `lead.allocate`, whom the ring
 * chose and whose pauses it used up on the way.
 */
export async function replayBase(policy: Policy, src: History | ReplaySource, untilMs: number, control: ReplayControl = {}): Promise<BaseRun> {
  const source = sourceOf(src, untilMs);
  const base = baseRunner(policy, source, control);
  await drive(source, untilMs, [base], control);
  return base.finish(untilMs);
}

/**
 * Replays the history up to `untilMs` under the candidate policy. With `recorded` (the base run),
 * allocations are as recorded: each `lead.allocate` the base ring answered becomes the base's
 * assignment, and pauses are used up where the base ring visited (see recorded.ts).
 */
export async function replayCandidate(policy: Policy, src: History | ReplaySource, untilMs: number, recorded: BaseRun | null, control: ReplayControl = {}): Promise<CandidateRun> {
  const source = sourceOf(src, untilMs);
  const candidate = candidateRunner(policy, source, recorded, control);
  await drive(source, untilMs, [candidate], control);
  return candidate.finish(untilMs);
}

/**
 * Both runs in one pass over the history (the log read once, each step applied under the base
 * and then under the candidate): the same runs as {@link replayBase} then
 * {@link replayCandidate}, for half the reading. With `asRecorded` the candidate takes the base's
 * allocations as each is made.
 */
export async function replayBoth(
  basePolicy: Policy,
  candidatePolicy: Policy,
  src: History | ReplaySource,
  untilMs: number,
  asRecorded: boolean,
  control: ReplayControl = {},
): Promise<{ base: BaseRun; candidate: CandidateRun }> {
  const source = sourceOf(src, untilMs);
  const base = baseRunner(basePolicy, source, control);
  const candidate = candidateRunner(candidatePolicy, source, asRecorded ? base.run : null, control);
  await drive(source, untilMs, [base, candidate], control);
  return { base: base.finish(untilMs), candidate: candidate.finish(untilMs) };
}
