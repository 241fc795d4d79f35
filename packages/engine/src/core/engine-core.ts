import type { Decision } from '../decisions/decision-types.js';
import type { AllotEvent } from '../events/event-types.js';
import type { AnyPolicy as Policy } from '../policy/read-policy.js';
import { instantOf } from '../time/instant.js';
import { applyEvent, EngineError, fireDeadline, sortDeadlineBatch } from './dispatch.js';
import { eventProblem, type EventProblem } from '../rules/appeals.js';
import { preparePolicy } from './prepared-policy.js';
import { Reducer, type Query, type Step } from './reducer.js';

/** Answers condition queries: synchronously (compiled) or asynchronously (json-rules-engine). */
export type SyncAnswer = (q: Query) => boolean;
export type AsyncAnswer = (q: Query) => Promise<boolean>;

const compiledAnswer: SyncAnswer = (q) => q.check.test(q.facts);

function runSync(step: Step, answer: SyncAnswer): void {
  let it = step.next();
  while (it.done !== true) it = step.next(answer(it.value));
}

async function runAsync(step: Step, answer: AsyncAnswer): Promise<void> {
  let it = step.next();
  while (it.done !== true) it = step.next(await answer(it.value));
}

/**
 * The event-sourced reducer: holds state and the deadline queue, fires deadlines at their exact
 * instants and applies events. `*Sync` methods use compiled conditions; `*Async` ones take any
 * answerer (the json-rules-engine reference path). Both share every rule.
 */
export class EngineCore {
  readonly r: Reducer;

  constructor(policy: Policy) {
    this.r = new Reducer(preparePolicy(policy));
  }

  usePolicy(policy: Policy): void {
    this.r.prepared = preparePolicy(policy);
  }

  private instant(e: AllotEvent, at: number): number {
    const state = this.r.state;
    if (at < state.now) {
      throw new EngineError(`event ${JSON.stringify(e.id)} at ${e.at} is earlier than the engine's time ${this.r.iso(state.now)}: events must be applied in time order`);
    }
    if (state.nextMonthClose === null) {
      state.nextMonthClose = this.r.prepared.zone.monthStartAfter(at, 1);
      this.r.schedule(state.nextMonthClose, 'M', '', 'month_close', 0, 'M');
    }
    return at;
  }

  private due(limit: number, inclusive: boolean): number | undefined {
    const at = this.r.queue.nextAt;
    return at < limit || (inclusive && at === limit) ? at : undefined;
  }

  /** Fires due deadlines (before `limit`, or at it too when inclusive) with compiled conditions. */
  advanceSync(limit: number, inclusive: boolean, answer: SyncAnswer = compiledAnswer): void {
    const r = this.r;
    for (let t = this.due(limit, inclusive); t !== undefined; t = this.due(limit, inclusive)) {
      const start = r.out.length;
      while (r.queue.nextAt === t) {
        const step = fireDeadline(r, r.queue.pop() as NonNullable<ReturnType<typeof r.queue.pop>>);
        if (step !== undefined) runSync(step, answer);
      }
      sortDeadlineBatch(r.out, start);
      r.state.now = t;
    }
  }

  async advanceAsync(limit: number, inclusive: boolean, answer: AsyncAnswer): Promise<void> {
    const r = this.r;
    for (let t = this.due(limit, inclusive); t !== undefined; t = this.due(limit, inclusive)) {
      const start = r.out.length;
      while (r.queue.nextAt === t) {
        const step = fireDeadline(r, r.queue.pop() as NonNullable<ReturnType<typeof r.queue.pop>>);
        if (step !== undefined) await runAsync(step, answer);
      }
      sortDeadlineBatch(r.out, start);
      r.state.now = t;
    }
  }

  /** Fires deadlines strictly before the event, then applies it. Returns the decisions. */
  applySync(e: AllotEvent, answer: SyncAnswer = compiledAnswer, instant: number = instantOf(e.at)): Decision[] {
    const at = this.instant(e, instant);
    this.advanceSync(at, false, answer);
    const step = applyEvent(this.r, e, at);
    if (step !== undefined) runSync(step, answer);
    this.r.state.now = at;
    return this.r.drain();
  }

  async applyAsync(e: AllotEvent, answer: AsyncAnswer, instant: number = instantOf(e.at)): Promise<Decision[]> {
    const at = this.instant(e, instant);
    await this.advanceAsync(at, false, answer);
    const step = applyEvent(this.r, e, at);
    if (step !== undefined) await runAsync(step, answer);
    this.r.state.now = at;
    return this.r.drain();
  }

  /**
   * Fires the deadlines strictly before the event (their decisions wait for the next drain),
   * then says why the event cannot apply to the history so far, or null. Changes no state.
   */
  checkSync(e: AllotEvent, instant: number = instantOf(e.at)): EventProblem | null {
    const at = this.instant(e, instant);
    this.advanceSync(at, false);
    return eventProblem(this.r, e, at);
  }

  /** Why the event cannot apply to the decisions made so far (no deadline is fired), or null. Changes nothing. */
  problemOf(e: AllotEvent, instant: number = instantOf(e.at)): EventProblem | null {
    return eventProblem(this.r, e, instant);
  }

  /** Takes the decisions emitted since the last drain. */
  drain(): Decision[] {
    return this.r.drain();
  }
}

export { EngineError };
