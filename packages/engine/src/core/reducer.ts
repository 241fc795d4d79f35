import type { Facts } from '../conditions/condition-types.js';
import type { Decision } from '../decisions/decision-types.js';
import type { Localized, StaffRole } from '../policy/policy-types.js';
import { DeadlineQueue, type DeadlineKind } from './deadline-queue.js';
import type { Check, PreparedPolicy } from './prepared-policy.js';
import { createState, newClient, newStaff, type ClientState, type EngineState, type SanctionEntry, type SanctionKind, type StaffState } from './state.js';

const SANCTION_KINDS: ReadonlySet<string> = new Set<SanctionKind>(['staff.paused', 'staff.banned', 'staff.hotline_banned', 'staff.fined', 'staff.termination_review']);

/** Where the next sanctions come from: the ladder to re-derive them by, and the offences they punish. */
export interface SanctionOrigin {
  source: string;
  offences: string[];
  /** The instant their derivation belongs to (re-derived decisions emitted at an appeal). */
  keyAt?: number;
}

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
  /** Set by the rule emitting sanctions (ladders); absent: the rule itself, the decision's cause. */
  origin: SanctionOrigin | undefined;
  /** The ledger entry of the last sanction emitted. */
  lastSanction: SanctionEntry | undefined;
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
    if (SANCTION_KINDS.has(kind)) this.record(decision, kind as SanctionKind, rule, at, fields, cause);
  }

  /** Keeps a sanction in the ledger so acknowledgements and appeals can name it. */
  private record(decision: Decision, kind: SanctionKind, rule: string, at: number, fields: DecisionFields, cause: string[]): void {
    const origin = this.origin;
    const staffId = fields['staffId'] as string;
    const entry: SanctionEntry = {
      id: decision.id,
      kind,
      rule,
      source: origin?.source ?? '',
      staffId,
      at,
      keyAt: origin?.keyAt ?? at,
      offences: origin?.offences ?? cause,
      cause,
    };
    if (kind === 'staff.paused') {
      entry.count = fields['count'] as number;
      entry.seq = this.state.seq;
    } else if (kind === 'staff.banned' || kind === 'staff.hotline_banned') {
      const records = kind === 'staff.banned' ? this.staff(staffId).bans : this.staff(staffId).hotlineBans;
      const last = records[records.length - 1];
      entry.seq = this.state.seq;
      if (last !== undefined) {
        entry.from = last.from;
        entry.until = last.until;
      }
    } else if (kind === 'staff.fined') {
      entry.amountFen = fields['amountFen'] as number;
      entry.reason = fields['reason'] as string;
    }
    this.state.sanctions.set(entry.id, entry);
    this.lastSanction = entry;
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
