import pg from 'pg';

/** What `createPgPool` needs. */
export interface PgPoolOptions {
  connectionString: string;
  /** PostgreSQL schema every connection uses (search_path), or undefined for the server's default. */
  schema: string | undefined;
  applicationName: string;
  max: number;
  /** Told about connection errors the pool survived (idle connections the server terminated). */
  onError: (error: Error) => void;
}

const INT8 = 20;

/** int8 as a JS number: every bigint in the schema is a count or a sequence number far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 && format !== 'binary' ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * A `pg` pool that survives the server ending its connections. pg-pool listens for errors on
 * idle clients and forwards them as the pool's 'error' event, which would crash the process
 * with no listener; and it removes its listener while a client is checked out, so an error that
 * arrives between two queries of a transaction (no query active to reject) would crash it too.
 * Both get a listener here; the dead client is then discarded on release (pg-pool checks it).
 */
export function createPgPool(options: PgPoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    application_name: options.applicationName,
    max: options.max,
    idleTimeoutMillis: 30_000,
    types,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
  pool.on('error', (error) => options.onError(error));
  pool.on('connect', (client) => {
    client.on('error', (error) => options.onError(error));
  });
  return pool;
}
