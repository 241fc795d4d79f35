'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { apiSend } from '../../shared/client-api';
import { useLang, useT } from '../../shared/components/lang-context';

/** Where the impact's what-if job stands, as `GET /api/what-if/jobs/<id>` answers. */
interface JobState {
  status: string;
  progress: number;
  error: string | null;
}

/**
 * The impact of a version while its what-if job replays the history (a large log): the job's
 * progress, polled once a second; when it is done the page is refreshed and shows the impact
 * from the replays the job cached. The page itself never waits on the replay.
 */
export function ImpactPending({ jobId }: { jobId: string }) {
  const router = useRouter();
  const lang = useLang();
  const t = useT();
  const [job, setJob] = useState<JobState | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (): Promise<void> => {
      const res = await apiSend<{ job: JobState }>('GET', `/api/what-if/jobs/${jobId}`);
      if (stopped) return;
      if (!res.ok) {
        setError(res.message[lang]);
        return;
      }
      setJob(res.body.job);
      if (res.body.job.status === 'done') router.refresh();
      else if (res.body.job.status === 'failed' || res.body.job.status === 'cancelled') setError(res.body.job.error ?? res.body.job.status);
      else timer = setTimeout(() => void poll(), 1000);
    };
    void poll();
    return () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [jobId, lang, router]);
  return (
    <div data-testid="impact-pending">
      <h2 style={{ marginTop: 0 }}>{t('approvalImpact.title')}</h2>
      {error === null ? (
        <p className="muted">
          <progress max={1} value={job?.progress ?? 0} /> {t('approvalImpact.pending', { percent: String(Math.round((job?.progress ?? 0) * 100)) })}
        </p>
      ) : (
        <p className="notice error">{t('approvalImpact.failed', { message: error })}</p>
      )}
    </div>
  );
}
