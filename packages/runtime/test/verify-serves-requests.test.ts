/**
 * A long replay (verify) must not freeze the process: with PGlite the database and the replay
 * share one thread, and an HTTP request arriving meanwhile must be answered, its query
 * included, while the replay still runs.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRuntime } from '@allot/runtime';
import { readHead } from '@allot/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../store/test/test-stores.js';
import { fixedClock, historyText, seedPolicy } from './fixtures.js';

describe.each(BACKENDS)('verify on $name', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await backend.open();
  });
  afterEach(async () => {
    await db.cleanup();
  });

  it('lets a request that arrives during the replay be answered before the replay ends', async () => {
    const runtime = createRuntime({ store: db.store, clock: fixedClock() });
    await runtime.publish(seedPolicy(), { effectiveFrom: null });
    await runtime.ingest(historyText);
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
      const verifying = runtime.verify().then((report) => {
        order.push('verify done');
        return report;
      });
      const body = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text());
      const report = await verifying;
      expect(report.ok).toBe(true);
      expect(Number(body)).toBe(report.head.opSeq);
      expect(order).toEqual(['request answered', 'verify done']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
