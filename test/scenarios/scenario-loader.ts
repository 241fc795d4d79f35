import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { eventCodesOf, migratePolicy, parseEvents, validatePolicy } from '@allot/engine';
import type { AllotEvent, AnyPolicy } from '@allot/engine';

/** The folder holding one sub-folder per scenario. */
export const SCENARIOS_DIR = fileURLToPath(new URL('.', import.meta.url));
/** The bundled default policy every scenario patches. */
export const DEFAULT_POLICY_PATH = fileURLToPath(new URL('../../policies/sales-resource/1.0.0.json', import.meta.url));
/** The same policy in format 2; every format-1 scenario also runs under it (migrated when patched). */
export const DEFAULT_POLICY_V2_PATH = fileURLToPath(new URL('../../policies/sales-resource/2.0.0.json', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** Policy formats a scenario runs under. */
export type ScenarioFormat = 1 | 2;

/** One expected decision line: identity fields, plus an optional `cause`. */
export type ExpectedLine = Record<string, unknown> & { at: string; kind: string; rule: string; cause?: string[] };

/** A scenario folder, loaded but not yet run. */
export interface Scenario {
  name: string;
  description: string;
  until: string | undefined;
  /** The default policy with the scenario's merge patch applied (not validated yet). */
  policyJson: unknown;
  eventsText: string;
  expected: ExpectedLine[];
  /** The formats this scenario runs under: both for a format-1 scenario, 2 for a `policy.v2.json` one. */
  formats: ScenarioFormat[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7386 JSON merge patch: objects merge key by key, `null` deletes, anything else (arrays too) replaces. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const result: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key] ?? null, value);
  }
  return result;
}

const readJson = (path: string): Json => JSON.parse(readFileSync(path, 'utf8')) as Json;

/** Non-blank lines of a JSON Lines file, parsed. */
function readJsonLines(path: string): unknown[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as unknown;
      } catch (error) {
        throw new Error(`${path}: line ${i + 1} is not JSON: ${String(error)}`);
      }
    });
}

const isScenarioDir = (name: string): boolean => statSync(join(SCENARIOS_DIR, name)).isDirectory() && existsSync(join(SCENARIOS_DIR, name, 'events.jsonl'));
const rejects = (name: string): boolean => existsSync(join(SCENARIOS_DIR, name, 'rejects.jsonl'));

/** Names of every scenario folder that decides (no `rejects.jsonl`), sorted. */
export function scenarioNames(): string[] {
  return readdirSync(SCENARIOS_DIR)
    .filter((name) => isScenarioDir(name) && !rejects(name))
    .sort();
}

/** Names of every rejection scenario (an `events.jsonl` with invalid lines and a `rejects.jsonl`), sorted. */
export function rejectionNames(): string[] {
  return readdirSync(SCENARIOS_DIR)
    .filter((name) => isScenarioDir(name) && rejects(name))
    .sort();
}

/** One expected validation error of a rejection scenario: the line and the field it names. */
export interface ExpectedRejection {
  line: number;
  field: string | null;
}

/** Loads a rejection scenario: its events text and the errors it must give, in order. */
export function loadRejection(name: string): { eventsText: string; rejects: ExpectedRejection[]; description: string } {
  const dir = join(SCENARIOS_DIR, name);
  const metaPath = join(dir, 'scenario.json');
  const meta = existsSync(metaPath) ? readJson(metaPath) : {};
  const description = isObject(meta) && typeof meta['description'] === 'string' ? meta['description'] : '';
  const rejects = readJsonLines(join(dir, 'rejects.jsonl')).map((line, i) => {
    if (!isObject(line) || typeof line['line'] !== 'number' || !(typeof line['field'] === 'string' || line['field'] === null)) {
      throw new Error(`${dir}/rejects.jsonl: line ${i + 1} needs a number line and a string (or null) field`);
    }
    return { line: line['line'], field: line['field'] };
  });
  return { eventsText: readFileSync(join(dir, 'events.jsonl'), 'utf8'), rejects, description };
}

/**
 * A format-2 scenario's policy (`policy.v2.json`): `base` (a repository path, default the 2.0.0
 * policy), then `drop` (rule ids removed), `rules` (rule objects replacing the rule of the same
 * id, or appended), and `codes` / `calendar` / `options` merged in (RFC 7386).
 */
