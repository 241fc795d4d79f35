import { randomUUID } from 'node:crypto';
import type { AllocationMode, EventError, LeadAllocated, LeadUnallocated } from '@allot/engine';
import { openStore } from '@allot/store';
import type { DecisionFilter, Store, StoreOptions, StoredPolicyVersion } from '@allot/store';
import type { IngestOptions, IngestResult } from './ingest.js';
import type { TestHooks } from './log-writer.js';
import { parseInput } from './parse-input.js';
import { boundBySkew, clockSkewFromEnv, skewMessage } from './clock-skew.js';
import { checkPolicy, publishLocked, type PublishOptions } from './publish.js';
import { cancelScheduledLocked, type CancelOptions } from './cancel-schedule.js';
import { RingReader, type RingRead } from './ring-read.js';
import { explainDecision, listDecisions, staffStatus, staffStatuses, type DecisionPage, type Explanation, type StaffStatusView } from './queries.js';
import { RuntimeError } from './runtime-error.js';
import { tickLocked, type TickResult } from './tick.js';
import { verifyLog, type VerifyHooks, type VerifyRange, type VerifyReport } from './verify.js';
import type { WriteContext } from './write-context.js';
import { WritePipeline } from './write-pipeline.js';

/** How to run a runtime over an open store. */
export interface RuntimeOptions {
  store: Store;
  /** The only clock allot reads (default: the system clock). */
  clock?: () => Date;
  /** Who reads, for the access log (default `system`); each query may name another. */
  actor?: string;
  /**
   * Save a snapshot of the state after this many ops (default 50,000), and from then on only
   * once as many ops have passed as the log held at the last one (so snapshots cost little on
   * long logs), but at most `snapshotMaxSpacing` ops after the last one; also at `close()`.
   */
  snapshotEvery?: number;
  /**
   * The most ops between two snapshots (default 200,000). The store keeps the three newest
   * snapshots and, of the older ones, the newest in each window of this many ops, so a replay
   * that starts before an op (Verify of a period, the admin's replays) finds one within about
   * two windows of it.
   */
  snapshotMaxSpacing?: number;
  /**
   * How far ahead of the clock an event's `at` (or a tick) may be, in milliseconds; later ones
   * are rejected (default: `ALLOT_MAX_CLOCK_SKEW` seconds, else 5 minutes).
   */
  maxClockSkewMs?: number;
  /** Close the store with the runtime. */
  ownsStore?: boolean;
  /** Told about failures the runtime survived (a snapshot it could not save). */
  onError?: (error: Error) => void;
  /** Failure injection, for tests. */
  testHooks?: TestHooks;
  /**
   * Add every decision (and every publication) to the outbox in the transaction that records
   * it, for webhooks and notifications (default true). Off only for measuring what it costs.
   */
  outbox?: boolean;
}

/** Filter for `decisions()`: the store's filter, instants also as ISO strings. */
export type DecisionQuery = DecisionFilter;

