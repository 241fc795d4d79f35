import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { isRuntimeError, openRuntime } from '@allot/runtime';
import type { Runtime } from '@allot/runtime';
import type { StoreOptions } from '@allot/store';
import { CliError, EXIT_INVALID } from './cli-error.js';
import type { OutputStream } from './cli-io.js';
import { formatPolicyError } from './load-files.js';
import type { ParsedFlags } from './usage.js';
import { stringFlag } from './usage.js';

/** The options every runtime command takes: where the database is. */
export const STORE_OPTIONS = {
  'data-dir': { type: 'string' },
  schema: { type: 'string' },
} as const;

/** PGlite's directory when neither `--data-dir` nor `DATABASE_URL` is given (what `openStore` defaults to). */
export const DEFAULT_DATA_DIR = '.allot/pglite';

/** Where a command's database is, for messages (a PostgreSQL password is never shown). */
export function describeStore(flags: ParsedFlags): string {
  const dataDir = stringFlag(flags, 'data-dir');
  const url = process.env['DATABASE_URL'];
  const schema = stringFlag(flags, 'schema');
  const where =
    dataDir === undefined && url !== undefined && url !== '' ? `PostgreSQL ${redactUrl(url)}` : `PGlite ${dataDir ?? DEFAULT_DATA_DIR}`;
  return schema === undefined ? where : `${where} (schema ${schema})`;
}

/** A connection URL with its password replaced by `***`. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(DATABASE_URL)';
  }
}

/** Who the CLI reads as, for the access log: `cli:<user>`. */
function actor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return `cli:${process.env['USER'] ?? 'unknown'}`;
  }
}

/** What a runtime command may set on the runtime besides the store. */
export interface SessionOptions {
  /** A fixed clock (`status --at`); default the system clock. */
  clock?: () => Date;
  /** Where to report failures the runtime survived (a snapshot it could not save). */
  stderr?: OutputStream;
}

/**
 * Opens the runtime on the command's database (`--data-dir`: PGlite there; else PostgreSQL when
 * `DATABASE_URL` is set; else PGlite in `.allot/pglite` under the working directory), runs `fn`,
 * and closes it whatever happens. A database that cannot be opened is exit 1 naming it; a request
 * the runtime refuses (`RuntimeError`) is exit 1 with its message.
 */
export async function withRuntime<T>(command: string, flags: ParsedFlags, options: SessionOptions, fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const dataDir = stringFlag(flags, 'data-dir');
  const schema = stringFlag(flags, 'schema');
  const storeOptions: StoreOptions = {
    ...(dataDir === undefined ? {} : { dataDir: resolve(dataDir) }),
    ...(schema === undefined ? {} : { schema }),
    applicationName: `allot ${command}`,
  };
  let runtime: Runtime;
  try {
    runtime = await openRuntime({
      ...storeOptions,
      actor: actor(),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      onError: (error) => options.stderr?.write(`allot ${command}: warning: ${error.message}\n`),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(EXIT_INVALID, [`allot ${command}: cannot open the database (${describeStore(flags)}): ${message}`, `allot ${command}: 无法打开数据库`]);
  }
  let result: T;
  try {
    result = await fn(runtime);
  } catch (error) {
    // A failure to close after the command failed must not hide the first error.
    await runtime.close().catch(() => undefined);
    throw asCliError(command, error);
  }
  await runtime.close();
  return result;
}

/** A `RuntimeError` as exit 1 with its message (and, for an invalid policy, every problem); anything else unchanged. */
export function asCliError(command: string, error: unknown): unknown {
  if (!isRuntimeError(error)) return error;
  const lines = [`allot ${command}: ${error.message}`];
  if (error.code === 'policy-invalid' && Array.isArray(error.details)) {
    lines.push(...(error.details as Parameters<typeof formatPolicyError>[0][]).map(formatPolicyError));
  }
  const zh = RUNTIME_ERROR_ZH[error.code];
  if (zh !== undefined) lines.push(`allot ${command}: ${zh}`);
  return new CliError(EXIT_INVALID, lines);
}

/** The Chinese line under a runtime refusal. */
const RUNTIME_ERROR_ZH: Readonly<Record<string, string>> = {
  'no-policy': '尚未发布任何策略版本',
  'policy-invalid': '策略无效',
  'policy-exists': '该策略版本已存在，请使用新的版本号',
  'effective-too-early': '生效时间早于运行库当前时间，此前的决定已定案',
  'effective-required': '已有生效版本，须指定生效时间',
  'not-found': '未找到',
  'invalid-input': '输入无效',
};
