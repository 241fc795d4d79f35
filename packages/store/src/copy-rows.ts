import { CompiledQuery } from 'kysely';
import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

/** The parts of pg's connection a COPY FROM STDIN drives (pg calls them; see pg's client.js). */
interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  stream?: { cork?: () => void; uncork?: () => void };
}

/**
 * `COPY … FROM STDIN` as a pg "submittable", given to kysely's PostgreSQL dialect as its
 * `cursor` class: kysely runs a streamed query through `client.query(new Cursor(sql, params))`
 * on the connection it holds (the transaction's), so a COPY joins the transaction like any
 * statement. `params[0]` is the data in COPY text format. `read()` yields one row,
 * `{ count }` (the rows copied), then none. It serves nothing but COPY: the store streams no
 * other query.
 */
export class CopyFromStdin {
  private readonly data: Buffer;
  private count = 0;
  private readonly done: Promise<number>;
  private settle!: (error: Error | null) => void;
  private delivered = false;
  private readonly invalid: Error | undefined;

  constructor(
    readonly text: string,
    parameters: readonly unknown[],
  ) {
    const data = parameters[0];
    this.data = Buffer.isBuffer(data) ? data : Buffer.alloc(0);
    this.done = new Promise<number>((resolve, reject) => {
      this.settle = (error) => (error === null ? resolve(this.count) : reject(error));
    });
    // A failure that nobody reads yet (read() is called right after submission) must not be "unhandled".
    this.done.catch(() => undefined);
    if (!/^\s*copy\s/i.test(text) || !/\sfrom\s+stdin\b/i.test(text) || !Buffer.isBuffer(data)) {
      this.invalid = new Error('allot store: only COPY … FROM STDIN with a Buffer of data can be streamed');
    }
  }

  /** Sends the statement (pg calls this when the connection is free); an error returned is reported through `handleError`. */
  submit(connection: PgConnection): Error | null {
    if (this.invalid !== undefined) return this.invalid;
    connection.query(this.text);
    return null;
  }

  handleCopyInResponse(connection: PgConnection): void {
    // pg copies each chunk into its own message, so one large chunk is sent as it is; corked,
    // the data and its end go out in one write.
    connection.stream?.cork?.();
    try {
      if (this.data.length > 0) connection.sendCopyFromChunk(this.data);
      connection.endCopyFrom();
    } finally {
      connection.stream?.uncork?.();
    }
  }

  handleCommandComplete(message: { text?: string }): void {
    const match = /^COPY (\d+)/.exec(message.text ?? '');
    this.count = match === null ? 0 : Number(match[1]);
  }

  handleReadyForQuery(): void {
    this.settle(null);
  }

  handleError(error: Error): void {
    this.settle(error);
  }

  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}

  /** The rows copied, once: `[{ count }]`, then `[]`. */
  async read(): Promise<Array<{ count: number }>> {
    const count = await this.done;
    if (this.delivered) return [];
    this.delivered = true;
    return [{ count }];
  }

  async close(): Promise<void> {
    await this.done.catch(() => undefined);
  }
}

/** Marks a Kysely instance (and its transactions) whose connections can run `copyRows`. */
class CopySupport implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** The plugin the PostgreSQL store is opened with (PGlite's is not: it runs the JSON path). */
export const COPY_SUPPORT: KyselyPlugin = new CopySupport();

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema
export const supportsCopy = (db: Kysely<any>): boolean => db.getExecutor().plugins.includes(COPY_SUPPORT);

/**
 * `COPY table (columns) FROM STDIN` of rows in COPY text format, on `db`'s connection (inside
 * its transaction when `db` is one). Only for a `db` where `supportsCopy` holds. Returns the
 * number of rows copied.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: the SQL is written by the caller
export async function copyRows(db: Kysely<any>, table: string, columns: readonly string[], data: Buffer): Promise<number> {
  const query = CompiledQuery.raw(`copy ${table} (${columns.join(', ')}) from stdin`, [data]);
  let count = 0;
  for await (const result of db.getExecutor().stream<{ count: number }>(query, 1)) count += result.rows[0]?.count ?? 0;
  return count;
}

const SPECIAL = /[\\\n\r\t]/;
const SPECIALS = /[\\\n\r\t]/g;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A text value as a COPY text field: backslash, newline, carriage return and tab escaped. */
function escapeField(value: string): string {
  return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPES[c] ?? c) : value;
}

/** A text[] value as a PostgreSQL array literal with every element quoted (before COPY escaping). */
function arrayLiteral(values: readonly string[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? '';
    out += `${i === 0 ? '' : ','}"${v.includes('"') || v.includes('\\') ? v.replace(/["\\]/g, (c) => `\\${c}`) : v}"`;
  }
  return `${out}}`;
}

/** One field of a COPY row: text (null: SQL NULL) or an integer. */
export type CopyField = string | number | null;

/** A field as COPY text. */
function fieldText(value: CopyField): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`allot store: ${value} is not an integer`);
    return String(value);
  }
  return escapeField(value);
}

/**
 * Rows in COPY text format, in one growing buffer. Each row is one string written straight
 * into it (fewer native calls than a write per field; the row string is short-lived), so a
 * batch makes no large intermediate string.
 */
export class CopyTextBuffer {
  private buffer: Buffer;
  private length = 0;

  constructor(initialBytes = 256 * 1024) {
    this.buffer = Buffer.allocUnsafe(initialBytes);
  }

  /** Adds one row. */
  row(fields: readonly CopyField[]): void {
    let line = fieldText(fields[0] ?? null);
    for (let i = 1; i < fields.length; i++) line += `\t${fieldText(fields[i] ?? null)}`;
    line += '\n';
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    const need = line.length * 3;
    if (this.length + need > this.buffer.length) {
      const next = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + need));
      this.buffer.copy(next, 0, 0, this.length);
      this.buffer = next;
    }
    this.length += this.buffer.write(line, this.length, 'utf8');
  }

  /** A text[] value as a field. */
  static textArray(values: readonly string[]): string {
    return arrayLiteral(values);
  }

  /** A copy of the data, exactly as long as it is. */
  data(): Buffer {
    return Buffer.from(this.buffer.subarray(0, this.length));
  }
}
