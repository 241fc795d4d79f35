import type { Kysely } from 'kysely';
import type { Database, JobStatus } from './database.js';

/** A job as stored. */
export interface StoredJob {
  id: string;
  kind: string;
  params: unknown;
  status: JobStatus;
  progress: number;
  detail: string | null;
  result: unknown;
  error: string | null;
  cancelRequested: boolean;
  requestedBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

const toJob = (r: { id: string; kind: string; params: unknown; status: JobStatus; progress: number; detail: string | null; result: unknown; error: string | null; cancel_requested: boolean; requested_by: string | null; created_at: Date; started_at: Date | null; finished_at: Date | null }): StoredJob => ({
  id: r.id,
  kind: r.kind,
  params: r.params,
  status: r.status,
  progress: Number(r.progress),
  detail: r.detail,
  result: r.result,
  error: r.error,
  cancelRequested: r.cancel_requested,
  requestedBy: r.requested_by,
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
});

/** Records a new queued job. */
export async function insertJob(db: Kysely<Database>, job: { id: string; kind: string; params: unknown; requestedBy: string | null }, at: Date): Promise<void> {
  await db.insertInto('jobs').values({ id: job.id, kind: job.kind, params: JSON.stringify(job.params ?? null), status: 'queued', progress: 0, requested_by: job.requestedBy, created_at: at }).execute();
}

/** Marks a job running (unless it was cancelled while queued); returns false when it must not run. */
export async function startJob(db: Kysely<Database>, id: string, at: Date): Promise<boolean> {
  const r = await db.updateTable('jobs').set({ status: 'running', started_at: at }).where('id', '=', id).where('status', '=', 'queued').where('cancel_requested', '=', false).returning('id').executeTakeFirst();
  return r !== undefined;
}

/** Writes a running job's progress; returns whether a cancel was asked for. */
export async function reportJobProgress(db: Kysely<Database>, id: string, progress: number, detail: string | null): Promise<boolean> {
  const r = await db.updateTable('jobs').set({ progress: Math.min(1, Math.max(0, progress)), detail }).where('id', '=', id).returning('cancel_requested').executeTakeFirst();
  return r?.cancel_requested ?? true;
}

/** Ends a job: done with its result, failed with its error, or cancelled. */
export async function finishJob(db: Kysely<Database>, id: string, end: { status: 'done'; result: unknown } | { status: 'failed'; error: string } | { status: 'cancelled' }, at: Date): Promise<void> {
  await db
    .updateTable('jobs')
    .set({
      status: end.status,
      finished_at: at,
      ...(end.status === 'done' ? { result: JSON.stringify(end.result ?? null), progress: 1 } : {}),
      ...(end.status === 'failed' ? { error: end.error } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Asks a job to stop: a queued one is cancelled at once, a running one at its next progress report. Returns the job after. */
export async function requestJobCancel(db: Kysely<Database>, id: string, at: Date): Promise<StoredJob | undefined> {
  await db.updateTable('jobs').set({ cancel_requested: true }).where('id', '=', id).where('status', 'in', ['queued', 'running']).execute();
  await db.updateTable('jobs').set({ status: 'cancelled', finished_at: at }).where('id', '=', id).where('status', '=', 'queued').execute();
  return readJob(db, id);
}

/** One job, or undefined. */
export async function readJob(db: Kysely<Database>, id: string): Promise<StoredJob | undefined> {
  const r = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return r === undefined ? undefined : toJob(r);
}

/** The newest jobs first (of one kind when given), without their results. */
export async function listJobs(db: Kysely<Database>, options: { kind?: string; limit?: number } = {}): Promise<StoredJob[]> {
  let q = db.selectFrom('jobs').select(['id', 'kind', 'params', 'status', 'progress', 'detail', 'error', 'cancel_requested', 'requested_by', 'created_at', 'started_at', 'finished_at']);
  if (options.kind !== undefined) q = q.where('kind', '=', options.kind);
  const rows = await q.orderBy('created_at', 'desc').limit(Math.min(200, Math.max(1, options.limit ?? 50))).execute();
  return rows.map((r) => toJob({ ...r, result: null }));
}
