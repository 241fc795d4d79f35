import type { AllotEvent } from '@allot/engine';
import { openWriteSession, readClientStates, readHead, saveSnapshot, writeHead } from '@allot/store';
import type { LogHead, Store, StoreDb, StoreTransaction, WriteSession } from '@allot/store';
import { catchUp } from './catch-up.js';
import type { EngineHost, HostState } from './engine-host.js';
import { prepareIngest, readsIn, writeIngest } from './ingest.js';
import type { IngestReads, LinedEvent, PreparedIngest } from './ingest.js';
import { fastCanonicalJson } from './fast-canonical-json.js';
import { LogWriter, type TestHooks } from './log-writer.js';
import type { ProjectedClient } from './projection-batch.js';
import { RuntimeError } from './runtime-error.js';
import type { WriteContext } from './write-context.js';

/** What the pipeline needs from the runtime. */
export interface PipelineOptions {
  store: Store;
  clock: () => Date;
  snapshotEvery: number;
  /** The most ops between two snapshots (also the store's retention window). */
  snapshotMaxSpacing: number;
  testHooks: TestHooks | undefined;
  onError: ((error: Error) => void) | undefined;
  /** Whether decisions are added to the outbox in their transaction. */
  outbox: boolean;
}

/** An ingest's outcome (the runtime adds the parse errors). */
export type IngestOutcome = PreparedIngest['outcome'];

type Job =
  | { kind: 'ingest'; lined: readonly LinedEvent[]; resolve: (outcome: IngestOutcome) => void; reject: (error: unknown) => void }
  | { kind: 'exclusive'; run: () => Promise<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };

/** A batch whose transaction is running. */
interface InFlight {
  /** True once committed, false if it failed (its caller has been told). Never rejects. */
  committed: Promise<boolean>;
  /** The state generation it was prepared in. */
  generation: number;
  /** The head after it. */
  head: LogHead;
  /** Its events, for the next batch's duplicate check while it is not committed yet. */
  events: ReadonlyMap<string, { seq: number; event: AllotEvent }>;
}

/** Clients kept in the projection cache at most (then it starts over). */
const CLIENT_CACHE_LIMIT = 200_000;
/** Events applied between yields to the event loop while the previous batch commits. */
const YIELD_EVERY = 50;
/** How long a write session holds the writer lock before it lets waiting writers have a turn (ms). */
const SESSION_MS = 1_000;


const copyHead = (h: LogHead): LogHead => ({ opSeq: h.opSeq, decisionSeq: h.decisionSeq, eventHash: h.eventHash, decisionHash: h.decisionHash });

/**
 * Every write of one runtime, in the order the calls were made, one transaction each. Ingest
 * calls that queue up behind each other (a caller with several in flight) are pipelined on
 * PostgreSQL: while one batch's transaction writes and commits, the next batch is applied in
 * memory on top of it. That is only sound if nothing else can change the log in between, so
 * the runtime then holds the writer lock across those transactions (a write session, at most
 * about a second at a time). If a batch fails, the batch prepared on top of it is prepared
 * again from the store, so every batch is still all-or-nothing and applied in call order.
 */
export class WritePipeline {
  host: EngineHost | undefined;
  private readonly jobs: Job[] = [];
  private pumping = false;
  private inFlight: InFlight | undefined;
  private session: WriteSession | undefined;
  /** When the session took the lock (`performance.now()`: elapsed time, not the runtime's clock). */
  private sessionOpenedAt = 0;
  /** Bumped whenever the in-memory state is dropped: work prepared before is void. */
  private generation = 0;
  private lastSnapshotSeq = 0;
  private readonly snapshotsSaving = new Set<Promise<void>>();
  /**
   * Client projection rows as stored (or about to be, by the batch in flight), valid while the
   * head is still at `opSeq`: saves reading them back on the next batch.
   */
  private readonly clientCache: { opSeq: number; clients: Map<string, ProjectedClient> } = { opSeq: -1, clients: new Map() };

  private readonly sessionMs: number;

  constructor(private readonly o: PipelineOptions) {
    this.sessionMs = o.testHooks?.writeSessionMs ?? SESSION_MS;
  }

  /** Applies and records a batch of checked events (after the calls made before it). */
  ingest(lined: readonly LinedEvent[]): Promise<IngestOutcome> {
    return new Promise((resolve, reject) => {
      this.jobs.push({ kind: 'ingest', lined, resolve, reject });
      void this.pump();
    });
  }

