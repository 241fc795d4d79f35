/**
 * Outbound delivery: the dispatcher reads the outbox (decisions and workflow events, written in
 * the transactions that recorded them) and makes one delivery per event and matching webhook
 * endpoint, and the batched messages to people (notify/plan.ts); the worker attempts each
 * delivery, retries it with exponential backoff and jitter, ends it as a dead letter after the
 * maximum age or attempts, and pauses an endpoint after too many failures in a row.
 *
 * - On PostgreSQL every attempt is a pg-boss job (queue `allot-outbound` in the schema
 *   `<schema>_outbound`), enqueued in the same transaction as the delivery row it runs (so a
 *   delivery exists exactly when its job does), with `startAfter` = the retry time; pg-boss
 *   hands each job to one worker of whichever process works the queue, and expires a job whose
 *   worker died (the reconciler then re-queues the delivery).
 * - On PGlite (one process owns the database) a single in-process worker runs the deliveries
 *   that are due, by `next_at`, over the same table with the same attempt function: the same
 *   retries, dead letters and pausing.
 *
 * The state of a delivery is its row (`outbound_deliveries`), on both backends: a pg-boss job
 * only says "look at delivery N now", and an attempt first claims the row (pending and due →
 * sending), so a job run twice, or a delivery re-queued by the reconciler, is sent once per
 * attempt. A webhook's `webhook-id` is the event's id, so a receiver can de-duplicate the rare
 * second send after a crash between the send and the row's update (at-least-once).
 */
