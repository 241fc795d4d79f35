'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Localized } from '../../shared/i18n/lang';
import type { WhatIfLine, WhatIfParams, WhatIfResult } from '../types';

/** Where a run stands, as the page shows it. */
export type RunState =
  | { state: 'idle' }
  | { state: 'running'; phase: 'start' | 'base' | 'candidate' | 'summary'; done: number; total: number; updates: number }
  | { state: 'done'; result: WhatIfResult; params: WhatIfParams; updates: number }
  | { state: 'cancelled' }
  | { state: 'error'; message: Localized; details?: unknown };

const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';

/**
 * Runs a what-if through `POST /api/what-if` and reads its NDJSON answer as it streams: progress
 * lines update the state, the last line is the result. `cancel()` aborts the request (an
 * AbortController), which also stops the replay on the server.
 */
export function useWhatIfRun(): { run: RunState; started: number; start: (params: WhatIfParams) => Promise<void>; cancel: () => void } {
  const [run, setRun] = useState<RunState>({ state: 'idle' });
  /** How many runs were started: tells one run's result from the one before. */
  const [started, setStarted] = useState(0);
  const current = useRef<AbortController | null>(null);

  const cancel = useCallback((): void => {
    current.current?.abort();
    current.current = null;
    setRun({ state: 'cancelled' });
  }, []);

  useEffect(() => () => current.current?.abort(), []);

  const start = useCallback(async (params: WhatIfParams): Promise<void> => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    let updates = 0;
    setStarted((n) => n + 1);
    setRun({ state: 'running', phase: 'start', done: 0, total: 0, updates });
    const mine = (): boolean => current.current === controller;
    try {
      const res = await fetch('/api/what-if', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
        signal: controller.signal,
      });
      if (!res.ok || res.body === null) {
        const data = (await res.json().catch(() => ({}))) as { message?: Localized; details?: unknown };
        if (mine()) setRun({ state: 'error', message: data.message ?? { zh: `请求失败（${res.status}）`, en: `request failed (${res.status})` }, details: data.details });
        return;
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      let answered = false;
      for (;;) {
        const { value, done } = await reader.read();
        if (value !== undefined) buffer += value;
        let nl = buffer.indexOf('\n');
        while (nl >= 0) {
          const text = buffer.slice(0, nl).trim();
          buffer = buffer.slice(nl + 1);
          nl = buffer.indexOf('\n');
          if (text === '' || !mine()) continue;
          const line = JSON.parse(text) as WhatIfLine;
          updates++;
          if (line.type === 'progress') setRun({ state: 'running', phase: line.phase, done: line.done, total: line.total, updates });
          else if (line.type === 'result') setRun({ state: 'done', result: line.result, params, updates });
          else if (line.type === 'error') setRun({ state: 'error', message: line.message });
          if (line.type === 'result' || line.type === 'error') answered = true;
        }
        if (done) break;
      }
      if (!answered && mine()) setRun({ state: 'error', message: { zh: '服务器没有给出结果', en: 'the server sent no result' } });
    } catch (error) {
      if (isAbort(error) || !mine()) return;
      const m = error instanceof Error ? error.message : String(error);
      setRun({ state: 'error', message: { zh: `网络错误：${m}`, en: `network error: ${m}` } });
    } finally {
      if (mine()) current.current = null;
    }
  }, []);

  return { run, started, start, cancel };
}
