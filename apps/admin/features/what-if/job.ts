/**
 * The what-if as a job on the jobs queue Verify uses: its kind, its run and how its result is
 * shown.
 */
import { JobCancelled } from '@allot/runtime';
import type { JobHandler } from '@allot/runtime';
import type { StoredJob } from '@allot/store';
import type { Localized } from '../shared/i18n/lang';
import type { AdminDb } from '../shared/database';
import { parseWhatIfParams } from './request';
import { ReplayAborted } from './replay';
import { noteImpact } from './approval-impact';
import { prepareRun, replayRun, resultInTurns } from './run';
import type { WhatIfResult } from './types';

/** The job kind of a what-if (the same jobs table and queue as Verify). */
export const WHAT_IF_JOB = 'what-if';

/** What a what-if job keeps as its result: the page's answer, or why the run was refused. */
export type WhatIfJobResult = { ok: true; result: WhatIfResult; /** Progress reports the replays made. */ reports: number } | { ok: false; status: number; error: string; message: Localized; details?: unknown };

/** Where a what-if job stands, as `GET /api/what-if/jobs/<id>` answers and the page polls. */
export interface WhatIfJobView {
  id: string;
  status: StoredJob['status'];
  /** 0–1 over both replays (the base run is the first half; both in one pass: the whole). */
  progress: number;
  phase: 'start' | 'base' | 'candidate' | 'both' | 'summary';
  done: number;
  total: number;
  /** Progress reports made so far (the page counts them as it counted streamed lines). */
  reports: number;
  /** Once done. */
  answer: WhatIfJobResult | null;
  /** Once failed. */
  error: string | null;
}

/** What the job reads of the app. */
export interface WhatIfJobContext {
  db: AdminDb;
  clock: { now(): Date };
}

/**
 * The what-if as a job: the same preparation and replays as `POST /api/what-if` (the base run
 * cached per state of the log and version, so a second candidate replays only itself), run by the
 * job queue — pg-boss on PostgreSQL, in-process on PGlite — with its progress written to the
 * job's row, a cancel request honoured between chunks of the replay, and the answer kept as the
 * job's result. Nothing of the history is recorded.
 */
export function whatIfJob(app: () => Promise<WhatIfJobContext>): JobHandler {
  return async (ctx) => {
    const parsed = parseWhatIfParams(ctx.params);
    if (!parsed.ok) return { ok: false, status: 400, error: 'bad_request', message: { zh: `请求字段 ${parsed.field} 无效`, en: `invalid field ${parsed.field}` } } satisfies WhatIfJobResult;
    const { db, clock } = await app();
    const prepared = await prepareRun(db, parsed.params, clock.now());
    if (!prepared.ok) return { ok: false, status: prepared.status, error: prepared.error, message: prepared.message, ...(prepared.details === undefined ? {} : { details: prepared.details }) } satisfies WhatIfJobResult;
    const stop = new AbortController();
    let cancelled = false;
    let reports = 0;
    const report = (fraction: number, detail: { phase: string; done: number; total: number }): void => {
      reports++;
      ctx.progress(fraction, JSON.stringify({ ...detail, reports })).catch((error: unknown) => {
        if (error instanceof JobCancelled) {
          cancelled = true;
          stop.abort();
        }
      });
    };
    const started = performance.now();
    report(0, { phase: 'start', done: 0, total: 0 });
    try {
      const replayed = await replayRun(prepared.run, {
        signal: stop.signal,
        onPhase: (phase, done, total) => {
          const part = total === 0 ? 1 : done / total;
          report(phase === 'both' ? part : (phase === 'base' ? 0 : 0.5) + part * 0.5, { phase, done, total });
        },
      });
      if (cancelled) throw new JobCancelled(ctx.id);
      const elapsedMs = Math.round(performance.now() - started);
      // Compared and added up with turns of the event loop between steps (a year's runs take seconds); the impact then reads the cached comparison.
      const result = await resultInTurns(prepared.run, replayed, elapsedMs, stop.signal);
      noteImpact(parsed.params, prepared.run, replayed);
      return { ok: true, result, reports } satisfies WhatIfJobResult;
    } catch (error) {
      if (cancelled || error instanceof ReplayAborted) throw new JobCancelled(ctx.id);
      throw error;
    }
  };
}

/** A stored job as the page reads it. */
export function whatIfJobView(job: StoredJob): WhatIfJobView {
  let detail: { phase?: unknown; done?: unknown; total?: unknown; reports?: unknown } = {};
  try {
    detail = job.detail === null ? {} : (JSON.parse(job.detail) as typeof detail);
  } catch {
    detail = {};
  }
  const phase = detail.phase === 'base' || detail.phase === 'candidate' || detail.phase === 'both' || detail.phase === 'summary' ? detail.phase : 'start';
  return {
    id: job.id,
    status: job.status,
    progress: job.progress,
    phase,
    done: typeof detail.done === 'number' ? detail.done : 0,
    total: typeof detail.total === 'number' ? detail.total : 0,
    reports: job.status === 'done' && (job.result as { reports?: unknown } | null)?.reports !== undefined ? Number((job.result as { reports: unknown }).reports) : typeof detail.reports === 'number' ? detail.reports : 0,
    answer: job.status === 'done' ? (job.result as WhatIfJobResult) : null,
    error: job.error,
  };
}
