/**
 * The delivery half of `npm run bench -- --only outbox` (test/bench/outbox.ts loads this file):
 * a fresh store with one webhook endpoint; the first events of the history are ingested with
 * the outbox on, then outbound delivery starts and is timed until every decision has reached a
 * local receiver that verifies each signature with `standardwebhooks`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AllotEvent, Policy } from '@allot/engine';
import { createRuntime } from '@allot/runtime';
import { readHead } from '@allot/store';
import type { Store } from '@allot/store';
import { Webhook } from 'standardwebhooks';
import type { AdminTables } from '../shared/database';
import { migrateAdmin } from '../shared/migrations';
import { createEndpoint } from './endpoints';
import { startOutbound } from './outbound';
import type { OutboundConfig } from './config';

const CLOCK = (): Date => new Date('2027-06-01T00:00:00Z');
const secondsSince = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;

const config = (): OutboundConfig => ({
  backoffBaseMs: 200,
  backoffMaxMs: 5_000,
  maxAgeMs: 3_600_000,
  maxAttempts: 100,
  pauseAfter: 1_000_000,
  timeoutMs: 10_000,
  pollMs: 100,
  concurrency: 32,
  quietHours: { from: 0, to: 0 },
  quietZoneOffsetMinutes: 480,
  ratePerMinute: { wecom: 20, dingtalk: 20, email: 60 },
  batchWindowMs: 0,
  publicUrl: 'http://localhost:3000',
  smtp: null,
});

/** Delivers the decisions of a prefix to a verifying local receiver; decisions/s from the start of delivery to the last one received. */
export async function deliveryRate(store: Store, backend: 'postgres' | 'pglite', policy: Policy, history: readonly AllotEvent[], want: number, log: (l: string) => void): Promise<{ delivered: number; seconds: number; engine: string }> {
  await migrateAdmin(store.db as unknown as Parameters<typeof migrateAdmin>[0], store.schema);
  const db = store.db.withTables<AdminTables>();
  const received = new Set<string>();
  let bad = 0;
  let wh: Webhook | undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        wh?.verify(Buffer.concat(chunks).toString('utf8'), req.headers as Record<string, string>);
        received.add(String(req.headers['webhook-id']));
        res.writeHead(204).end();
      } catch {
        bad++;
        res.writeHead(401).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  try {
    const { secret } = await createEndpoint(db, { name: 'bench', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, filters: { workflow: false } }, 'bench', CLOCK());
    wh = new Webhook(secret);
    // Enough of the history for `want` decisions.
    const runtime = createRuntime({ store, clock: CLOCK });
    await runtime.publish(policy, { effectiveFrom: null, author: 'bench' });
    for (let i = 0; i < history.length && (await readHead(store.db)).decisionSeq < want; i += 1_000) await runtime.ingest(history.slice(i, i + 1_000));
    await runtime.close();
    const decisions = (await readHead(store.db)).decisionSeq;
    const start = process.hrtime.bigint();
    const outbound = await startOutbound({ db, backend, schema: store.schema, clock: () => new Date(), config: config(), onError: (e: Error) => log(`    outbound error: ${e.message}`) });
    try {
      const deadline = Date.now() + 300_000;
      while (received.size < decisions && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const seconds = secondsSince(start);
      if (bad > 0) throw new Error(`${bad} requests failed signature verification`);
      if (received.size < decisions) throw new Error(`only ${received.size} of ${decisions} decisions delivered in 300 s`);
      return { delivered: received.size, seconds, engine: outbound.engine };
    } finally {
      await outbound.stop({ dropQueue: true });
    }
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

