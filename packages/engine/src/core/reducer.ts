import type { Facts } from '../conditions/condition-types.js';
import type { Decision } from '../decisions/decision-types.js';
import type { Localized, StaffRole } from '../policy/policy-types.js';
import { DeadlineQueue, type DeadlineKind } from './deadline-queue.js';
import type { Check, PreparedPolicy } from './prepared-policy.js';
import { createState, newClient, newStaff, type ClientState, type EngineState, type StaffState } from './state.js';

/** A request to evaluate one condition; the driver answers it synchronously or through json-rules-engine. */
export interface Query {
  check: Check;
  facts: Facts;
}

/** A reducer step that may ask for condition results. */
export type Step = Generator<Query, void, boolean>;

type DecisionFields = Record<string, unknown>;

/** Shared empty result: most events decide nothing, and need not allocate. */
const NONE: Decision[] = Object.freeze([]) as unknown as Decision[];

/**
 * The reducer's working context: state, the policy in force, the deadline queue and the output
 * buffer. Rule modules are functions over it; it holds no rule logic itself.
 */
export class Reducer {
  state: EngineState = createState();
  queue = new DeadlineQueue();
  /** Decisions of the current step, in emission order. */
  out: Decision[] = [];
  /** Members whose pauses left changed since the runtime last asked (not part of the state). */
  pauseChanges = new Set<string>();
  // The source of the next decisions, for their ids; the deadline form is only joined into a
  // string when a decision is actually emitted (most deadlines decide nothing).
  private source = '';
  private sourceRule = '';
  private sourceSubject = '';
  private sourceAt = 0;
  private count = 0;

  constructor(public prepared: PreparedPolicy) {}

  /** The next decisions come from this event. */
  beginSource(eventId: string): void {
    this.source = eventId;
    this.count = 0;
  }

  /** The next decisions come from a deadline (`M` month closes have no subject). */
  beginDeadlineSource(rule: string, subject: string, at: number): void {
    this.source = '';
    this.sourceRule = rule;
    this.sourceSubject = subject;
    this.sourceAt = at;
    this.count = 0;
  }

  private nextId(): string {
    if (this.source === '') {
      this.source = this.sourceSubject === '' ? `${this.sourceRule}:${this.sourceAt}` : `${this.sourceRule}:${this.sourceSubject}:${this.sourceAt}`;
    }
    return `${this.source}#${++this.count}`;
  }

  /** Appends a decision; `fields` are the kind-specific fields in SPEC order. */
  emit(kind: Decision['kind'], rule: string, at: number, fields: DecisionFields, cause: string[], explain: Localized): void {
    const decision = {
      id: this.nextId(),
      at: this.prepared.zone.format(at),
      kind,
      rule,
      ...fields,
      policy: this.prepared.ref,
      cause,
      explain,
    } as unknown as Decision;
    this.out.push(decision);
  }

  /** Formats an instant in the policy's zone. */
  iso(at: number): string {
    return this.prepared.zone.format(at);
  }

  nextToken(): number {
    return ++this.state.token;
  }

  /** Queues a deadline; `lane` promises non-decreasing instants for that key (see DeadlineQueue.push). */
  schedule(at: number, rule: string, subject: string, kind: DeadlineKind, token: number, lane?: string): void {
    this.queue.push(at, rule, subject, kind, token, lane);
  }

  client(id: string): ClientState {
    let c = this.state.clients.get(id);
    if (c === undefined) {
      c = newClient(id);
      this.state.clients.set(id, c);
    }
    return c;
  }

  /** The member with this id; an id seen before any `staff.joined` gets a placeholder outside the ring. */
  staff(id: string, role: StaffRole = 'rep'): StaffState {
    let s = this.state.staff.get(id);
    if (s === undefined) {
      s = newStaff(id, role, undefined);
      this.state.staff.set(id, s);
    }
    return s;
  }

  /** Takes the current output buffer. */
  drain(): Decision[] {
    const out = this.out;
    if (out.length === 0) return NONE;
    this.out = [];
    return out;
  }
}
