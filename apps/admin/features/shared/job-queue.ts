/** The process's job queue, with the runtime's verify and the admin's what-if. */
import { startJobQueue } from '@allot/runtime';
import type { JobQueue } from '@allot/runtime';
import { WHAT_IF_JOB, whatIfJob } from '../what-if';
import { getApp } from './app-context';

const KEY = Symbol.for('allot.admin.jobs');
type Holder = { [KEY]?: Promise<JobQueue> };

/**
 * The process's job queue (the runtime's `startJobQueue`: pg-boss on PostgreSQL, in-process on
 * PGlite), started on first use with the runtime's built-in `verify` and the admin's `what-if`.
 * Kept on `globalThis`, as the app context is, so every bundle of the app shares one.
 */
export function getJobQueue(): Promise<JobQueue> {
  const holder = globalThis as Holder;
  holder[KEY] ??= getApp()
    .then((app) =>
      startJobQueue({
        runtime: app.runtime,
        clock: () => app.clock.now(),
        handlers: { [WHAT_IF_JOB]: whatIfJob(async () => app) },
        onError: (error) => console.error('allot admin: job queue:', error.message),
      }),
    )
    .catch((error: unknown) => {
      delete holder[KEY];
      throw error;
    });
  return holder[KEY];
}
