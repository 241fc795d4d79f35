/**
 * Verify as a job: pg-boss on PostgreSQL, in-process on PGlite; progress, cancel, the result
 * kept; and requests answered while a job runs.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRuntime, startJobQueue } from '@allot/runtime';
import type { JobQueue, Runtime, VerifyReport } from '@allot/runtime';
import { readHead } from '@allot/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../store/test/test-stores.js';
import { fixedClock, historyText, seedPolicy } from './fixtures.js';

describe.each(BACKENDS)('jobs on $name', (backend) => {
  let db: TestDatabase;
  let runtime: Runtime;
  let jobs: JobQueue;
  beforeEach(async () => {
    db = await backend.open();
    runtime = createRuntime({ store: db.store, clock: fixedClock() });
    await runtime.publish(seedPolicy(), { effectiveFrom: null });
    await runtime.ingest(historyText);
    jobs = await startJobQueue({ runtime, progressEveryMs: 0 });
  });
  afterEach(async () => {
    await jobs.stop({ dropQueue: true });
    await db.cleanup();
  });

  it('runs a Verify as a job and keeps its result', async () => {
    expect(jobs.engine).toBe(backend.name === 'postgres' ? 'pg-boss' : 'in-process');
    const queued = await jobs.submit('verify', {}, { requestedBy: 'auditor' });
    expect(queued).toMatchObject({ kind: 'verify', status: 'queued', progress: 0, requestedBy: 'auditor' });
    const done = await jobs.wait(queued.id);
    expect(done).toMatchObject({ status: 'done', progress: 1, error: null });
    const report = done.result as VerifyReport;
    expect(report).toMatchObject({ ok: true, mismatchCount: 0, head: { opSeq: (await readHead(db.store.db)).opSeq } });
    expect((await jobs.list()).map((j) => j.id)).toContain(queued.id);
  });

  it('stops a job when it is cancelled', async () => {
    const queued = await jobs.submit('verify', {});
    await jobs.cancel(queued.id);
    const ended = await jobs.wait(queued.id);
    expect(ended.status).toBe('cancelled');
    expect(ended.result).toBeNull();
  });

  it('ends a job whose work throws as failed, with the error', async () => {
    await jobs.stop({ dropQueue: true });
    jobs = await startJobQueue({ runtime, handlers: { broken: () => Promise.reject(new Error('no such period')) } });
    const ended = await jobs.wait((await jobs.submit('broken', {})).id);
    expect(ended).toMatchObject({ status: 'failed', error: 'no such period' });
  });

  it('answers a request that arrives while a Verify job runs before the job ends', async () => {
    const order: string[] = [];
    const server = createServer((_req, res) => {
      void readHead(db.store.db).then((head) => {
        order.push('request answered');
        res.end(String(head.opSeq));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const job = await jobs.submit('verify', {});
      // Wait until it runs, then ask.
      while ((await jobs.get(job.id))?.status === 'queued') await new Promise((r) => setTimeout(r, 5));
      const body = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text());
      const ended = await jobs.wait(job.id, 20);
      order.push(`job ${ended.status}`);
      expect(Number(body)).toBe((ended.result as VerifyReport).head.opSeq);
      expect(order).toEqual(['request answered', 'job done']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
