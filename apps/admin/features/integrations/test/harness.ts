/**
 * The test fixture of the integrations tests: the store, the admin tables, a runtime with the seed
 * policy published, and a receiver.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRuntime } from '@allot/runtime';
import type { Runtime } from '@allot/runtime';
import { readFileSync } from 'node:fs';
import { Webhook } from 'standardwebhooks';
import type { AdminDb, AdminTables } from '../../shared/database';
import { migrateAdmin } from '../../shared/migrations';
import type { TestBackend, TestDatabase } from '../../../../../packages/store/test/test-stores.js';
import type { OutboundConfig } from '../config';

const root = new URL('../../../../../', import.meta.url);

/** The store, the admin tables and a runtime with the seed policy published. */
export interface Harness {
  db: TestDatabase;
  admin: AdminDb;
  runtime: Runtime;
  close(): Promise<void>;
}

export async function openHarness(backend: TestBackend): Promise<Harness> {
  const db = await backend.open();
  await migrateAdmin(db.store.db as unknown as Parameters<typeof migrateAdmin>[0], db.store.schema);
  const runtime = createRuntime({ store: db.store });
  await runtime.publish(JSON.parse(readFileSync(new URL('policies/sales-resource/1.0.0.json', root), 'utf8')), { effectiveFrom: null });
  return {
    db,
    admin: db.store.db.withTables<AdminTables>(),
    runtime,
    close: async () => {
      await runtime.close();
      await db.cleanup();
    },
  };
}

/** Events that make exactly `n` decisions (`lead.allocated`, to s1 and s2 in turn). */
export function leadEvents(n: number, prefix = 'x'): string {
  const at = (s: number): string => new Date(Date.UTC(2026, 2, 2, 1, 0, 0) + s * 1000).toISOString().replace('.000Z', '+00:00');
  const lines = [
    { id: `${prefix}j1`, type: 'staff.joined', at: at(0), staffId: 's1', role: 'rep' },
    { id: `${prefix}j2`, type: 'staff.joined', at: at(0), staffId: 's2', role: 'rep' },
  ];
  for (let i = 0; i < n; i++) {
    lines.push({ id: `${prefix}r${i}`, type: 'lead.received', at: at(10 + i), clientId: `${prefix}c${i}`, channel: 'web' } as never);
    lines.push({ id: `${prefix}a${i}`, type: 'lead.allocate', at: at(10 + i), clientId: `${prefix}c${i}`, mode: 'pool' } as never);
  }
  return lines.map((l) => JSON.stringify(l)).join('\n');
}

/** Fast retries for tests: no real waits of seconds. */
export function testConfig(over: Partial<OutboundConfig> = {}): OutboundConfig {
  return {
    backoffBaseMs: 20,
    backoffMaxMs: 200,
    maxAgeMs: 3_600_000,
    maxAttempts: 1_000,
    pauseAfter: 1_000_000,
    timeoutMs: 2_000,
    pollMs: 50,
    concurrency: 16,
    quietHours: { from: 0, to: 0 },
    quietZoneOffsetMinutes: 480,
    ratePerMinute: { wecom: 1_000, dingtalk: 1_000, email: 1_000 },
    batchWindowMs: 0,
    publicUrl: 'http://allot.test',
    smtp: null,
    ...over,
  };
}

/** One request the receiver got, with what its signature check said. */
export interface Received {
  id: string;
  body: string;
  headers: IncomingHttpHeaders;
  /** Which of the receiver's keys verified it. */
  verifiedWith: number[];
  answered: number;
}

/**
 * A local webhook receiver: verifies every request with `standardwebhooks` against each of its
 * keys, answers `status()` (500 to fail), and can be stopped and started again on the same port.
 */
export class Receiver {
  readonly received: Received[] = [];
  private server: Server | undefined;
  port = 0;
  status: (r: Received) => number = () => 204;

  constructor(public keys: string[]) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const verifiedWith: number[] = [];
        this.keys.forEach((key, i) => {
          try {
            new Webhook(key).verify(body, req.headers as Record<string, string>);
            verifiedWith.push(i);
          } catch {
            // not this key
          }
        });
        const r: Received = { id: String(req.headers['webhook-id'] ?? ''), body, headers: req.headers, verifiedWith, answered: 0 };
        r.answered = verifiedWith.length === 0 ? 401 : this.status(r);
        this.received.push(r);
        res.writeHead(r.answered).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (s === undefined) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /** The ids answered 2xx. */
  delivered(): Set<string> {
    return new Set(this.received.filter((r) => r.answered >= 200 && r.answered < 300).map((r) => r.id));
  }
}

/** Waits (polling) until `check` is true, or fails after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, ms = 30_000, what = 'the condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
