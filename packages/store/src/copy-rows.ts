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
 * statement. The parameters are the data in COPY text format, one Buffer for each `COPY … FROM
 * STDIN` in the text, in order (the text may be several statements: the server asks for each
 * COPY's data in turn). `read()` yields one row, `{ count, tags }` (the rows the last COPY
 * copied, and the command tag of every statement), then none. It serves nothing but COPY: the
 * store streams no other query.
 */
export class CopyFromStdin {
  private readonly data: Buffer[];
  private next = 0;
  private count = 0;
  private readonly tags: string[] = [];
  private readonly done: Promise<CopyResult>;
  private settle!: (error: Error | null) => void;
  private delivered = false;
  private readonly invalid: Error | undefined;

  constructor(
    readonly text: string,
    parameters: readonly unknown[],
  ) {
    const data = parameters[0] === COPY_SCRIPT ? parameters.slice(1) : parameters;
    this.data = data.filter((p): p is Buffer => Buffer.isBuffer(p));
    this.done = new Promise<CopyResult>((resolve, reject) => {
      this.settle = (error) => (error === null ? resolve({ count: this.count, tags: this.tags }) : reject(error));
    });
    // A failure that nobody reads yet (read() is called right after submission) must not be "unhandled".
    this.done.catch(() => undefined);
    const copy = parameters[0] === COPY_SCRIPT || (/\sfrom\s+stdin\b/i.test(text) && parameters.length > 0);
    if (!copy || this.data.length !== data.length) {
      this.invalid = new Error('allot store: only COPY … FROM STDIN with Buffers of data can be streamed');
    }
  }

  /** Sends the statement (pg calls this when the connection is free); an error returned is reported through `handleError`. */
  submit(connection: PgConnection): Error | null {
    if (this.invalid !== undefined) return this.invalid;
    connection.query(this.text);
    return null;
  }

  handleCopyInResponse(connection: PgConnection): void {
    const data = this.data[this.next++];
    if (data === undefined) {
      (connection as unknown as { sendCopyFail(message: string): void }).sendCopyFail('allot store: no data for this COPY');
      return;
    }
    // pg copies each chunk into its own message, so one large chunk is sent as it is; corked,
    // the data and its end go out in one write.
    connection.stream?.cork?.();
    try {
      if (data.length > 0) connection.sendCopyFromChunk(data);
      connection.endCopyFrom();
    } finally {
      connection.stream?.uncork?.();
    }
  }

  handleCommandComplete(message: { text?: string }): void {
    const tag = message.text ?? '';
    this.tags.push(tag);
    const match = /^COPY (\d+)/.exec(tag);
    if (match !== null) this.count = Number(match[1]);
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

  /** The result, once: `[{ count, tags }]`, then `[]`. */
  async read(): Promise<CopyResult[]> {
    const result = await this.done;
    if (this.delivered) return [];
    this.delivered = true;
    return [result];
  }

  async close(): Promise<void> {
    await this.done.catch(() => undefined);
  }
}

/** Marks the parameters of a script (statements with or without COPYs) run by `runCopyScript`. */
const COPY_SCRIPT = Symbol('allot copy script');

/** What a COPY (or a script with COPYs) did: the rows the last COPY copied, and every statement's command tag. */
export interface CopyResult {
  count: number;
  tags: string[];
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
  return (await runCopyScript(db, `copy ${table} (${columns.join(', ')}) from stdin`, [data])).count;
}

/**
 * Runs `text` (one or more statements in one message, simple protocol: no parameters) on
 * `db`'s connection, sending `data[i]` for the i-th `COPY … FROM STDIN` among them. Only for a
 * `db` where `supportsCopy` holds.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: the SQL is written by the caller
export async function runCopyScript(db: Kysely<any>, text: string, data: readonly Buffer[]): Promise<CopyResult> {
  let result: CopyResult = { count: 0, tags: [] };
  for await (const r of db.getExecutor().stream<CopyResult>(CompiledQuery.raw(text, [COPY_SCRIPT, ...data]), 1)) result = r.rows[0] ?? result;
  return result;
}

/** A text as a dollar-quoted SQL literal (no escaping: the tag is chosen so the text cannot end it). */
export function dollarQuoted(text: string): string {
  // The text must not contain the tag, nor end with its start: it must not contain `$allot…` at all.
  let name = '$allot';
  for (let i = 0; text.includes(name); i++) name = `$allot${i}x`;
  return `${name}$${text}${name}$`;
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

/** Fields at least this long are written on their own (see `CopyTextBuffer.row`). */
const LONG_FIELD = 128;

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
    // Short fields are joined into one string per run; a long one (a JSON payload) is written
    // on its own, so it is not copied into a joined string first.
    let run = '';
    for (let i = 0; i < fields.length; i++) {
      const text = fieldText(fields[i] ?? null);
      if (text.length < LONG_FIELD) run += i === 0 ? text : `\t${text}`;
      else {
        this.write(i === 0 ? run : `${run}\t`);
        this.write(text);
        run = '';
      }
    }
    this.write(`${run}\n`);
  }

  private write(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    const need = text.length * 3;
    if (this.length + need > this.buffer.length) {
      const next = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + need));
      this.buffer.copy(next, 0, 0, this.length);
      this.buffer = next;
    }
    this.length += this.buffer.write(text, this.length, 'utf8');
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