/** allot's runtime: the published policy applied to events as they arrive, every decision recorded. */
export interface Runtime {
  readonly store: Store;
  /**
   * Validates events (JSON Lines text or an array of values), stores the new ones, applies them
   * in time order under the policy version effective at each, and records their decisions, all
   * in one transaction; idempotent by event id, also across concurrent processes.
   */
  ingest(input: string | readonly unknown[], options?: IngestOptions): Promise<IngestResult>;
  /** Fires every deadline due up to `now` (default: the clock), exactly once across runtimes. */
  tick(now?: Date | string): Promise<TickResult>;
  /** Records a `lead.allocate` event now and returns the allocation decision (null when P1 is disabled). */
  allocate(clientId: string, mode?: AllocationMode): Promise<LeadAllocated | LeadUnallocated | null>;
  /** Validates and publishes a policy version, effective from an instant not before the runtime's time. */
  publish(policy: unknown, options: PublishOptions): Promise<StoredPolicyVersion>;
  /**
   * Cancels a publication still waiting for its effective time: an op of the log (the
   * publication stays recorded), the version leaves the timeline and goes back to `approved`.
   */
  cancelScheduled(policyId: string, version: string, options?: CancelOptions): Promise<StoredPolicyVersion>;
  /** A staff member's standing from the projections. */
  status(staffId: string): Promise<StaffStatusView>;
  /** The standing of many members in one read (every member the projection knows when `staffIds` is omitted). */
  statuses(staffIds?: readonly string[]): Promise<StaffStatusView[]>;
  /**
   * The allocation ring (P1) as an allocation at `at` (default: the clock; the runtime's time
   * when that is later) would walk it, read from the runtime's engine at the head: no replay.
   */
  ring(at?: Date | string | number): Promise<RingRead>;
  /** A page of recorded decisions in the order they were made. */
  decisions(filter?: DecisionQuery, options?: { actor?: string }): Promise<DecisionPage>;
  /** A decision with its policy version, rule clause and cause events. */
  explain(decisionId: string, options?: { actor?: string }): Promise<Explanation>;
  /** Replays the log from the start and reports every decision that differs from the record, and every broken hash link. */
  verify(range?: VerifyRange, hooks?: VerifyHooks): Promise<VerifyReport>;
  /** The runtime's time (ISO-8601), after catching up with the store; null before anything happened. */
  time(): Promise<string | null>;
  /** Saves a snapshot (if anything happened since the last) and closes the store if the runtime owns it. */
  close(): Promise<void>;
}

/** `value` if it is a positive integer; else a clear error naming the option. */
function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`allot runtime: ${name} must be a positive integer, got ${String(value)}`);
  return value;
}

/** Creates a runtime over an open store. Its state is loaded from the store on first use. */
export function createRuntime(options: RuntimeOptions): Runtime {
  return new AllotRuntime(options);
}

/** Opens a store (PGlite by default, PostgreSQL with a URL or `DATABASE_URL`) and a runtime that closes it. */
export async function openRuntime(options: StoreOptions & Omit<RuntimeOptions, 'store' | 'ownsStore'> = {}): Promise<Runtime> {
  const store = await openStore(options);
  return createRuntime({ ...options, store, ownsStore: true });
}

class AllotRuntime implements Runtime {
  readonly store: Store;
  private readonly clock: () => Date;
  private readonly actor: string;
  private readonly maxClockSkewMs: number;
  /** Every write, in call order (pipelined when ingest calls queue up). */
  private readonly writes: WritePipeline;
  private closed = false;
  private readonly ringReader = new RingReader();

  constructor(private readonly options: RuntimeOptions) {
    this.store = options.store;
    this.clock = options.clock ?? (() => new Date());
    this.actor = options.actor ?? 'system';
    this.maxClockSkewMs = options.maxClockSkewMs ?? clockSkewFromEnv();
    this.writes = new WritePipeline({
      store: options.store,
      clock: this.clock,
      snapshotEvery: Math.max(1, options.snapshotEvery ?? 50_000),
      snapshotMaxSpacing: positiveInteger('snapshotMaxSpacing', options.snapshotMaxSpacing ?? 200_000),
      testHooks: options.testHooks,
      onError: options.onError,
      outbox: options.outbox ?? true,
    });
  }

