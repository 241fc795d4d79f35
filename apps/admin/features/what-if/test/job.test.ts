import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobQueue } from '@allot/runtime';
import type { JobQueue } from '@allot/runtime';
import { openSeededApp, historyEnd } from '../../shared/test/seeded-app';
import type { SeededApp } from '../../shared/test/seeded-app';
import { WHAT_IF_JOB, whatIfJob, whatIfJobView } from '../job';
import type { WhatIfJobResult } from '../job';
import { prepareRun, replayRun, resultOf } from '../run';
import type { WhatIfParams } from '../types';

/** The what-if as a job on the jobs table and queue Verify uses (in-process on PGlite). */

const root = new URL('../../../../../', import.meta.url);
const seed = JSON.parse(readFileSync(new URL('policies/sales-resource/1.0.0.json', root), 'utf8')) as { rules: Record<string, Record<string, unknown>> };
const fifty = structuredClone(seed);
(fifty.rules['F1'] as { fineFen: number }).fineFen = 5000;
const params: WhatIfParams = { policyId: 'sales-resource', candidate: '1.0.0', content: fifty, allocationsAsRecorded: true };

describe('what-if as a job', () => {
  let app: SeededApp;
  let jobs: JobQueue;
  beforeAll(async () => {
    app = await openSeededApp(historyEnd);
    jobs = await startJobQueue({ runtime: app.runtime, clock: () => app.clock.now(), handlers: { [WHAT_IF_JOB]: whatIfJob(async () => app) }, progressEveryMs: 0 });
  }, 120_000);
  afterAll(async () => {
    await jobs.stop();
    await app.close();
  });

  it('keeps the answer the direct run gives, with its progress reported along the way', async () => {
    const queued = await jobs.submit(WHAT_IF_JOB, params, { requestedBy: 'manager' });
    expect(whatIfJobView(queued)).toMatchObject({ status: 'queued', answer: null });
    const job = await jobs.wait(queued.id, 20);
    const view = whatIfJobView(job);
    expect(view.status).toBe('done');
    expect(view.progress).toBeGreaterThan(0.5);
    expect(view.reports).toBeGreaterThan(3);
    const answer = view.answer as Extract<WhatIfJobResult, { ok: true }>;
    expect(answer.ok).toBe(true);
    const prepared = await prepareRun(app.db, params, app.clock.now());
    if (!prepared.ok) throw new Error(prepared.error);
    const direct = resultOf(prepared.run, await replayRun(prepared.run), 0);
    expect({ ...answer.result, elapsedMs: 0 }).toEqual(JSON.parse(JSON.stringify(direct)));
    expect(answer.result.totals.delta.finesFen).toBeGreaterThan(0);
  });

  it('keeps a refusal as the result, with its status and message', async () => {
    const job = await jobs.wait((await jobs.submit(WHAT_IF_JOB, { ...params, candidate: '9.9.9' })).id, 20);
    expect(job.status).toBe('done');
    expect(whatIfJobView(job).answer).toMatchObject({ ok: false, status: 404, error: 'not_found' });
  });

  it('is cancelled when asked before it runs, and then replays nothing', async () => {
    const queued = await jobs.submit(WHAT_IF_JOB, params);
    await jobs.cancel(queued.id);
    const job = await jobs.wait(queued.id, 20);
    expect(job.status).toBe('cancelled');
    expect(job.result).toBeNull();
  });
});
