/**
 * Long work as jobs: a Verify over the whole log, a what-if over a long period. A page asks for
 * a job and reads its progress; it never waits on the replay. Every job is a row of `jobs`
 * (status, progress, detail, the result kept after it ends, a cancel request), on both backends.
 *
 * - On PostgreSQL the queue is pg-boss's (docs/runtime.md, "Jobs"): a job is sent to it and
 *   run by whichever process works that queue, so a job outlives the request that asked for
 *   it, runs once, and the pg-boss supervisor expires it when its process died.
 * - On PGlite (one process owns the database) the same handlers run in this process, one job
 *   at a time, in time slices (`TimeSlice`): other requests keep being served meanwhile.
 *
 * A handler reports progress with `ctx.progress(fraction, detail)`; that is also where a cancel
 * takes effect (it throws `JobCancelled`, and the job ends `cancelled`).
 */
import { randomUUID } from 'node:crypto';
import { finishJob, insertJob, listJobs, readJob, reportJobProgress, requestJobCancel, startJob } from '@allot/store';
import type { StoredJob } from '@allot/store';
import { CompiledQuery } from 'kysely';
import PgBoss from 'pg-boss';
import { JobCancelled } from './job-cancelled.js';
import type { Runtime } from './runtime.js';

/** What a running job's handler is given. */
export interface JobContext {
  id: string;
  params: unknown;
  /** Reports how far the job got (0–1) and what it is doing; throws `JobCancelled` when asked to stop. */
  progress(fraction: number, detail?: string): Promise<void>;
}

/** Runs one kind of job; its value is kept as the job's result (JSON). */
export type JobHandler = (ctx: JobContext) => Promise<unknown>;

/** How to run the job queue. */
export interface JobQueueOptions {
  runtime: Runtime;
  /** Handlers by kind, next to the built-in `verify` (params: a `VerifyRange`). */
  handlers?: Record<string, JobHandler>;
  clock?: () => Date;
  /** Told about failures of the queue itself (not of a job: those end the job `failed`). */
  onError?: (error: Error) => void;
  /** Least time between two progress writes of one job (ms, default 250). */
  progressEveryMs?: number;
}

/** The job queue of one process. */
export interface JobQueue {
  /** `pg-boss` on PostgreSQL, `in-process` on PGlite. */
  readonly engine: 'pg-boss' | 'in-process';
  /** Records a job and queues it; resolves once it is queued (not when it ends). */
  submit(kind: string, params: unknown, options?: { requestedBy?: string }): Promise<StoredJob>;
  get(id: string): Promise<StoredJob | undefined>;
  list(options?: { kind?: string; limit?: number }): Promise<StoredJob[]>;
  /** Asks a job to stop (a queued one stops at once, a running one at its next progress report). */
  cancel(id: string): Promise<StoredJob | undefined>;
  /** Resolves when the job has ended (polls its row; for scripts and tests). */
  wait(id: string, pollMs?: number): Promise<StoredJob>;
  /** Stops working the queue (waits for the job running here); `dropQueue` also drops pg-boss's schema (tests). */
  stop(options?: { dropQueue?: boolean }): Promise<void>;
}

const ENDED = new Set(['done', 'failed', 'cancelled']);
const queueName = (kind: string): string => `allot-${kind.replace(/[^a-z0-9-]/gi, '-')}`;

/** Starts the job queue over the runtime's store: pg-boss on PostgreSQL, in-process on PGlite. */
export async function startJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const queue = new Jobs(options);
  await queue.start();
  return queue;
}

class Jobs implements JobQueue {
  readonly engine: 'pg-boss' | 'in-process';
  private readonly handlers: Record<string, JobHandler>;
  private readonly clock: () => Date;
  private boss: PgBoss | undefined;
  private readonly bossSchema: string;
  /** In-process: the jobs run one after another. */
  private chain: Promise<void> = Promise.resolve();
  private readonly running = new Set<Promise<void>>();
  /** pg-boss's queries still under way, and whether pg-boss has stopped (later queries are dropped). */
  private readonly bossQueries = new Set<Promise<unknown>>();
  private bossStopped = false;

  constructor(private readonly o: JobQueueOptions) {
    const store = o.runtime.store;
    this.engine = store.backend === 'postgres' ? 'pg-boss' : 'in-process';
    this.clock = o.clock ?? (() => new Date());
    this.bossSchema = `${store.schema ?? 'allot'}_jobs`;
    this.handlers = {
      verify: (ctx) =>
        o.runtime.verify((ctx.params ?? {}) as Parameters<Runtime['verify']>[0], {
          progress: (seq, last, first) => ctx.progress(last <= first ? 1 : (seq - first) / (last - first), `op ${seq} of ${first + 1}–${last}`),
        }),
      ...o.handlers,
    };
  }

