import { randomUUID } from 'node:crypto';
import type { AllocationMode, AllotEvent, EventError, LeadAllocated, LeadUnallocated } from '@allot/engine';
import { Mutex, openStore, readHead, saveSnapshot, writeHead } from '@allot/store';
import type { DecisionFilter, Store, StoreOptions, StoredPolicyVersion } from '@allot/store';
import { catchUp } from './catch-up.js';
import type { EngineHost } from './engine-host.js';
import { ingestLocked, type IngestResult, type LinedEvent } from './ingest.js';
import { LogWriter, type TestHooks } from './log-writer.js';
import { parseInput } from './parse-input.js';
import type { ProjectedClient } from './projection-batch.js';
import { checkPolicy, publishLocked, type PublishOptions } from './publish.js';
import { explainDecision, listDecisions, staffStatus, type DecisionPage, type Explanation, type StaffStatusView } from './queries.js';
import { RuntimeError } from './runtime-error.js';
import { tickLocked, type TickResult } from './tick.js';
import { verifyLog, type VerifyRange, type VerifyReport } from './verify.js';
import type { WriteContext } from './write-context.js';

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
   * long logs); also at `close()`.
   */
  snapshotEvery?: number;
  /** Close the store with the runtime. */
  ownsStore?: boolean;
  /** Told about failures the runtime survived (a snapshot it could not save). */
  onError?: (error: Error) => void;
  /** Failure injection, for tests. */
  testHooks?: TestHooks;
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
  ingest(input: string | readonly unknown[]): Promise<IngestResult>;
  /** Fires every deadline due up to `now` (default: the clock), exactly once across runtimes. */
  tick(now?: Date | string): Promise<TickResult>;
  /** Records a `lead.allocate` event now and returns the allocation decision (null when P1 is disabled). */
  allocate(clientId: string, mode?: AllocationMode): Promise<LeadAllocated | LeadUnallocated | null>;
  /** Validates and publishes a policy version, effective from an instant not before the runtime's time. */
  publish(policy: unknown, options: PublishOptions): Promise<StoredPolicyVersion>;
  /** A staff member's standing from the projections. */
  status(staffId: string): Promise<StaffStatusView>;
  /** A page of recorded decisions in the order they were made. */
  decisions(filter?: DecisionQuery, options?: { actor?: string }): Promise<DecisionPage>;
  /** A decision with its policy version, rule clause and cause events. */
  explain(decisionId: string, options?: { actor?: string }): Promise<Explanation>;
  /** Replays the log from the start and reports every decision that differs from the record, and every broken hash link. */
  verify(range?: VerifyRange): Promise<VerifyReport>;
  /** The runtime's time (ISO-8601), after catching up with the store; null before anything happened. */
  time(): Promise<string | null>;
  /** Saves a snapshot (if anything happened since the last) and closes the store if the runtime owns it. */
  close(): Promise<void>;
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

/** Clients kept in the projection cache at most (then it starts over). */
const CLIENT_CACHE_LIMIT = 200_000;

class AllotRuntime implements Runtime {
  readonly store: Store;
  private readonly clock: () => Date;
  private readonly actor: string;
  private readonly snapshotEvery: number;
  private readonly mutex = new Mutex();
  private host: EngineHost | undefined;
  private lastSnapshotSeq = 0;
  /**
   * Client projection rows as this runtime last wrote them, valid while the head is still at
   * `opSeq` (no other writer came in between): saves reading them back on the next batch.
   */
  private clientCache: { opSeq: number; clients: Map<string, ProjectedClient> } = { opSeq: -1, clients: new Map() };
  private closed = false;

  constructor(private readonly options: RuntimeOptions) {
    this.store = options.store;
    this.clock = options.clock ?? (() => new Date());
    this.actor = options.actor ?? 'system';
    this.snapshotEvery = Math.max(1, options.snapshotEvery ?? 50_000);
  }

