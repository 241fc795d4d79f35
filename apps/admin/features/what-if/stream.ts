/** A what-if run as an NDJSON stream: progress lines, then the result. */
import type { WhatIfLine } from './types';
import { historySize, replayRun, resultInTurns } from './run';
import type { PreparedRun } from './run';
import { ReplayAborted } from './replay';

/** A clock for the elapsed time the page shows (not for deciding anything). */
export type Stopwatch = () => number;

/**
 * Runs a prepared what-if and answers as NDJSON, one {@link WhatIfLine} a line: `start`,
 * `progress` as the replays advance, then `result` (or `error`). The replay stops between chunks
 * as soon as the request is aborted (the browser's AbortController) or the body is cancelled;
 * nothing is recorded either way.
 */
export function whatIfStream(run: PreparedRun, signal: AbortSignal, stopwatch: Stopwatch = () => performance.now()): ReadableStream<Uint8Array> {
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: WhatIfLine): void => {
        if (!stop.signal.aborted) controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      };
      const started = stopwatch();
      try {
        if (signal.aborted) throw new ReplayAborted();
        send({ type: 'start', events: historySize(run.history), base: { version: run.base.version, hash: run.base.hash }, candidate: { version: run.candidate.version, hash: run.candidate.hash, edited: run.candidate.edited } });
        const replayed = await replayRun(run, { signal: stop.signal, onPhase: (phase, done, total) => send({ type: 'progress', phase, done, total }) });
        send({ type: 'progress', phase: 'summary', done: 0, total: 1 });
        const result = await resultInTurns(run, replayed, Math.round(stopwatch() - started), stop.signal);
        send({ type: 'result', result });
      } catch (error) {
        if (!(error instanceof ReplayAborted)) {
          const message = error instanceof Error ? error.message : String(error);
          send({ type: 'error', error: 'replay_failed', message: { zh: `模拟失败：${message}`, en: `the simulation failed: ${message}` } });
        }
      } finally {
        signal.removeEventListener('abort', onAbort);
        try {
          controller.close();
        } catch {
          // Already cancelled by the reader.
        }
      }
    },
    cancel() {
      stop.abort();
    },
  });
}
