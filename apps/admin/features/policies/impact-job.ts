import { getJobQueue } from '../shared/job-queue';
import { processWide } from '../shared/process-wide';
import { WHAT_IF_JOB } from '../what-if';
import type { WhatIfParams } from '../what-if';

/**
 * The what-if job behind a version page's impact on a large log: one job at a time per question
 * (`key`), started by the first view and shared by every later one until it is done (then the
 * replays are cached and the page shows the impact at once). A view after it is done that still
 * finds no impact for the log as it stands (events arrived since, or the replays were evicted)
 * starts the next one; a failed or cancelled one is started again too.
 */
const started = processWide('impact-jobs', () => new Map<string, string>());

/** The id of the job answering `key` (started now, or the one already under way or done). */
export async function impactJob(key: string, params: WhatIfParams, requestedBy: string): Promise<string> {
  const jobs = await getJobQueue();
  const known = started.get(key);
  if (known !== undefined) {
    const job = await jobs.get(known);
    // A done job whose replays are not cached (evicted since) is asked again, as a failed one is.
    if (job !== undefined && (job.status === 'queued' || job.status === 'running')) return known;
  }
  const job = await jobs.submit(WHAT_IF_JOB, params, { requestedBy });
  started.set(key, job.id);
  while (started.size > 50) started.delete(started.keys().next().value as string);
  return job.id;
}
