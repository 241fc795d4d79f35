/** A test fixture: the store, the admin tables and a runtime with the seed policy and history. */
import { readFileSync } from 'node:fs';
import { NextRequest } from 'next/server';
import { openStore } from '@allot/store';
import type { Store } from '@allot/store';
// A second copy of the runtime, as Next.js bundles one into each route: errors it throws are
// not instances of the classes the app code imports from '@allot/runtime'.
import { createRuntime } from '../../../../../packages/runtime/dist/index.js';
import type { Runtime } from '@allot/runtime';
import { createSession, createUser } from '../../auth';
import type { Role } from '../database';
import type { AdminDb, AdminTables } from '../database';
import { migrateAdmin } from '../migrations';
import type { TestClock } from './seeded-app';

const root = new URL('../../../../../', import.meta.url);

/** The seed policy's JSON (1.0.0), as a fresh object. */
export function seedPolicyJson(): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL('policies/sales-resource/1.0.0.json', root), 'utf8')) as Record<string, unknown>;
}

/** The first `n` events of the example history. */
export function historyLines(n: number): string[] {
  return readFileSync(new URL('examples/history.jsonl', root), 'utf8').split('\n').slice(0, n);
}

/** The admin app's context over an empty in-memory store, installed where `getApp()` finds it. */
export interface Harness {
  store: Store;
  db: AdminDb;
  runtime: Runtime;
  clock: TestClock;
  /** A session cookie (`allot_session=…`) for a new account of `role`. */
  cookieFor(role: Role): Promise<string>;
  /** A request to the app, from its own origin. */
  request(method: string, path: string, init?: { cookie?: string; body?: BodyInit; headers?: Record<string, string>; duplex?: 'half' }): NextRequest;
  close(): Promise<void>;
}

const KEY = Symbol.for('allot.admin.context');
const ORIGIN = 'http://127.0.0.1:3000';

/** Opens the harness (no seed: no policy, no events, no accounts but those made with `cookieFor`). */
export async function openHarness(clockAt: string): Promise<Harness> {
  let now = new Date(clockAt);
  const clock: TestClock = { now: () => now, set: (iso) => (now = new Date(iso)) };
  const store = await openStore({ dataDir: 'memory://' });
  await migrateAdmin(store.db as unknown as Parameters<typeof migrateAdmin>[0], store.schema);
  const runtime = createRuntime({ store, clock: () => clock.now(), actor: 'test' }) as unknown as Runtime;
  const db = store.db.withTables<AdminTables>();
  const holder = globalThis as { [KEY]?: Promise<unknown> };
  holder[KEY] = Promise.resolve({ store, db, runtime, clock, seed: { created: false } });
  let n = 0;
  return {
    store,
    db,
    runtime,
    clock,
    async cookieFor(role) {
      const username = `${role}${++n}`;
      await createUser(db, { username, displayName: username, role, password: 'a long enough password', staffId: role === 'rep' ? 's0006' : null });
      const session = await createSession(db, username, clock.now());
      return `allot_session=${session.id}`;
    },
    request(method, path, init = {}) {
      const headers: Record<string, string> = { host: '127.0.0.1:3000', origin: ORIGIN, ...(init.cookie === undefined ? {} : { cookie: init.cookie }), ...init.headers };
      return new NextRequest(`${ORIGIN}${path}`, { method, headers, ...(init.body === undefined ? {} : { body: init.body, duplex: 'half' }) } as ConstructorParameters<typeof NextRequest>[1]);
    },
    async close() {
      delete holder[KEY];
      await runtime.close();
      await store.close();
    },
  };
}
