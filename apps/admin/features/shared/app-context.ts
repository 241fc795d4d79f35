/**
 * The app context: everything the server code works with (database, runtime, clock, outbound),
 * opened once per process.
 */
import { resolve } from 'node:path';
import { openStore } from '@allot/store';
import type { Store } from '@allot/store';
import { createRuntime } from '@allot/runtime';
import type { Runtime } from '@allot/runtime';
import type { AdminDb, AdminTables } from './database';
import { migrateAdmin } from './migrations';
import { seedIfEmpty } from './seed';
import { outboundConfigFromEnv, startOutbound } from '../integrations';
import type { Outbound } from '../integrations';
import type { SeedReport } from './seed';

/** The clock of the admin app: the runtime and every check read this one. */
export interface Clock {
  now(): Date;
}

/** Everything the server code of the admin app works with, opened once per process. */
export interface AppContext {
  store: Store;
  /** The store's query builder, typed with the admin app's own tables too. */
  db: AdminDb;
  runtime: Runtime;
  clock: Clock;
  seed: SeedReport;
  /** Webhooks and notifications from the outbox (undefined when ALLOT_OUTBOUND=0). */
  outbound: Outbound | undefined;
}

const KEY = Symbol.for('allot.admin.context');
type Holder = { [KEY]?: Promise<AppContext> };

/** Where the data lives: `DATABASE_URL` (PostgreSQL), else PGlite in `ALLOT_DATA_DIR` or `.allot/pglite`. */
function storeOptions(): Parameters<typeof openStore>[0] {
  const url = process.env['DATABASE_URL'];
  if (url !== undefined && url !== '') return { databaseUrl: url, applicationName: 'allot-admin', ...(process.env['ALLOT_DB_SCHEMA'] ? { schema: process.env['ALLOT_DB_SCHEMA'] } : {}) };
  return { dataDir: resolve(/* turbopackIgnore: true */ process.env['ALLOT_DATA_DIR'] ?? '.allot/pglite') };
}

async function open(): Promise<AppContext> {
  const store = await openStore(storeOptions());
  await migrateAdmin(store.db as unknown as Parameters<typeof migrateAdmin>[0], store.schema);
  const clock: Clock = { now: () => new Date() };
  // ALLOT_SNAPSHOT_EVERY: the runtime's first snapshot after this many ops (default 50,000; docs/runtime.md).
  const snapshotEvery = Number(process.env['ALLOT_SNAPSHOT_EVERY'] ?? '');
  const runtime = createRuntime({ store, clock: () => clock.now(), actor: 'admin-app', ...(Number.isInteger(snapshotEvery) && snapshotEvery > 0 ? { snapshotEvery } : {}) });
  const db = store.db.withTables<AdminTables>();
  const seed = await seedIfEmpty({ db, runtime, clock });
  const outbound =
    process.env['ALLOT_OUTBOUND'] === '0'
      ? undefined
      : await startOutbound({ db, backend: store.backend, schema: store.schema, clock: () => clock.now(), config: outboundConfigFromEnv(), onError: (error) => console.error(`allot outbound: ${error.message}`) });
  return { store, db, runtime, clock, seed, outbound };
}

/**
 * The process-wide app context: opens the store (PGlite or PostgreSQL), runs the store's and the
 * admin app's migrations and seeds an empty database, once. Kept on `globalThis` because Next.js
 * may load this module in more than one bundle (instrumentation, route handlers, pages), and an
 * embedded PGlite directory must be opened by one instance only.
 */
export function getApp(): Promise<AppContext> {
  const holder = globalThis as Holder;
  holder[KEY] ??= open().catch((error: unknown) => {
    delete holder[KEY];
    throw error;
  });
  return holder[KEY];
}