  async start(): Promise<void> {
    if (this.engine === 'in-process') return;
    const boss = new PgBoss({
      db: { executeSql: (text: string, values: unknown[]) => this.bossSql(text, values) },
      schema: this.bossSchema,
      schedule: false,
    });
    boss.on('error', (error: Error) => this.o.onError?.(error));
    await boss.start();
    for (const kind of Object.keys(this.handlers)) {
      const name = queueName(kind);
      await boss.createQueue(name);
      await boss.work<{ id: string }>(name, { pollingIntervalSeconds: 0.5 }, async ([job]) => {
        if (job !== undefined) await this.track(this.run(job.data.id));
      });
    }
    this.boss = boss;
  }

  async submit(kind: string, params: unknown, options: { requestedBy?: string } = {}): Promise<StoredJob> {
    if (this.handlers[kind] === undefined) throw new Error(`jobs: no handler for ${JSON.stringify(kind)}`);
    const db = this.o.runtime.store.db;
    const id = randomUUID();
    await insertJob(db, { id, kind, params, requestedBy: options.requestedBy ?? null }, this.clock());
    if (this.boss !== undefined) await this.boss.send(queueName(kind), { id }, { retryLimit: 0, expireInHours: 6 });
    else {
      const next = this.chain.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(() => this.run(id));
      this.chain = next;
      void this.track(next);
    }
    return (await readJob(db, id)) as StoredJob;
  }

  get(id: string): Promise<StoredJob | undefined> {
    return readJob(this.o.runtime.store.db, id);
  }

  list(options: { kind?: string; limit?: number } = {}): Promise<StoredJob[]> {
    return listJobs(this.o.runtime.store.db, options);
  }

  cancel(id: string): Promise<StoredJob | undefined> {
    return requestJobCancel(this.o.runtime.store.db, id, this.clock());
  }

  async wait(id: string, pollMs = 100): Promise<StoredJob> {
    for (;;) {
      const job = await this.get(id);
      if (job === undefined) throw new Error(`jobs: no job ${id}`);
      if (ENDED.has(job.status)) return job;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  async stop(options: { dropQueue?: boolean } = {}): Promise<void> {
    if (this.boss !== undefined) {
      await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      this.boss = undefined;
      // pg-boss marks a finished job complete without awaiting it: from now on its queries are
      // dropped (each job's own row is the record), and the ones under way are waited for.
      this.bossStopped = true;
      await Promise.allSettled([...this.bossQueries]);
    }
    await Promise.all([...this.running]);
    if (options.dropQueue === true && this.engine === 'pg-boss') await this.o.runtime.store.db.executeQuery(CompiledQuery.raw(`drop schema if exists "${this.bossSchema}" cascade`));
  }

  private async bossSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> {
    if (this.bossStopped) return { rows: [] };
    const query = this.o.runtime.store.db.executeQuery(CompiledQuery.raw(text, values));
    this.bossQueries.add(query);
    try {
      return { rows: (await query).rows as unknown[] };
    } finally {
      this.bossQueries.delete(query);
    }
  }

  private track(p: Promise<void>): Promise<void> {
    this.running.add(p);
    return p.finally(() => this.running.delete(p));
  }

  /** Runs one job to its end; every outcome is written to its row, nothing is thrown. */
  private async run(id: string): Promise<void> {
    const db = this.o.runtime.store.db;
    try {
      const job = await readJob(db, id);
      if (job === undefined || !(await startJob(db, id, this.clock()))) return;
      const handler = this.handlers[job.kind];
      if (handler === undefined) throw new Error(`no handler for ${job.kind}`);
      const every = this.o.progressEveryMs ?? 250;
      let last = 0;
      const ctx: JobContext = {
        id,
        params: job.params,
        progress: async (fraction, detail) => {
          const now = performance.now();
          if (now - last < every) return;
          last = now;
          if (await reportJobProgress(db, id, fraction, detail ?? null)) throw new JobCancelled(id);
        },
      };
      const result = await handler(ctx);
      await finishJob(db, id, { status: 'done', result }, this.clock());
    } catch (error) {
      const end = error instanceof JobCancelled ? ({ status: 'cancelled' } as const) : ({ status: 'failed', error: error instanceof Error ? error.message : String(error) } as const);
      await finishJob(db, id, end, this.clock()).catch((e: unknown) => this.o.onError?.(e instanceof Error ? e : new Error(String(e))));
    }
  }
}
