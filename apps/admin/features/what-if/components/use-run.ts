'use client';

/**
 * The what-if page's run as a job, as a React hook: started, polled for its progress and kept
 * result, cancelled.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Localized } from '../../shared/i18n/lang';
import type { WhatIfParams, WhatIfResult } from '../types';

/** Where a run stands, as the page shows it. */
export type RunState =
  | { state: 'idle' }
  | { state: 'running'; phase: 'start' | 'base' | 'candidate' | 'both' | 'summary'; done: number; total: number; updates: number }
  | { state: 'done'; result: WhatIfResult; params: WhatIfParams; updates: number }
  | { state: 'cancelled' }
  | { state: 'error'; message: Localized; details?: unknown };

const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';

/** How often the page asks a running job how far it got (ms). */
const POLL_MS = 400;

/** A what-if job as `/api/what-if/jobs` answers (see `WhatIfJobView`). */
interface JobView {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  phase: 'start' | 'base' | 'candidate' | 'both' | 'summary';
  done: number;
  total: number;
  reports: number;
  answer: { ok: true; result: WhatIfResult } | { ok: false; message: Localized; details?: unknown } | null;
  error: string | null;
}

const wait = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('aborted', 'AbortError'));
    }, { once: true });
  });

/**
 * Runs a what-if as a job: `POST /api/what-if/jobs` starts it and answers at once, then the page
 * polls `GET /api/what-if/jobs/<id>` for its progress and, at the end, the kept result; the
 * request never waits on the replay. `cancel()` stops polling and asks the server to cancel the
 * job (`DELETE`), which stops the replay at its next chunk.
 */
export function useWhatIfRun(): { run: RunState; started: number; start: (params: WhatIfParams) => Promise<void>; cancel: () => void } {
  const [run, setRun] = useState<RunState>({ state: 'idle' });
  /** How many runs were started: tells one run's result from the one before. */
  const [started, setStarted] = useState(0);
  const current = useRef<{ controller: AbortController; jobId: string | null } | null>(null);

  const stopJob = (jobId: string | null): void => {
    if (jobId !== null) void fetch(`/api/what-if/jobs/${encodeURIComponent(jobId)}`, { method: 'DELETE', credentials: 'same-origin' }).catch(() => undefined);
  };

  const cancel = useCallback((): void => {
    const c = current.current;
    c?.controller.abort();
    stopJob(c?.jobId ?? null);
    current.current = null;
    setRun({ state: 'cancelled' });
  }, []);

  useEffect(
    () => () => {
      const c = current.current;
      c?.controller.abort();
      stopJob(c?.jobId ?? null);
    },
    [],
  );

  const start = useCallback(async (params: WhatIfParams): Promise<void> => {
    const previous = current.current;
    previous?.controller.abort();
    stopJob(previous?.jobId ?? null);
    const controller = new AbortController();
    const mine = { controller, jobId: null as string | null };
    current.current = mine;
    let updates = 0;
    setStarted((n) => n + 1);
    setRun({ state: 'running', phase: 'start', done: 0, total: 0, updates });
    const isMine = (): boolean => current.current === mine;
    try {
      const res = await fetch('/api/what-if/jobs', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
        signal: controller.signal,
      });
      const data = (await res.json().catch(() => ({}))) as { job?: JobView; message?: Localized; details?: unknown };
      if (!res.ok || data.job === undefined) {
        if (isMine()) setRun({ state: 'error', message: data.message ?? { zh: `请求失败（${res.status}）`, en: `request failed (${res.status})` }, details: data.details });
        return;
      }
      mine.jobId = data.job.id;
      let job = data.job;
      let seen = '';
      for (;;) {
        if (!isMine()) return;
        const key = `${job.status}|${job.phase}|${job.done}|${job.total}`;
        if (key !== seen) {
          seen = key;
          updates++;
        }
        // As many as the lines a stream would have carried: the start, each progress report, the end.
        updates = Math.max(updates, job.reports + (job.status === 'done' ? 2 : 1));
        if (job.status === 'done') {
          const answer = job.answer;
          if (answer === null) setRun({ state: 'error', message: { zh: '服务器没有给出结果', en: 'the server sent no result' } });
          else if (answer.ok) setRun({ state: 'done', result: answer.result, params, updates });
          else setRun({ state: 'error', message: answer.message, details: answer.details });
          return;
        }
        if (job.status === 'failed') {
          const m = job.error ?? '';
          setRun({ state: 'error', message: { zh: `模拟失败：${m}`, en: `the simulation failed: ${m}` } });
          return;
        }
        if (job.status === 'cancelled') {
          setRun({ state: 'cancelled' });
          return;
        }
        setRun({ state: 'running', phase: job.phase, done: job.done, total: job.total, updates });
        await wait(POLL_MS, controller.signal);
        const poll = await fetch(`/api/what-if/jobs/${encodeURIComponent(job.id)}`, { credentials: 'same-origin', signal: controller.signal });
        const polled = (await poll.json().catch(() => ({}))) as { job?: JobView; message?: Localized };
        if (!poll.ok || polled.job === undefined) {
          if (isMine()) setRun({ state: 'error', message: polled.message ?? { zh: `请求失败（${poll.status}）`, en: `request failed (${poll.status})` } });
          return;
        }
        job = polled.job;
      }
    } catch (error) {
      if (isAbort(error) || !isMine()) return;
      const m = error instanceof Error ? error.message : String(error);
      setRun({ state: 'error', message: { zh: `网络错误：${m}`, en: `network error: ${m}` } });
    } finally {
      if (isMine()) current.current = null;
    }
  }, []);

  return { run, started, start, cancel };
}
