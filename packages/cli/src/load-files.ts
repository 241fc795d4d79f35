import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { checkHistory, eventCodesOf, parseEvents, parseInstant, policyHash, validatePolicy } from '@allot/engine';
import type { AllotEvent, AnyPolicy, PolicyError, PolicyWarning } from '@allot/engine';
import { CliError, EXIT_INVALID } from './cli-error.js';
import { DEFAULT_POLICY, findRepoFile } from './repo-files.js';

/** A validated policy, with the file it came from and its hash (SPEC §4 `policy.hash`). */
export interface LoadedPolicy {
  file: string;
  policy: AnyPolicy;
  hash: string;
  /** The verifier's warnings (never fatal here; `validate --strict` fails on them). */
  warnings: PolicyWarning[];
}

/** Parsed, validated events in time order (stable: ties keep file order). */
export interface LoadedEvents {
  file: string;
  events: AllotEvent[];
  /** The latest `at` (epoch ms), or null for an empty file. */
  lastAt: number | null;
  /** The `at` text of the latest event, or null for an empty file. */
  lastAtText: string | null;
}

const describe = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
};

/** Reads a UTF-8 text file (dropping a byte-order mark); an unreadable file is exit 1 naming it. */
export async function readText(file: string, what: string): Promise<string> {
  try {
    const text = await readFile(file, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (error) {
    throw new CliError(EXIT_INVALID, `${file}: cannot read ${what}: ${describe(error)}`);
  }
}

/** The bundled default policy's path (see repo-files.ts), shortened relative to the working directory. */
export async function defaultPolicyFile(): Promise<string> {
  const found = await findRepoFile(DEFAULT_POLICY);
  if (found === null) throw new CliError(EXIT_INVALID, `no --policy given and the bundled ${DEFAULT_POLICY} was not found`);
  return displayPath(found);
}

/** A path relative to the working directory when it lies below it, else as given. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel === '' || rel.startsWith('..') ? file : rel;
}

/** One verifier warning as `warning <rule> <pointer>: <zh> / <en> (fix: <zh> / <en>)`. */
export function formatPolicyWarning(w: PolicyWarning): string {
  return `warning ${w.rule} ${w.pointer === '' ? '(root)' : w.pointer}: ${w.message.zh} / ${w.message.en} (建议 / fix: ${w.fix.zh} / ${w.fix.en})`;
}

/** One policy error as `<pointer>: <zh> / <en>` (the root pointer shows as `(root)`). */
export function formatPolicyError(error: PolicyError): string {
  return `${error.pointer === '' ? '(root)' : error.pointer}: ${error.message.zh} / ${error.message.en}`;
}

/** Reads, parses and validates a policy file; any problem is exit 1 with every error listed. */
export async function loadPolicy(file: string): Promise<LoadedPolicy> {
  const text = await readText(file, 'policy');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(EXIT_INVALID, `${file}: not valid JSON: ${describe(error)}`);
  }
  const result = validatePolicy(json);
  if (!result.ok) {
    const n = result.errors.length;
    throw new CliError(EXIT_INVALID, [
      `${file}: invalid policy, ${n} error${n === 1 ? '' : 's'} / 策略无效，${n} 处错误`,
      ...result.errors.map(formatPolicyError),
    ]);
  }
  return { file, policy: result.policy, hash: policyHash(result.policy), warnings: result.warnings };
}

/**
 * Reads and validates a whole events file (SPEC §5) against the codes of the policy in force
 * (SPEC §6: a tier, form or incident code it does not declare is an error): any invalid line is
 * exit 1 with every error as `<file>:<line>: field "<f>": <message>`. Valid events come back
 * sorted by `at`. Appeals and acknowledgements are checked against the decisions of the history
 * under `history` (default `policy`; `allot diff` checks them under the base policy, the one
 * they were made under).
 */
export async function loadEvents(file: string, policy?: AnyPolicy, history: AnyPolicy | undefined = policy): Promise<LoadedEvents> {
  const text = await readText(file, 'events');
  const parsed = parseEvents(text, policy === undefined ? {} : { codes: eventCodesOf(policy) });
  if (parsed.errors.length > 0) {
    const n = new Set(parsed.errors.map((e) => e.line)).size;
    throw new CliError(EXIT_INVALID, [
      ...parsed.errors.map((e) => `${file}:${e.line}: ${e.field === null ? '' : `field "${e.field}": `}${e.message}`),
      `${file}: ${n} invalid line${n === 1 ? '' : 's'}, nothing simulated / ${n} 行无效，未模拟`,
    ]);
  }
  // Appeals, acknowledgements and dismissals must answer a decision of the history before them
  // (and an appeal come within the policy's window): checked by replaying it once.
  const problems = history === undefined ? [] : checkHistory(history, parsed.events);
  if (problems.length > 0) {
    const n = problems.length;
    throw new CliError(EXIT_INVALID, [
      ...problems.map((p) => `${file}:${parsed.lines[p.index] ?? 0}: field "${p.field}": ${p.message}`),
      `${file}: ${n} invalid line${n === 1 ? '' : 's'}, nothing simulated / ${n} 行无效，未模拟`,
    ]);
  }
  return { file, ...inTimeOrder(parsed.events) };
}

/** Sorts by instant, stably; skips the sort when the file is already in order (the usual case). */
function inTimeOrder(events: AllotEvent[]): Omit<LoadedEvents, 'file'> {
  const instants = events.map((e) => parseInstant(e.at) ?? 0);
  let sorted = true;
  let last = -Infinity;
  let lastIndex = -1;
  instants.forEach((t, i) => {
    if (t < last) sorted = false;
    if (t >= last) {
      last = t;
      lastIndex = i;
    }
  });
  const ordered = sorted
    ? events
    : events
        .map((_, i) => i)
        .sort((a, b) => (instants[a] as number) - (instants[b] as number) || a - b)
        .map((i) => events[i] as AllotEvent);
  const lastEvent = lastIndex < 0 ? undefined : events[lastIndex];
  return { events: ordered, lastAt: lastEvent === undefined ? null : last, lastAtText: lastEvent?.at ?? null };
}
