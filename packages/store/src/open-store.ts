import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import type { LogConfig, PostgresCursorConstructor, Transaction } from 'kysely';
import { COPY_SUPPORT, CopyFromStdin } from './copy-rows.js';
import type { Database } from './database.js';
import { migrationProvider } from './migrations/migrations.js';
import { createPgPool } from './pg-pool.js';
import { PGliteDialect } from './pglite-dialect.js';
import { ALLOT_LOCK_CLASS, MIGRATION_LOCK_KEY, takeWriterLock, writerLockKey } from './write-lock.js';

/** Where the data lives. */
export interface StoreOptions {
  /** A PostgreSQL URL. Default: `process.env.DATABASE_URL` when `dataDir` is not given either. */
  databaseUrl?: string;
  /** PGlite's data directory (`memory://` for a throw-away database). Default: `.allot/pglite` under the cwd. */
  dataDir?: string;
  /** A PostgreSQL schema to keep everything in (created when missing), e.g. one per test run. Lower-case letters, digits and `_`. */
  schema?: string;
  /** `application_name` of the PostgreSQL connections (default `allot`), to find them in `pg_stat_activity`. */
  applicationName?: string;
  /** Largest number of PostgreSQL connections (default 10). */
  poolSize?: number;
  /** Told about connection errors the store survived (the server ending idle connections). Default: ignored. */
  onError?: (error: Error) => void;
  /**
   * PGlite only: start a new database from a dump taken with `Store.dumpPGlite()` instead of
   * running initdb (about 0.8 s instead of 4 s; tests open many throw-away databases).
   */
  pgliteDump?: Blob;
  /** kysely's query log (e.g. `(event) => …event.queryDurationMillis`), for diagnosing slow statements. */
  log?: LogConfig;
}

/** The query builder over the allot schema (a transaction is one too). */
export type StoreDb = Kysely<Database>;
/** A transaction over the allot schema. */
export type StoreTransaction = Transaction<Database>;

/** An open allot database: kysely over PostgreSQL or PGlite, migrated to the latest schema. */
export interface Store {
  readonly backend: 'postgres' | 'pglite';
  /** The schema in use, or undefined for the default search path. */
  readonly schema: string | undefined;
  /** The query builder; repositories in this package take it (or a transaction) as their first argument. */
  readonly db: Kysely<Database>;
  /**
   * Runs `fn` in one transaction that first takes the writer lock (`pg_advisory_xact_lock`), so
   * every writer of the log, in any process, runs alone. Commits when `fn` resolves; rolls back
   * and rethrows when it throws.
   */
  writeTransaction<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  /** PGlite only: the whole database as a tarball, to open copies with `pgliteDump`. */
  dumpPGlite(): Promise<Blob>;
  /** Drops the store's schema and everything in it (tests); refuses without a schema. */
  dropSchema(): Promise<void>;
  /** Closes the pool or the PGlite database. */
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Opens the PGlite database directory (creating it), with the schema as its session's search path. */
async function openPGlite(dataDir: string, schema: string | undefined, dump: Blob | undefined): Promise<PGlite> {
  const isMemory = dataDir.startsWith('memory://');
  const dir = isMemory ? dataDir : resolve(dataDir);
  if (!isMemory) mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create(dir, dump === undefined ? {} : { loadDataDir: dump });
  if (schema !== undefined) {
    // PGlite is one session for the whole process: setting the search path once sets it for good.
    await pglite.exec(`create schema if not exists ${schema}; set search_path to ${schema}`);
  }
  return pglite;
}

/** An error from an object another session dropped while it was being looked at. */
function droppedMeanwhile(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '3F000' || code === '42P01' || code === '42883';
}

/**
 * Runs the migrations to the latest, under a session advisory lock: two processes opening the
 * same database at once take turns (kysely's Migrator locks too, but only after it has created
 * its own tables, which can race; and the schema must exist before anything).
 */
async function migrate(db: Kysely<Database>, schema: string | undefined): Promise<void> {
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${sql.lit(ALLOT_LOCK_CLASS)}, ${sql.lit(MIGRATION_LOCK_KEY)})`.execute(conn);
    try {
      if (schema !== undefined) await sql`create schema if not exists ${sql.id(schema)}`.execute(conn);
      // Always name the schema: without one, kysely's Migrator takes a migration table of any
      // schema (another test run's) for its own and then fails to find it on the search path.
      const current = await sql<{ name: string }>`select current_schema() as name`.execute(conn);
      const migrationTableSchema = schema ?? current.rows[0]?.name ?? 'public';
      const migrator = new Migrator({ db: conn, provider: migrationProvider, migrationTableSchema });
      let { error, results } = await migrator.migrateToLatest();
      // The Migrator looks for its tables by listing every table of every schema; a schema or
      // table that another process drops meanwhile makes that listing fail ("schema … does not
      // exist"). Nothing was migrated then (no migration ran): list again.
      for (let attempt = 0; attempt < 5 && error !== undefined && (results === undefined || results.length === 0) && droppedMeanwhile(error); attempt++) {
        ({ error, results } = await migrator.migrateToLatest());
      }
      if (error !== undefined) {
        const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
        throw new Error(`allot store: migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    } finally {
      await sql`select pg_advisory_unlock(${sql.lit(ALLOT_LOCK_CLASS)}, ${sql.lit(MIGRATION_LOCK_KEY)})`.execute(conn);
    }
  });
}

/**
 * Opens the allot database and migrates it: PostgreSQL through `pg` when a URL is given (or
 * `DATABASE_URL` is set and no `dataDir` is given), else embedded PGlite in `dataDir`.
 * Safe when several processes open the same PostgreSQL database at once.
 */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(`allot store: schema ${JSON.stringify(schema)} must be lower-case letters, digits and _ (at most 63, not starting with a digit)`);
  }
  const url = options.databaseUrl ?? (options.dataDir === undefined ? process.env['DATABASE_URL'] : undefined);
  const backend = url !== undefined && url !== '' ? 'postgres' : 'pglite';
  let db: Kysely<Database>;
  let pglite: PGlite | undefined;
  if (backend === 'postgres') {
    const pool = createPgPool({
      connectionString: url as string,
      schema,
      applicationName: options.applicationName ?? 'allot',
      max: options.poolSize ?? 10,
      onError: options.onError ?? (() => undefined),
    });
    // The cursor class runs COPY FROM STDIN inside kysely's transactions (copy-rows.ts).
    const cursor = CopyFromStdin as unknown as PostgresCursorConstructor;
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool, cursor }), plugins: [COPY_SUPPORT], ...(options.log === undefined ? {} : { log: options.log }) });
  } else {
    pglite = await openPGlite(options.dataDir ?? '.allot/pglite', schema, options.pgliteDump);
    db = new Kysely<Database>({ dialect: new PGliteDialect(pglite), ...(options.log === undefined ? {} : { log: options.log }) });
  }
  try {
    await migrate(db, schema);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const lockKey = writerLockKey(schema);
  return {
    backend,
    schema,
    db,
    writeTransaction: (fn) =>
      db.transaction().execute(async (trx) => {
        await takeWriterLock(trx, lockKey);
        return fn(trx);
      }),
    async dumpPGlite() {
      if (pglite === undefined) throw new Error('allot store: dumpPGlite needs a PGlite store');
      const instance = pglite;
      // Through kysely's connection, so the dump waits for (and excludes) every transaction.
      return db.connection().execute(() => instance.dumpDataDir('none'));
    },
    async dropSchema() {
      if (schema === undefined) throw new Error('allot store: dropSchema needs a store opened with a schema');
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db);
    },
    close: () => db.destroy(),
  };
}