  /** Runs `fn` alone (after every call made before it has committed), with the host at the head. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.jobs.push({ kind: 'exclusive', run: fn, resolve: resolve as (value: unknown) => void, reject });
      void this.pump();
    });
  }

  /**
   * One write the classic way (inside `exclusive`): catches up outside the lock (the bulk of any
   * replay), then in a transaction holding the writer lock catches up the rest, runs `fn`, and
   * moves the head. On any failure but a refusal the in-memory state is dropped and rebuilt from
   * the store next time, so it never diverges from the record.
   */
  async write<T>(fn: (ctx: WriteContext) => Promise<T>): Promise<T> {
    try {
      await this.catchUp(this.o.store.db);
      const value = await this.o.store.writeTransaction(async (trx) => {
        const { ctx, writer } = await this.begin(trx);
        const result = await fn(ctx);
        this.captureSnapshot(writer.head.opSeq);
        await writeHead(trx, writer.head, ctx.now);
        return { result, head: copyHead(writer.head) };
      });
      await this.committed(value.head);
      return value.result;
    } catch (error) {
      this.failed(error);
      throw error;
    }
  }

  /** Brings the host up to the stored head (outside any transaction). */
  async catchUp(db: StoreDb, knownHead?: LogHead): Promise<EngineHost> {
    const head = knownHead ?? (await readHead(db));
    const { host, snapshotSeq } = await catchUp(db, head, this.host);
    if (snapshotSeq !== undefined) this.lastSnapshotSeq = snapshotSeq;
    this.host = host;
    return host;
  }