import { randomUUID } from 'node:crypto';
import { readOutbox } from '@allot/store';
import type { OutboxEntry } from '@allot/store';
import { CompiledQuery, sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import PgBoss from 'pg-boss';
import type { AdminDatabase, AdminDb, EndpointFilters, OutboundDeliveriesTable } from '../shared/database';
import { storeDb } from '../shared/database';
import { backoffMs } from './config';
import type { OutboundConfig } from './config';
import { signDelivery } from './signing';
import { planNotifications } from './notify/plan';
import { sendNotification } from './notify/send';
import type { NotificationMessage } from './notify/templates';

/** What the outbound machinery is given. */
export interface OutboundOptions {
  db: AdminDb;
  backend: 'postgres' | 'pglite';
  /** The store's schema (names pg-boss's schema); undefined: `allot`. */
  schema: string | undefined;
  clock: () => Date;
  config: OutboundConfig;
  /** The jitter's random numbers (tests). */
  random?: () => number;
  /** Told about failures of the machinery itself (not of a delivery: those are in its row). */
  onError?: (error: Error) => void;
  /** Don't start the loops (tests drive `dispatchOnce` and `runDue` themselves; PGlite only). */
  manual?: boolean;
}

/** The outbound machinery of one process. */
export interface Outbound {
  readonly engine: 'pg-boss' | 'in-process';
  /** Reads the outbox once (up to 500 rows) and makes their deliveries; returns the rows read. */
  dispatchOnce(): Promise<number>;
  /** In-process: runs the deliveries due now (at most `concurrency` at once); returns how many were attempted. */
  runDue(): Promise<number>;
  /** Wakes the loops (after an ingest, a replay, a resume). */
  kick(): void;
  /** Queues a delivery's next attempt (replays, resumes, test events). */
  schedule(db: Kysely<AdminDatabase>, ids: readonly number[], at: Date): Promise<void>;
  stop(options?: { dropQueue?: boolean }): Promise<void>;
}

const QUEUE = 'allot-outbound';
const CURSOR = 'outbound';

/**
 * Does an endpoint's filter take this outbox row? Empty lists take every value. A workflow event
 * goes to endpoints that take workflow events, except that one naming a staff member (the appeal
 * events' `staffId`) also has to pass the staff filter: an endpoint for some staff hears of no
 * one else's appeals.
 */
export function matchesFilters(f: EndpointFilters, e: OutboxEntry): boolean {
  if (e.decision === null) {
    if (!f.workflow) return false;
    const staffId = e.body['staffId'];
    return f.staff.length === 0 || typeof staffId !== 'string' || f.staff.includes(staffId);
  }
  if (f.kinds.length > 0 && !f.kinds.includes(e.decision.kind)) return false;
  if (f.rules.length > 0 && !f.rules.includes(e.decision.rule)) return false;
  if (f.staff.length > 0 && (e.decision.staffId === null || !f.staff.includes(e.decision.staffId))) return false;
  return true;
}

/** The type a webhook carries: `decision.<kind>` (e.g. `decision.staff.fined`) or the workflow event's. */
export function eventTypeOf(e: OutboxEntry): string {
  return e.decision === null ? e.type : `decision.${e.decision.kind}`;
}

/** The body of a webhook (Standard Webhooks' recommended shape): `{ type, timestamp, data }`, data = the decision (SPEC §4) or the workflow event. */
export function webhookBody(type: string, timestamp: Date, data: unknown): string {
  return JSON.stringify({ type, timestamp: timestamp.toISOString(), data });
}

/** pg-boss's database interface over a kysely connection or transaction. */
function bossDb(db: Kysely<AdminDatabase>): { executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> } {
  return { executeSql: async (text, values) => ({ rows: (await db.executeQuery(CompiledQuery.raw(text, values))).rows as unknown[] }) };
}

/** Starts the dispatcher and the worker: pg-boss on PostgreSQL, in-process on PGlite. */
export async function startOutbound(o: OutboundOptions): Promise<Outbound> {
  const outbound = new OutboundImpl(o);
  await outbound.start();
  return outbound;
}

class OutboundImpl implements Outbound {
  readonly engine: 'pg-boss' | 'in-process';
  private boss: PgBoss | undefined;
  private readonly bossSchema: string;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private loopDone: Promise<void> = Promise.resolve();
  private readonly running = new Set<Promise<void>>();
  private lastReconcile = 0;
  private workerId: string | undefined;

  constructor(private readonly o: OutboundOptions) {
    this.engine = o.backend === 'postgres' ? 'pg-boss' : 'in-process';
    this.bossSchema = `${o.schema ?? 'allot'}_outbound`;
  }

  async start(): Promise<void> {
    if (this.engine === 'pg-boss') {
      const boss = new PgBoss({ db: bossDb(this.o.db), schema: this.bossSchema, schedule: false, supervise: true });
      boss.on('error', (error: Error) => this.o.onError?.(error));
      await boss.start();
      await boss.createQueue(QUEUE);
      const batchSize = this.o.config.concurrency;
      this.workerId = await boss.work<{ id: number }>(QUEUE, { batchSize, pollingIntervalSeconds: 0.5 }, async (jobs) => {
        await this.track(this.attemptBatch(jobs.map((job) => job.data.id)));
        // A full batch: more are likely waiting, so fetch again at once instead of after the polling interval.
        if (jobs.length >= batchSize) this.notifyWorker();
      });
      this.boss = boss;
    }
    if (this.o.manual !== true) this.loopDone = this.loop();
  }

  kick(): void {
    this.wake?.();
  }

  private notifyWorker(): void {
    if (this.boss !== undefined && this.workerId !== undefined) this.boss.notifyWorker(this.workerId);
  }

  async stop(options: { dropQueue?: boolean } = {}): Promise<void> {
    this.stopped = true;
    this.kick();
    await this.loopDone;
    if (this.boss !== undefined) {
      await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      this.boss = undefined;
    }
    await Promise.all([...this.running]);
    if (options.dropQueue === true && this.engine === 'pg-boss') await sql.raw(`drop schema if exists "${this.bossSchema}" cascade`).execute(this.o.db);
  }

  private track(p: Promise<void>): Promise<void> {
    this.running.add(p);
    return p.finally(() => this.running.delete(p));
  }

  private error(e: unknown): void {
    this.o.onError?.(e instanceof Error ? e : new Error(String(e)));
  }

  /** The loop of this process: dispatch, then (in-process) the due deliveries, then wait for the next due time, the poll period or a kick. */
  private async loop(): Promise<void> {
    while (!this.stopped) {
      let busy = false;
      try {
        busy = (await this.dispatchOnce()) > 0;
        if (this.engine === 'in-process') busy = (await this.runDue()) > 0 || busy;
        if (Date.now() - this.lastReconcile > 15_000) {
          this.lastReconcile = Date.now();
          await this.reconcile();
        }
      } catch (error) {
        this.error(error);
      }
      if (busy || this.stopped) continue;
      let wait = this.o.config.pollMs;
      if (this.engine === 'in-process') {
        const next = await this.o.db.selectFrom('outbound_deliveries').select((eb) => eb.fn.min('next_at').as('next')).where('status', '=', 'pending').executeTakeFirst().catch(() => undefined);
        if (next?.next != null) wait = Math.max(0, Math.min(wait, new Date(next.next).getTime() - this.o.clock().getTime()));
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.timer = setTimeout(resolve, wait);
      });
      clearTimeout(this.timer);
      this.wake = undefined;
    }
  }

  /**
   * Sending leases that ran out (a process died mid-attempt) go back to pending; on PostgreSQL,
   * pending deliveries long past due (their job was lost or expired) are queued again.
   */
  private async reconcile(): Promise<void> {
    const now = this.o.clock();
    await this.o.db.updateTable('outbound_deliveries').set({ status: 'pending', lease_until: null, next_at: now }).where('status', '=', 'sending').where('lease_until', '<', now).execute();
    if (this.engine !== 'pg-boss') return;
    const late = await this.o.db.selectFrom('outbound_deliveries').select('id').where('status', '=', 'pending').where('next_at', '<', new Date(now.getTime() - 60_000)).limit(1_000).execute();
    if (late.length > 0) await this.schedule(this.o.db, late.map((r) => Number(r.id)), now);
  }

  async schedule(db: Kysely<AdminDatabase>, ids: readonly number[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    if (this.boss === undefined) {
      this.kick();
      return;
    }
    // Due now: no startAfter (the server's now()), so a server clock a little behind this one does not hold the job back.
    const dueNow = at.getTime() <= this.o.clock().getTime() + 50;
    const startAfter = dueNow ? {} : { startAfter: at.toISOString() };
    for (let i = 0; i < ids.length; i += 1_000) {
      const jobs = ids.slice(i, i + 1_000).map((id) => ({ name: QUEUE, data: { id }, ...startAfter, retryLimit: 0, expireInSeconds: Math.ceil(this.o.config.timeoutMs / 1000) + 60 }));
      await this.boss.insert(jobs, { db: bossDb(db) } as unknown as Parameters<PgBoss['insert']>[1]);
    }
    // Due now: wake this process's worker (it may fetch before the caller's transaction commits; then the next full batch or poll finds them).
    if (dueNow) setTimeout(() => this.notifyWorker(), 5);
  }

  async dispatchOnce(): Promise<number> {
    const { db, clock } = this.o;
    await db.insertInto('outbound_cursor').values({ name: CURSOR, seq: 0 }).onConflict((oc) => oc.column('name').doNothing()).execute();
    return db.transaction().execute(async (trx) => {
      // One dispatcher at a time (others skip this round); the cursor moves with the deliveries it made.
      const cursor = await sql<{ seq: string | number }>`select seq from outbound_cursor where name = ${CURSOR} for update skip locked`.execute(trx);
      const at = cursor.rows[0];
      if (at === undefined) return 0;
      const entries = await readOutbox(storeDb(trx), Number(at.seq), 500);
      if (entries.length === 0) return 0;
      const now = clock();
      const endpoints = await trx.selectFrom('webhook_endpoints').select(['id', 'filters', 'enabled', 'paused_at', 'from_seq']).where('enabled', '=', true).execute();
      const rows: Parameters<ReturnType<typeof trx.insertInto<'outbound_deliveries'>>['values']>[0] & unknown[] = [];
      for (const e of entries) {
        for (const ep of endpoints) {
          if (e.seq <= Number(ep.from_seq) || !matchesFilters(ep.filters, e)) continue;
          rows.push({ target: 'webhook', endpoint_id: ep.id, recipient: null, outbox_seq: e.seq, event_id: e.eventId, event_type: eventTypeOf(e), body: null, status: ep.paused_at === null ? 'pending' : 'held', next_at: now, created_at: now });
        }
      }
      rows.push(...(await planNotifications(trx, entries, now, this.o.config)));
      const due: number[] = [];
      for (let i = 0; i < rows.length; i += 500) {
        const inserted = await trx.insertInto('outbound_deliveries').values(rows.slice(i, i + 500)).onConflict((oc) => oc.columns(['endpoint_id', 'event_id']).doNothing()).returning(['id', 'status', 'next_at']).execute();
        for (const r of inserted) if (r.status === 'pending') due.push(Number(r.id));
      }
      const last = entries[entries.length - 1] as OutboxEntry;
      await trx.updateTable('outbound_cursor').set({ seq: last.seq }).where('name', '=', CURSOR).execute();
      // Notifications may start later (quiet hours, batching): those are scheduled at their own time.
      const laterRows = await trx.selectFrom('outbound_deliveries').select(['id', 'next_at']).where('id', 'in', due.length > 0 ? due : [-1]).execute();
      const byTime = new Map<number, number[]>();
      for (const r of laterRows) {
        const t = new Date(r.next_at).getTime();
        byTime.set(t, [...(byTime.get(t) ?? []), Number(r.id)]);
      }
      for (const [t, ids] of byTime) await this.schedule(trx, ids, new Date(t));
      return entries.length;
    });
  }

  async runDue(): Promise<number> {
    const now = this.o.clock();
    const due = await this.o.db.selectFrom('outbound_deliveries').select('id').where('status', '=', 'pending').where('next_at', '<=', now).orderBy('next_at').orderBy('id').limit(this.o.config.concurrency * 8).execute();
    const ids = due.map((r) => Number(r.id));
    await this.track(this.attemptBatch(ids));
    return ids.length;
  }

  /**
   * One attempt of each of these deliveries, `concurrency` at a time: claims the due ones in one
   * statement (pending and due → sending, with a lease), reads their endpoints and bodies once,
   * then sends each and records its outcome. Nothing is thrown: every outcome goes to its row.
   */
  private async attemptBatch(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    const { db, clock, config } = this.o;
    let rows: Selectable<OutboundDeliveriesTable>[];
    let bodies: Map<number, string>;
    try {
      const now = clock();
      rows = await db
        .updateTable('outbound_deliveries')
        .set({ status: 'sending', lease_until: new Date(now.getTime() + config.timeoutMs + 60_000) })
        .where('id', 'in', [...ids])
        .where('status', '=', 'pending')
        .where('next_at', '<=', now)
        .returningAll()
        .execute();
      if (rows.length < ids.length && this.boss !== undefined) {
        // Not claimed: sent, replayed or held meanwhile, or not due yet (a job that came early): queue those for their time.
        const claimed = new Set(rows.map((r) => Number(r.id)));
        const early = await db.selectFrom('outbound_deliveries').select(['id', 'next_at']).where('id', 'in', ids.filter((id) => !claimed.has(id))).where('status', '=', 'pending').execute();
        for (const r of early) await this.schedule(db, [Number(r.id)], new Date(r.next_at));
      }
      bodies = await this.bodiesOf(rows.filter((r) => r.body === null && r.outbox_seq !== null).map((r) => ({ seq: Number(r.outbox_seq), type: r.event_type })));
    } catch (error) {
      this.error(error);
      return;
    }
    const targets = new Map<string, Promise<Target | undefined>>();
    let next = 0;
    const lanes = Array.from({ length: Math.min(config.concurrency, rows.length) }, async () => {
      while (next < rows.length) {
        const row = rows[next++] as Selectable<OutboundDeliveriesTable>;
        try {
          await this.attemptClaimed(row, targets, bodies);
        } catch (error) {
          this.error(error);
          // Back to pending: the lease would do it later; do it now.
          await db.updateTable('outbound_deliveries').set({ status: 'pending', lease_until: null }).where('id', '=', row.id).where('status', '=', 'sending').execute().catch(() => undefined);
        }
      }
    });
    await Promise.all(lanes);
  }

  /** `targets`: the endpoints and channels read for this batch (one read each); `bodies`: webhook bodies by outbox row. */
  private async attemptClaimed(row: Selectable<OutboundDeliveriesTable>, targets: Map<string, Promise<Target | undefined>>, bodies: ReadonlyMap<number, string>): Promise<void> {
    const { db, clock, config } = this.o;
    const id = Number(row.id);
    let cached = targets.get(row.endpoint_id);
    if (cached === undefined) {
      cached = row.target === 'webhook' ? this.webhookTarget(row.endpoint_id) : this.channelTarget(row.endpoint_id);
      targets.set(row.endpoint_id, cached);
    }
    const target = await cached;
    if (target === undefined || !target.enabled || target.pausedAt !== null) {
      // Off or paused: the delivery waits, without spending an attempt.
      await db.updateTable('outbound_deliveries').set({ status: 'held', lease_until: null }).where('id', '=', id).execute();
      return;
    }
    const started = performance.now();
    let result: { ok: boolean; status: number | null; error: string | null };
    try {
      if (row.target === 'webhook') {
        const body = row.body ?? bodies.get(Number(row.outbox_seq));
        if (body === undefined) throw new Error(`outbox row ${row.outbox_seq ?? '?'} is gone`);
        result = await this.post(target.url ?? '', body, signDelivery(row.event_id, clock(), body, target.secrets(clock())));
      } else {
        result = await sendNotification(target, JSON.parse(row.body ?? '{}') as NotificationMessage, config);
      }
    } catch (error) {
      result = { ok: false, status: null, error: error instanceof Error ? error.message : String(error) };
    }
    const latency = Math.round(performance.now() - started);
    const after = clock();
    const attempts = row.attempts + 1;
    const table = row.target === 'webhook' ? 'webhook_endpoints' : 'notification_channels';
    if (result.ok) {
      await db.updateTable('outbound_deliveries').set({ status: 'delivered', attempts, lease_until: null, last_attempt_at: after, last_status: result.status, last_error: null, latency_ms: latency, delivered_at: after }).where('id', '=', id).execute();
      // The failure count starts over (a statement apart: a lost reset only pauses an endpoint a little sooner).
      if (target.consecutiveFailures > 0) {
        target.consecutiveFailures = 0;
        await db.updateTable(table).set({ consecutive_failures: 0 }).where('id', '=', row.endpoint_id).where('consecutive_failures', '>', 0).execute();
      }
      return;
    }
    const age = after.getTime() - new Date(row.replayed_at ?? row.created_at).getTime();
    const dead = attempts >= config.maxAttempts || age >= config.maxAgeMs;
    const nextAt = new Date(after.getTime() + backoffMs(attempts, config, this.o.random));
    await db.transaction().execute(async (trx) => {
      const failed = await trx.updateTable(table).set((eb) => ({ consecutive_failures: eb('consecutive_failures', '+', 1) })).where('id', '=', row.endpoint_id).returning('consecutive_failures').executeTakeFirst();
      const pause = (failed?.consecutive_failures ?? 0) >= config.pauseAfter;
      // The rest of this batch sees it too (the target is shared by the batch's attempts).
      target.consecutiveFailures = failed?.consecutive_failures ?? target.consecutiveFailures;
      if (pause) {
        target.pausedAt = after;
        const reason = `${failed?.consecutive_failures ?? 0} failures in a row; last: ${result.status ?? result.error ?? ''}`.slice(0, 500);
        if (table === 'webhook_endpoints') await trx.updateTable('webhook_endpoints').set({ paused_at: after, pause_reason: reason }).where('id', '=', row.endpoint_id).where('paused_at', 'is', null).execute();
        else await trx.updateTable('notification_channels').set({ paused_at: after }).where('id', '=', row.endpoint_id).where('paused_at', 'is', null).execute();
      }
      const status = dead ? 'dead' : pause ? 'held' : 'pending';
      await trx
        .updateTable('outbound_deliveries')
        .set({ status, attempts, lease_until: null, next_at: status === 'pending' ? nextAt : after, last_attempt_at: after, last_status: result.status, last_error: (result.error ?? `HTTP ${result.status ?? ''}`).slice(0, 500), latency_ms: latency })
        .where('id', '=', id)
        .execute();
      if (status === 'pending') await this.schedule(trx, [id], nextAt);
    });
  }

  /** The webhook bodies of these outbox rows, in one read. */
  private async bodiesOf(wanted: readonly { seq: number; type: string }[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    if (wanted.length === 0) return out;
    const types = new Map(wanted.map((w) => [w.seq, w.type]));
    const rows = await this.o.db
      .selectFrom('outbox as o')
      .leftJoin('decisions as d', 'd.seq', 'o.decision_seq')
      .select(['o.seq', 'o.payload', 'o.created_at', 'o.decision_seq', 'd.payload as decision_payload'])
      .where('o.seq', 'in', [...types.keys()])
      .execute();
    for (const r of rows) out.set(Number(r.seq), webhookBody(types.get(Number(r.seq)) ?? '', new Date(r.created_at), r.decision_seq === null ? r.payload : r.decision_payload));
    return out;
  }

  private async webhookTarget(id: string): Promise<Target | undefined> {
    const ep = await this.o.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
    if (ep === undefined) return undefined;
    return {
      kind: 'webhook',
      url: ep.url,
      secret: null,
      enabled: ep.enabled,
      pausedAt: ep.paused_at,
      consecutiveFailures: ep.consecutive_failures,
      secrets: (now) => (ep.previous_secret !== null && ep.previous_secret_until !== null && new Date(ep.previous_secret_until) > now ? [ep.secret, ep.previous_secret] : [ep.secret]),
    };
  }

  private async channelTarget(id: string): Promise<Target | undefined> {
    const ch = await this.o.db.selectFrom('notification_channels').selectAll().where('id', '=', id).executeTakeFirst();
    if (ch === undefined) return undefined;
    return { kind: ch.kind, url: ch.url, secret: ch.secret, enabled: ch.enabled, pausedAt: ch.paused_at, consecutiveFailures: ch.consecutive_failures, secrets: () => [] };
  }

  private async post(url: string, body: string, headers: Record<string, string>): Promise<{ ok: boolean; status: number | null; error: string | null }> {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'allot-webhooks/1', ...headers }, body, signal: AbortSignal.timeout(this.o.config.timeoutMs), redirect: 'manual' });
    // Drain the body so the connection is reused; its text is kept (short) as the error of a failure.
    const text = (await res.text().catch(() => '')).slice(0, 200);
    return res.status >= 200 && res.status < 300 ? { ok: true, status: res.status, error: null } : { ok: false, status: res.status, error: `HTTP ${res.status}${text === '' ? '' : `: ${text}`}` };
  }
}

