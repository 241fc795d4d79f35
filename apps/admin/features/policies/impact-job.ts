import { getJobQueue } from '../shared/job-queue';
import { WHAT_IF_JOB } from '../what-if';
import type { WhatIfParams } from '../what-if';

/**
 * The what-if job behind a version page's impact on a large log: one job per question and state
 * of the log (`key`), started by the first view and shared by every later one until it is done
 * (then the replays are cached and the page shows the impact at once). A failed or cancelled
 * job, or a done one whose replays are no longer cached, is started again on the next view.
 */
const KEY = Symbol.for('allot.admin.impactJobs');
type Holder = { [KEY]?: Map<string, string> };

/** The id of the job answering `key` (started now, or the one already under way or done). */
export async function impactJob(key: string, params: WhatIfParams, requestedBy: string): Promise<string> {
  const holder = globalThis as Holder;
  const started = (holder[KEY] ??= new Map());
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
