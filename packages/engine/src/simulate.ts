import type { AllotEvent } from './events/event-types.js';
import type { Decision } from './decisions/decision-types.js';
import type { Policy } from './policy/policy-types.js';

/** How rule conditions are evaluated: compiled closures (fast), or json-rules-engine itself (reference). */
export type EvaluationMode = 'compiled' | 'reference';

export interface EngineOptions {
  /** Default `compiled`. `reference` needs the async entry points. */
  mode?: EvaluationMode;
}

export interface SimulateOptions extends EngineOptions {
  /** Inclusive end (ISO-8601 with offset). Default: the last event's `at`. Later events are ignored. */
  until?: string;
}

/** Thrown for misuse the engine cannot decide through: events out of order, an unknown event type. */
export class EngineError extends Error {
  override readonly name = 'EngineError';
}

/** A stateful reducer over one history. */
export interface Engine {
  /** Fires every deadline strictly before the event's instant, then applies the event. */
  apply(event: AllotEvent): Decision[];
  /** Fires every deadline at or before the instant. */
  advanceTo(instant: string | number): Decision[];
  /** Decisions from now on cite this policy; state carries across. */
  usePolicy(policy: Policy): void;
}

export declare function createEngine(policy: Policy, options?: EngineOptions): Engine;
export declare function simulate(policy: Policy, events: readonly AllotEvent[], options?: SimulateOptions): Decision[];
export declare function simulateReference(policy: Policy, events: readonly AllotEvent[], options?: SimulateOptions): Promise<Decision[]>;
export declare function simulateStream(policy: Policy, events: Iterable<AllotEvent>, options?: SimulateOptions): Generator<Decision>;
export declare function simulateStreamAsync(
  policy: Policy,
  events: AsyncIterable<AllotEvent> | Iterable<AllotEvent>,
  options?: SimulateOptions,
): AsyncGenerator<Decision>;