/** Where one delivery goes. */
export interface Target {
  kind: 'webhook' | 'wecom' | 'dingtalk' | 'email';
  url: string | null;
  /** 钉钉's signing secret. */
  secret: string | null;
  enabled: boolean;
  pausedAt: Date | null;
  /** Failures in a row when it was read (this batch's successes reset it). */
  consecutiveFailures: number;
  /** Webhooks: the secrets that sign at `now` (two during a rotation). */
  secrets(now: Date): string[];
}

/** A test event's delivery to one endpoint: a `test` event with a fresh id, attempted like any other. */
export async function queueTestEvent(outbound: Outbound, db: AdminDb, endpointId: string, now: Date, actor: string): Promise<number> {
  const id = `test_${randomUUID()}`;
  const body = webhookBody('test', now, { id, type: 'test', at: now.toISOString(), message: { zh: '这是一条测试事件', en: 'This is a test event' }, requestedBy: actor });
  return db.transaction().execute(async (trx) => {
    const r = await trx.insertInto('outbound_deliveries').values({ target: 'webhook', endpoint_id: endpointId, recipient: null, outbox_seq: null, event_id: id, event_type: 'test', body, status: 'pending', next_at: now, created_at: now }).returning('id').executeTakeFirstOrThrow();
    await outbound.schedule(trx, [Number(r.id)], now);
    return Number(r.id);
  });
}
