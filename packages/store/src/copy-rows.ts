import { CompiledQuery } from 'kysely';
import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

/** The parts of pg's connection a COPY FROM STDIN drives (pg calls them; see pg's client.js). */
interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
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
    // pg copies each chunk into its own message, so one large chunk is sent as it is.
    if (this.data.length > 0) connection.sendCopyFromChunk(this.data);
    connection.endCopyFrom();
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

const TAB = 0x09;
const NEWLINE = 0x0a;

/**
 * Rows in COPY text format, written field by field into one growing buffer: strings are
 * encoded straight into it, so a batch makes no large intermediate string (and no garbage
 * beyond escaped copies of the rare fields that need escaping).
 */
export class CopyTextBuffer {
  private buffer: Buffer;
  private length = 0;
  private fields = 0;

  constructor(initialBytes = 256 * 1024) {
    this.buffer = Buffer.allocUnsafe(initialBytes);
  }

  private room(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(next, 0, 0, this.length);
    this.buffer = next;
  }

  private separator(): void {
    if (this.fields++ > 0) this.buffer[this.length++] = TAB;
  }

  /** A text field (null: SQL NULL). */
  text(value: string | null): this {
    if (value === null) return this.raw('\\N');
    // UTF-8 takes at most 3 bytes per UTF-16 code unit, plus the separator.
    this.room(value.length * 3 + 1);
    this.separator();
    const start = this.length;
    const end = start + this.buffer.write(value, start, 'utf8');
    // Written as is, then checked byte by byte (much cheaper than a regular expression per
    // field); the rare value with a backslash, tab or line break is written again escaped.
    // UTF-8 bytes of non-ASCII characters are all ≥ 0x80, so they never look like these.
    const b = this.buffer;
    for (let i = start; i < end; i++) {
      const c = b[i] as number;
      if (c === 0x5c || c === 0x09 || c === 0x0a || c === 0x0d) {
        const escaped = escapeField(value);
        this.room(escaped.length * 3);
        this.length = start + this.buffer.write(escaped, start, 'utf8');
        return this;
      }
    }
    this.length = end;
    return this;
  }

  /** An integer field. */
  int(value: number): this {
    if (!Number.isSafeInteger(value)) throw new TypeError(`allot store: ${value} is not an integer`);
    return this.raw(String(value));
  }

  /** A text[] field. */
  textArray(values: readonly string[]): this {
    return this.text(arrayLiteral(values));
  }

  /** Ends the row. */
  end(): void {
    this.room(1);
    this.buffer[this.length++] = NEWLINE;
    this.fields = 0;
  }

  /** A field that needs no escaping (ASCII, no tab, newline or backslash but for `\N`). */
  private raw(value: string): this {
    this.room(value.length + 1);
    this.separator();
    this.length += this.buffer.write(value, this.length, 'latin1');
    return this;
  }

  /** The data so far (a view: valid until the next write). */
  data(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}
