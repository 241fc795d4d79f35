/**
 * A test fixture: the app's context on a store seeded with the seed policy and the example
 * history, with a clock the test moves.
 */
import { readFileSync } from 'node:fs';
import { parseEvents, simulate, validatePolicy } from '@allot/engine';
import type { AllotEvent, Decision, Policy } from '@allot/engine';
import { createRuntime } from '@allot/runtime';
import type { Runtime } from '@allot/runtime';
import { openStore } from '@allot/store';
import type { Store } from '@allot/store';
import type { AdminDb, AdminTables } from '../database';
import { migrateAdmin } from '../migrations';
import { seedIfEmpty } from '../seed';

const root = new URL('../../../../../', import.meta.url);

/** The seed policy 1.0.0 (a fresh copy each call). */
export function seedPolicy(): Policy {
  const checked = validatePolicy(JSON.parse(readFileSync(new URL('policies/sales-resource/1.0.0.json', root), 'utf8')));
  if (!checked.ok) throw new Error('the seed policy is invalid');
  return checked.policy as Policy;
}

/** examples/history.jsonl, parsed, and what the engine decides on it under 1.0.0 (read from the files, not the store). */
export const historyEvents: AllotEvent[] = parseEvents(readFileSync(new URL('examples/history.jsonl', root), 'utf8')).events;
export const simulated: Decision[] = simulate(seedPolicy(), historyEvents);
export const historyEnd: string = historyEvents[historyEvents.length - 1]?.at ?? '';

/** A clock the test moves. */
export interface TestClock {
  now(): Date;
  set(iso: string): void;
}

/** The admin app's context over a real PGlite store, seeded as the app seeds it. */
export interface SeededApp {
  store: Store;
  db: AdminDb;
  runtime: Runtime;
  clock: TestClock;
  close(): Promise<void>;
}

/**
 * Opens an in-memory PGlite store, runs the store's and the admin app's migrations and seeds it
 * with `seedIfEmpty` (demo accounts, the seed policy, examples/history.jsonl through the
 * runtime), then ticks the runtime to the last event so the record equals `simulate`'s output.
 */
export async function openSeededApp(clockAt: string): Promise<SeededApp> {
  let now = new Date(clockAt);
  const clock: TestClock = { now: () => now, set: (iso) => (now = new Date(iso)) };
  const store = await openStore({ dataDir: 'memory://' });
  await migrateAdmin(store.db as unknown as Parameters<typeof migrateAdmin>[0], store.schema);
  const runtime = createRuntime({ store, clock: () => clock.now(), actor: 'test' });
  const db = store.db.withTables<AdminTables>();
  const report = await seedIfEmpty({ db, runtime, clock });
  if (report.eventsIngested !== historyEvents.length) throw new Error(`seeded ${report.eventsIngested} events`);
  await runtime.tick(historyEnd);
  return {
    store,
    db,
    runtime,
    clock,
    close: async () => {
      await runtime.close();
      await store.close();
    },
  };
}