function v2Policy(spec: Json): Json {
  if (!isObject(spec)) throw new Error('policy.v2.json must be an object');
  const basePath = typeof spec['base'] === 'string' ? join(REPO, spec['base']) : DEFAULT_POLICY_V2_PATH;
  const base = readJson(basePath);
  if (!isObject(base)) throw new Error(`${basePath}: not a policy object`);
  const drop = new Set(Array.isArray(spec['drop']) ? spec['drop'].filter((x): x is string => typeof x === 'string') : []);
  let rules = (Array.isArray(base['rules']) ? base['rules'] : []).filter((r) => !(isObject(r) && typeof r['id'] === 'string' && drop.has(r['id'])));
  for (const rule of Array.isArray(spec['rules']) ? spec['rules'] : []) {
    const id = isObject(rule) ? rule['id'] : undefined;
    const at = rules.findIndex((r) => isObject(r) && r['id'] === id);
    rules = at >= 0 ? rules.map((r, i) => (i === at ? rule : r)) : [...rules, rule];
  }
  let out: Json = { ...base, rules };
  for (const key of ['codes', 'calendar', 'options', 'version'] as const) {
    if (spec[key] !== undefined) out = mergePatch(out, { [key]: spec[key] } as Json);
  }
  return out;
}

/** Loads one scenario folder, with its policy in the given format. */
export function loadScenario(name: string, format: ScenarioFormat = 1): Scenario {
  const dir = join(SCENARIOS_DIR, name);
  const v2Path = join(dir, 'policy.v2.json');
  const patchPath = join(dir, 'policy.patch.json');
  const formats: ScenarioFormat[] = existsSync(v2Path) ? [2] : [1, 2];
  let policyJson: Json;
  if (existsSync(v2Path)) policyJson = v2Policy(readJson(v2Path));
  else if (format === 2 && !existsSync(patchPath)) policyJson = readJson(DEFAULT_POLICY_V2_PATH);
  else {
    const base = readJson(DEFAULT_POLICY_PATH);
    policyJson = existsSync(patchPath) ? mergePatch(base, readJson(patchPath)) : base;
    if (format === 2) {
      const checked = validatePolicy(policyJson);
      if (!checked.ok) throw new Error(`${name}: the patched policy is invalid: ${checked.errors[0]?.pointer ?? ''} ${checked.errors[0]?.message.en ?? ''}`);
      policyJson = { ...(migratePolicy(checked.policy) as unknown as Record<string, Json>), version: '2.0.0' };
    }
  }
  const metaPath = join(dir, 'scenario.json');
  const meta = existsSync(metaPath) ? readJson(metaPath) : {};
  const description = isObject(meta) && typeof meta['description'] === 'string' ? meta['description'] : '';
  const until = isObject(meta) && typeof meta['until'] === 'string' ? meta['until'] : undefined;
  const expectedPath = join(dir, 'expected.jsonl');
  const expected = (existsSync(expectedPath) ? readJsonLines(expectedPath) : []).map((line, i) => {
    if (!isObject(line) || typeof line['at'] !== 'string' || typeof line['kind'] !== 'string' || typeof line['rule'] !== 'string') {
      throw new Error(`${expectedPath}: line ${i + 1} needs string at, kind and rule`);
    }
    for (const banned of ['id', 'explain', 'policy']) {
      if (banned in line) throw new Error(`${expectedPath}: line ${i + 1} must not hold "${banned}" (not an identity field)`);
    }
    return line as ExpectedLine;
  });
  return { name, description, until, policyJson, eventsText: readFileSync(join(dir, 'events.jsonl'), 'utf8'), expected, formats };
}

/** Validates the scenario's policy and parses its events; throws a readable error on any problem. */
export function prepare(scenario: Pick<Scenario, 'name' | 'policyJson' | 'eventsText'>): { policy: AnyPolicy; events: AllotEvent[] } {
  const validation = validatePolicy(scenario.policyJson);
  if (!validation.ok) {
    const lines = validation.errors.map((e) => `  ${e.pointer || '(root)'}: ${e.message.en}`);
    throw new Error(`${scenario.name}: the (patched) policy is invalid:\n${lines.join('\n')}`);
  }
  const parsed = parseEvents(scenario.eventsText, { codes: eventCodesOf(validation.policy) });
  if (parsed.errors.length > 0) {
    const lines = parsed.errors.map((e) => `  line ${e.line}${e.field === null ? '' : ` (${e.field})`}: ${e.message}`);
    throw new Error(`${scenario.name}: events.jsonl has errors:\n${lines.join('\n')}`);
  }
  return { policy: validation.policy, events: parsed.events };
}