  /** Saves a snapshot of the state if anything happened since the last one (inside `exclusive`), and waits for pending ones. */
  async flushSnapshots(): Promise<void> {
    if (this.host !== undefined && this.host.opSeq > this.lastSnapshotSeq) this.saveState(this.host.opSeq, this.host.snapshot(), this.lastSnapshotSeq);
    await Promise.all([...this.snapshotsSaving]);
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        const job = this.jobs.shift();
        if (job === undefined) {
          await this.settleInFlight();
          if (this.jobs.length > 0) continue;
          await this.endSession();
          if (this.jobs.length > 0) continue;
          return;
        }
        if (job.kind === 'exclusive') {
          await this.settleInFlight();
          await this.endSession();
          await job.run().then(job.resolve, job.reject);
        } else {
          await this.runIngest(job);
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Waits for the batch in flight; ends the session when it failed (its connection may be gone). */
  private async settleInFlight(): Promise<boolean> {
    const prev = this.inFlight;
    if (prev === undefined) return true;
    const ok = await prev.committed;
    if (this.inFlight === prev) this.inFlight = undefined;
    if (!ok) await this.endSession();
    return ok;
  }

  private async endSession(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    if (session !== undefined) await session.close();
  }

  /**
   * Whether the session may go on: for `SESSION_MS` at a time, then again for as long as no other
   * writer is waiting for the lock (checked once a period), so a lone writer keeps pipelining and
   * others wait at most about a period.
   */
  private async sessionGoesOn(session: WriteSession): Promise<boolean> {
    if (performance.now() - this.sessionOpenedAt < this.sessionMs) return true;
    try {
      if (await session.othersWaiting()) return false;
    } catch {
      return false;
    }
    this.sessionOpenedAt = performance.now();
    return true;
  }

  private async runIngest(job: Extract<Job, { kind: 'ingest' }>): Promise<void> {
    const prev = this.inFlight;
    const session = this.session;
    if (prev !== undefined && session !== undefined && prev.generation === this.generation && (await this.sessionGoesOn(session))) {
      // Apply this batch on top of the one committing: the session keeps every other writer out.
      const generation = this.generation;
      let prepared: { batch: PreparedIngest; now: Date } | undefined;
      let failure: unknown;
      try {
        prepared = await this.prepareOnTop(job.lined, prev);
      } catch (error) {
        failure = error;
      }
      const ok = await this.settleInFlight();
      if (ok && generation === this.generation) {
        if (prepared !== undefined) {
          this.commitPrepared(job, prepared.batch, prev.head, prepared.now);
          return;
        }
        // The state moved on by part of this batch: drop it, and report the failure.
        this.failed(failure, true);
        job.reject(failure);
        return;
      }
      // The batch below failed: this one was applied on what is not stored. Drop the state it
      // left (even if that failure kept the state) and start again from the store.
      this.host = undefined;
      this.generation++;
    } else {
      await this.settleInFlight();
      if (this.session !== undefined && performance.now() - this.sessionOpenedAt >= this.sessionMs) await this.endSession();
    }
    await this.runFromStore(job);
  }

  /** The first batch of a run (or any batch with nothing in flight): prepared inside its own transaction. */
  private async runFromStore(job: Extract<Job, { kind: 'ingest' }>): Promise<void> {
    const generation = this.generation;
    try {
      await this.catchUp(this.o.store.db);
      if (this.session === undefined && this.jobs.length > 0) {
        this.session = await openWriteSession(this.o.store);
        this.sessionOpenedAt = performance.now();
      }
    } catch (error) {
      this.failed(error);
      job.reject(error);
      return;
    }
    let signal!: (head: LogHead | undefined) => void;
    const preparedHead = new Promise<LogHead | undefined>((resolve) => {
      signal = resolve;
    });
    let events: ReadonlyMap<string, { seq: number; event: AllotEvent }> = new Map();
    const transaction = this.session?.writeTransaction ?? this.o.store.writeTransaction;
    const committed = transaction(async (trx) => {
      const { ctx, writer } = await this.begin(trx);
      const batch = await prepareIngest(ctx.host, writer, readsIn(trx), job.lined, ctx.clientCache, trx);
      this.captureSnapshot(writer.head.opSeq);
      events = writer.newEvents();
      signal(copyHead(writer.head));
      await writeIngest(trx, batch, this.o.testHooks, ctx.now);
      await writeHead(trx, writer.head, ctx.now);
      return { batch, head: copyHead(writer.head) };
    }).then(
      async ({ batch, head }) => {
        await this.committed(head);
        job.resolve(batch.outcome);
        return true;
      },
      (error: unknown) => {
        this.failed(error);
        job.reject(error);
        return false;
      },
    );
    const head = await Promise.race([preparedHead, committed.then(() => undefined)]);
    // Failed before it was prepared: nothing can be built on it (generation -1 matches none).
    this.inFlight = head === undefined ? { committed, generation: -1, head: this.emptyHead(), events } : { committed, generation, head, events };
  }

  /** Prepares a batch on top of the one in flight: the host is already past it; reads see the store plus its events. */
  private async prepareOnTop(lined: readonly LinedEvent[], prev: InFlight): Promise<{ batch: PreparedIngest; now: Date }> {
    const host = this.host;
    if (host === undefined || host.opSeq !== prev.head.opSeq) throw new Error('allot runtime: the in-memory state is not at the batch in flight');
    const db = this.o.store.db;
    const base = readsIn(db);
    const reads: IngestReads = {
      async storedEvents(ids) {
        const found = await base.storedEvents(ids);
        for (const id of ids) {
          const pending = prev.events.get(id);
          if (pending !== undefined) found.set(id, { seq: pending.seq, text: () => fastCanonicalJson(pending.event) });
        }
        return found;
      },
      clientStates: (ids) => readClientStates(db, ids),
    };
    const now = this.o.clock();
    const writer = new LogWriter(copyHead(prev.head), now.toISOString(), this.outboxOption());
    this.clientCache.opSeq = -1;
    const batch = await prepareIngest(host, writer, reads, lined, this.clientCache.clients, db, YIELD_EVERY);
    this.captureSnapshot(writer.head.opSeq);
    return { batch, now };
  }

  /** Starts the transaction of a batch prepared on top of the previous one; it becomes the batch in flight. */
  private commitPrepared(job: Extract<Job, { kind: 'ingest' }>, batch: PreparedIngest, before: LogHead, now: Date): void {
    const session = this.session;
    const generation = this.generation;
    const after = copyHead(batch.writer.head);
    const transaction = session?.writeTransaction ?? this.o.store.writeTransaction;
    const write = async (): Promise<void> => {
      if (session !== undefined && this.o.testHooks === undefined) {
        // One round trip: begin, the rows, the head's move from `before` (checked), commit.
        const { events, decisions } = batch.writer.encoded(this.o.store.db);
        await session.commitBatch({ events, decisions, outboxTexts: batch.writer.outboxTexts(), staff: batch.projections.staff, clients: batch.projections.clients, from: before, to: after, at: now });
        return;
      }
      await transaction(async (trx) => {
        await writeIngest(trx, batch, this.o.testHooks, now);
        // Moves the head only from where this batch was prepared (the session guarantees it is there).
        await writeHead(trx, batch.writer.head, now, before);
      });
    };
    const committed = write().then(
      async () => {
        await this.committed(after);
        job.resolve(batch.outcome);
        return true;
      },
      (error: unknown) => {
        this.failed(error);
        job.reject(error);
        return false;
      },
    );
    this.inFlight = { committed, generation, head: after, events: batch.writer.newEvents() };
  }

  /** The start of a transaction prepared from the store: the head, the host caught up to it, a writer, the client cache. */
  private async begin(trx: StoreTransaction): Promise<{ ctx: WriteContext; writer: LogWriter }> {
    const head = await readHead(trx);
    const host = await this.catchUp(trx, head);
    const now = this.o.clock();
    const writer = new LogWriter(head, now.toISOString(), this.outboxOption());
    const cache = this.clientCache;
    if (cache.opSeq !== head.opSeq || cache.clients.size > CLIENT_CACHE_LIMIT) cache.clients.clear();
    cache.opSeq = -1; // invalid until this write commits
    return { ctx: { trx, host, writer, now, hooks: this.o.testHooks, clientCache: cache.clients }, writer };
  }

  private outboxOption(): boolean {
    return this.o.outbox;
  }

  private emptyHead(): LogHead {
    return { opSeq: -1, decisionSeq: -1, eventHash: '', decisionHash: '' };
  }

  /**
   * A write committed: the client cache is what is stored at `head`; a snapshot taken at it is
   * saved (the write's caller is answered once it is, as snapshots are rare and this keeps a
   * runtime's snapshots in step with its calls).
   */
  private async committed(head: LogHead): Promise<void> {
    this.clientCache.opSeq = head.opSeq;
    const pending = this.pendingSnapshot;
    if (pending !== undefined && pending.seq <= head.opSeq) {
      this.pendingSnapshot = undefined;
      await this.saveState(pending.seq, pending.state, pending.previous);
    }
  }

  /** A write failed: unless it was refused before changing anything (or `drop`), the in-memory state is dropped. */
  private failed(error: unknown, drop = false): void {
    this.clientCache.clients.clear();
    this.clientCache.opSeq = -1;
    const pending = this.pendingSnapshot;
    if (pending !== undefined) {
      this.pendingSnapshot = undefined;
      this.lastSnapshotSeq = pending.previous;
    }
    if (drop || !(error instanceof RuntimeError)) {
      this.host = undefined;
      this.generation++;
    }
  }

  private pendingSnapshot: { seq: number; state: HostState; previous: number } | undefined;

  /**
   * Takes a copy of the state right after a batch was applied (the host is exactly at `opSeq`)
   * when a snapshot is due: after `snapshotEvery` ops, then once as many ops have passed as the
   * log held at the last one, but never more than `snapshotMaxSpacing` ops after it. It is saved
   * once the batch has committed.
   */
  private captureSnapshot(opSeq: number): void {
    const host = this.host;
    if (host === undefined || host.opSeq !== opSeq || opSeq <= this.lastSnapshotSeq) return;
    const since = opSeq - this.lastSnapshotSeq;
    if (since < Math.min(Math.max(this.o.snapshotEvery, this.lastSnapshotSeq), this.o.snapshotMaxSpacing)) return;
    this.pendingSnapshot = { seq: opSeq, state: host.snapshot(), previous: this.lastSnapshotSeq };
    this.lastSnapshotSeq = opSeq;
  }

  private saveState(seq: number, state: HostState, previous: number): Promise<void> {
    this.lastSnapshotSeq = Math.max(this.lastSnapshotSeq, seq);
    const saving = saveSnapshot(this.o.store.db, seq, state, this.o.clock(), { keepEvery: this.o.snapshotMaxSpacing })
      .catch((error: unknown) => {
        // A snapshot is a cache: failing to save one loses nothing (the next one is due sooner).
        if (this.lastSnapshotSeq === seq) this.lastSnapshotSeq = previous;
        this.o.onError?.(error instanceof Error ? error : new Error(String(error)));
      })
      .finally(() => this.snapshotsSaving.delete(saving));
    this.snapshotsSaving.add(saving);
    return saving;
  }
}