  /**
   * Runs one write: catches up outside the lock (the bulk of any replay), then in a transaction
   * holding the writer lock catches up the rest, runs `fn`, and moves the head. On any failure
   * but a refusal the in-memory state is dropped and rebuilt from the store next time, so it
   * never diverges from the record.
   */
  private write<T>(fn: (ctx: WriteContext) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('allot runtime: closed'));
    return this.mutex.run(async () => {
      try {
        await this.catchUp(this.store.db);
        const result = await this.store.writeTransaction(async (trx) => {
          const head = await readHead(trx);
          const host = await this.catchUp(trx, head);
          const now = this.clock();
          const writer = new LogWriter(head, now.toISOString());
          if (this.clientCache.opSeq !== head.opSeq || this.clientCache.clients.size > CLIENT_CACHE_LIMIT) this.clientCache.clients.clear();
          const clientCache = this.clientCache.clients;
          this.clientCache.opSeq = -1; // invalid until this write commits
          const value = await fn({ trx, host, writer, now, hooks: this.options.testHooks, clientCache });
          await writeHead(trx, writer.head, now);
          return { value, opSeq: writer.head.opSeq };
        });
        this.clientCache.opSeq = result.opSeq;
        await this.maybeSnapshot(false);
        return result.value;
      } catch (error) {
        this.clientCache.clients.clear();
        if (!(error instanceof RuntimeError)) this.host = undefined;
        throw error;
      }
    });
  }

  private async catchUp(db: Store['db'], knownHead?: Awaited<ReturnType<typeof readHead>>): Promise<EngineHost> {
    const head = knownHead ?? (await readHead(db));
    const { host, snapshotSeq } = await catchUp(db, head, this.host);
    if (snapshotSeq !== undefined) this.lastSnapshotSeq = snapshotSeq;
    this.host = host;
    return host;
  }

  private async maybeSnapshot(force: boolean): Promise<void> {
    const host = this.host;
    if (host === undefined || host.opSeq <= this.lastSnapshotSeq) return;
    const since = host.opSeq - this.lastSnapshotSeq;
    if (!force && since < Math.max(this.snapshotEvery, this.lastSnapshotSeq)) return;
    try {
      await saveSnapshot(this.store.db, host.opSeq, host.snapshot(), this.clock());
      this.lastSnapshotSeq = host.opSeq;
    } catch (error) {
      // A snapshot is a cache: failing to save one loses nothing.
      this.options.onError?.(error instanceof Error ? error : new Error(String(error)));
    }
  }

  async ingest(input: string | readonly unknown[]): Promise<IngestResult> {
    const parsed = parseInput(input);
    if (parsed.events.length === 0) return { accepted: 0, duplicates: 0, late: 0, rejected: parsed.rejected, decisions: [] };
    const lined = withLines(input, parsed.events, parsed.rejected);
    const result = await this.write((ctx) => ingestLocked(ctx, lined));
    const rejected = [...parsed.rejected, ...result.conflicts].sort((a, b) => a.line - b.line);
    return { accepted: result.accepted, duplicates: result.duplicates, late: result.late, rejected, decisions: result.decisions };
  }

  async tick(now?: Date | string): Promise<TickResult> {
    const at = now === undefined ? this.clock().getTime() : typeof now === 'string' ? Date.parse(now) : now.getTime();
    if (!Number.isFinite(at)) throw new RuntimeError('invalid-input', `tick: ${JSON.stringify(now)} is not a date-time`);
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

  status(staffId: string): Promise<StaffStatusView> {
    return staffStatus(this.store.db, staffId, this.clock());
  }

  decisions(filter: DecisionQuery = {}, options: { actor?: string } = {}): Promise<DecisionPage> {
    return listDecisions(this.store.db, filter, options.actor ?? this.actor, this.clock());
  }

  explain(decisionId: string, options: { actor?: string } = {}): Promise<Explanation> {
    return explainDecision(this.store.db, decisionId, options.actor ?? this.actor, this.clock());
  }

  verify(range?: VerifyRange): Promise<VerifyReport> {
    return verifyLog(this.store.db, range);
  }

  time(): Promise<string | null> {
    return this.mutex.run(async () => {
      const host = await this.catchUp(this.store.db);
      return Number.isFinite(host.horizon) ? new Date(host.horizon).toISOString() : null;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.mutex.run(async () => {
      this.closed = true;
      await this.maybeSnapshot(true);
      if (this.options.ownsStore === true) await this.store.close();
    });
  }
}

/** Pairs each valid event with its line: JSON Lines text skips blank lines and lines with errors, as `parseEvents` does. */
function withLines(input: string | readonly unknown[], events: readonly AllotEvent[], rejected: readonly EventError[]): LinedEvent[] {
  const bad = new Set(rejected.map((e) => e.line));
  const lines: number[] = [];
  if (typeof input === 'string') {
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    let line = 0;
    for (const raw of text.split('\n')) {
      line++;
      if (raw.trim().length > 0 && !bad.has(line)) lines.push(line);
    }
  } else {
    for (let i = 0; i < input.length; i++) if (!bad.has(i + 1)) lines.push(i + 1);
  }
  return events.map((event, i) => ({ event, line: lines[i] ?? 0 }));
}