  /** Runs one write alone, in call order (see WritePipeline.write). */
  private write<T>(fn: (ctx: WriteContext) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('allot runtime: closed'));
    return this.writes.exclusive(() => this.writes.write(fn));
  }

  async ingest(input: string | readonly unknown[], options: IngestOptions = {}): Promise<IngestResult> {
    const max = options.maxRejected ?? Number.POSITIVE_INFINITY;
    const parsed = parseInput(input, max);
    const answer = (counts: Pick<IngestResult, 'accepted' | 'duplicates' | 'late' | 'decisions'>, later: readonly EventError[]): IngestResult => {
      const all = [...parsed.rejected, ...later].sort((a, b) => a.line - b.line);
      const rejected = all.length > max ? all.slice(0, max) : all;
      return { ...counts, rejected, rejectedCount: parsed.rejectedCount + later.length };
    };
    const none = { accepted: 0, duplicates: 0, late: 0, decisions: [] };
    if (parsed.events.length === 0) return answer(none, []);
    const bounded = boundBySkew(
      parsed.events.map((event, i) => ({ event, line: parsed.lines[i] ?? 0 })),
      this.clock(),
      this.maxClockSkewMs,
    );
    if (bounded.kept.length === 0) return answer(none, bounded.rejected);
    if (this.closed) throw new Error('allot runtime: closed');
    const result = await this.writes.ingest(bounded.kept);
    return answer({ accepted: result.accepted, duplicates: result.duplicates, late: result.late, decisions: result.decisions }, [...bounded.rejected, ...result.conflicts]);
  }

  async tick(now?: Date | string): Promise<TickResult> {
    const at = now === undefined ? this.clock().getTime() : typeof now === 'string' ? Date.parse(now) : now.getTime();
    if (!Number.isFinite(at)) throw new RuntimeError('invalid-input', `tick: ${JSON.stringify(now)} is not a date-time`);
    const wall = this.clock();
    if (at > wall.getTime() + this.maxClockSkewMs) throw new RuntimeError('invalid-input', `tick: ${skewMessage(new Date(at).toISOString(), wall, this.maxClockSkewMs)}`);
    return this.write((ctx) => tickLocked(ctx, at));
  }

  async allocate(clientId: string, mode: AllocationMode = 'pool'): Promise<LeadAllocated | LeadUnallocated | null> {
    const id = `allocate-${randomUUID()}`;
    const result = await this.ingest([{ id, type: 'lead.allocate', at: this.clock().toISOString(), clientId, mode }]);
    if (result.rejected.length > 0) throw new RuntimeError('invalid-input', `allocate: ${result.rejected.map((e) => e.message).join('; ')}`, result.rejected);
    const prefix = `${id}#`;
    const found = result.decisions.find((d): d is LeadAllocated | LeadUnallocated => d.id.startsWith(prefix) && (d.kind === 'lead.allocated' || d.kind === 'lead.unallocated'));
    return found ?? null;
  }

  async publish(policy: unknown, options: PublishOptions): Promise<StoredPolicyVersion> {
    const checked = checkPolicy(policy);
    return this.write((ctx) => publishLocked(ctx, checked, options));
  }

  cancelScheduled(policyId: string, version: string, options: CancelOptions = {}): Promise<StoredPolicyVersion> {
    return this.write((ctx) => cancelScheduledLocked(ctx, policyId, version, options));
  }

  status(staffId: string): Promise<StaffStatusView> {
    return staffStatus(this.store.db, staffId, this.clock());
  }

  statuses(staffIds?: readonly string[]): Promise<StaffStatusView[]> {
    return staffStatuses(this.store.db, staffIds, this.clock());
  }

  ring(at?: Date | string | number): Promise<RingRead> {
    const asked = at === undefined ? this.clock().getTime() : typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
    if (!Number.isFinite(asked)) return Promise.reject(new RuntimeError('invalid-input', `ring: ${JSON.stringify(at)} is not a date-time`));
    return this.writes.exclusive(async () => this.ringReader.read(await this.writes.catchUp(this.store.db), asked));
  }

  decisions(filter: DecisionQuery = {}, options: { actor?: string } = {}): Promise<DecisionPage> {
    return listDecisions(this.store.db, filter, options.actor ?? this.actor, this.clock());
  }

  explain(decisionId: string, options: { actor?: string } = {}): Promise<Explanation> {
    return explainDecision(this.store.db, decisionId, options.actor ?? this.actor, this.clock());
  }

  verify(range?: VerifyRange, hooks?: VerifyHooks): Promise<VerifyReport> {
    return verifyLog(this.store.db, range, hooks);
  }

  time(): Promise<string | null> {
    return this.writes.exclusive(async () => {
      const host = await this.writes.catchUp(this.store.db);
      return Number.isFinite(host.horizon) ? new Date(host.horizon).toISOString() : null;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writes.exclusive(async () => {
      await this.writes.flushSnapshots();
      if (this.options.ownsStore === true) await this.store.close();
    });
  }
}

