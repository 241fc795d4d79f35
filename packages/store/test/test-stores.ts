import { createHash, randomBytes } from 'node:crypto';
import { existsSync, openSync, closeSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@allot/store';
import type { Store, StoreOptions } from '@allot/store';

/** A database for one test: a fresh PGlite, or a fresh schema on the PostgreSQL of DATABASE_URL. */
export interface TestDatabase {
  /** The store the test mainly uses. */
  store: Store;
  /** Another store on the same data, as a second process would open it (PGlite: the same store; one process owns it). */
  openAnother(options?: Pick<StoreOptions, 'applicationName' | 'poolSize' | 'onError'>): Promise<Store>;
  /** Drops the schema (PostgreSQL) and closes every store opened. */
  cleanup(): Promise<void>;
}

/** A backend the suites run on. */
export interface TestBackend {
  name: 'pglite' | 'postgres';
  open(options?: Pick<StoreOptions, 'applicationName' | 'poolSize' | 'onError'>): Promise<TestDatabase>;
}

let template: Promise<Blob> | undefined;

/** Names the template by what makes it: the migrations' source and PGlite's version. */
function templateKey(): string {
  const hash = createHash('sha256');
  const migrations = new URL('../src/migrations/', import.meta.url);
  for (const file of readdirSync(migrations).sort()) hash.update(file).update(readFileSync(new URL(file, migrations)));
  hash.update(readFileSync(new URL('../../../node_modules/@electric-sql/pglite/package.json', import.meta.url)));
  return hash.digest('hex').slice(0, 16);
}

async function makeTemplate(): Promise<Blob> {
  const store = await openStore({ dataDir: 'memory://' });
  try {
    return await store.dumpPGlite();
  } finally {
    await store.close();
  }
}

/**
 * A migrated empty PGlite database: loading it takes ~0.8 s where initdb takes ~4 s. It is
 * made once and kept in the temp directory for every test worker (the first one to need it
 * makes it, holding a lock file; the others wait for it).
 */
function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const path = join(tmpdir(), `allot-test-pglite-${templateKey()}.tar`);
    const lock = `${path}.lock`;
    for (let waited = 0; waited < 60_000; waited += 200) {
      if (existsSync(path)) return new Blob([readFileSync(path)]);
      let fd: number | undefined;
      try {
        fd = openSync(lock, 'wx');
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      try {
        const blob = await makeTemplate();
        writeFileSync(`${path}.${process.pid}`, Buffer.from(await blob.arrayBuffer()));
        renameSync(`${path}.${process.pid}`, path);
        return blob;
      } finally {
        closeSync(fd);
        rmSync(lock, { force: true });
      }
    }
    return makeTemplate();
  })();
  return template;
}

const pglite: TestBackend = {
  name: 'pglite',
  async open() {
    const store = await openStore({ dataDir: 'memory://', pgliteDump: await pgliteTemplate() });
    return {
      store,
      openAnother: async () => store,
      cleanup: () => store.close(),
    };
  },
};

/** A schema name no other run uses. */
export function uniqueSchema(prefix = 't'): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

const postgres = (url: string): TestBackend => ({
  name: 'postgres',
  async open(options = {}) {
    const schema = uniqueSchema();
    const stores: Store[] = [];
    const open = async (o: Pick<StoreOptions, 'applicationName' | 'poolSize' | 'onError'> = {}): Promise<Store> => {
      const store = await openStore({ databaseUrl: url, schema, ...o });
      stores.push(store);
      return store;
    };
    const store = await open(options);
    return {
      store,
      openAnother: open,
      async cleanup() {
        await store.dropSchema();
        for (const s of stores) await s.close();
      },
    };
  },
});

/** PGlite always; PostgreSQL too when DATABASE_URL is set (CI sets it). */
export const BACKENDS: TestBackend[] = [pglite, ...(process.env['DATABASE_URL'] ? [postgres(process.env['DATABASE_URL'])] : [])];

/** Only the PostgreSQL backend (for tests that need real concurrency or a server to misbehave). */
export const POSTGRES_BACKENDS: TestBackend[] = BACKENDS.filter((b) => b.name === 'postgres');

/**
 * Runs one statement as the PostgreSQL superuser on its own connection, outside any store (no
 * migrations in `public`): what an administrator, or an attacker with the password, would do.
 */
export async function adminQuery<R = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<R[]> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: process.env['DATABASE_URL'] });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as R[];
  } finally {
    await client.end();
  }
}
