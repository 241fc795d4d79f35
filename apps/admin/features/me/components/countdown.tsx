'use client';

/** A running deadline as a countdown in words. */
import { useEffect, useState } from 'react';
import type { Lang } from '../../shared/i18n/lang';

/** A duration in words: days and hours beyond a day, hours and minutes beyond an hour, else minutes and seconds. */
export function formatDuration(ms: number, lang: Lang): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (lang === 'zh') return d > 0 ? `${d} 天 ${h} 小时` : h > 0 ? `${h} 小时 ${m} 分` : `${m} 分 ${sec} 秒`;
  return d > 0 ? `${d} d ${h} h` : h > 0 ? `${h} h ${m} min` : `${m} min ${sec} s`;
}

/**
 * The time left until `due`, counted from the page's stated instant and then down with the
 * seconds that pass while the page is open (the server renders the same first value).
 */
export function Countdown({ msLeft, lang, overdue }: { msLeft: number; lang: Lang; overdue: string }) {
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    const start = Date.now();
    const timer = setInterval(() => setElapsed(Date.now() - start), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = msLeft - elapsed;
  return (
    <span data-testid="countdown" data-ms-left={msLeft} className={left <= 0 ? 'bad' : undefined}>
      {left <= 0 ? overdue : formatDuration(left, lang)}
    </span>
  );
}
