import { factPathProblem } from './fact-path.js';
import { analyzeOperator, parseOperator } from './operators.js';

/**
 * Structural validation of a condition, shared by the policy validator (which reports every
 * problem) and compileCondition / the reference evaluator (which refuse the first). A condition
 * with no problems compiles, and json-rules-engine accepts it too.
 */

/** One thing wrong with a condition: where (JSON pointer) and why (Chinese and English). */
export interface ConditionProblem {
  pointer: string;
  message: { zh: string; en: string };
}

/** Deeper nesting is refused so that validation and evaluation cannot exhaust the stack. */
const MAX_DEPTH = 64;

const BOOLEAN_KEYS = ['all', 'any', 'not'] as const;
const FACT_KEYS: ReadonlySet<string> = new Set(['fact', 'operator', 'value', 'path', 'params', 'name', 'priority']);
const REFERENCE_KEYS: ReadonlySet<string> = new Set(['fact', 'path', 'params']);
/** Keys that reach Object.prototype machinery (`__proto__`) or JavaScript's string conversion. */
const CONVERSION_KEYS: ReadonlySet<string> = new Set(['toString', 'valueOf']);

type Problems = ConditionProblem[];

/** A JSON pointer reference token, escaped per RFC 6901. */
function token(key: string | number): string {
  return `/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

function add(problems: Problems, pointer: string, zh: string, en: string): void {
  problems.push({ pointer, message: { zh, en } });
}

/** A JSON object: a plain object (its prototype is Object.prototype or null), not an array. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** An own property, with `undefined` treated as absent (what JSON serialization does). */
function own(node: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(node, key) ? node[key] : undefined;
}

/**
 * Every problem in `condition`, each pointer prefixed with `pointer` (e.g. "/rules/0/when").
 * Checks node shape, operators (json-rules-engine's defaults and decorators), fact paths (the
 * safe subset only), literal values that would always make the operator throw, and reserved
 * keys. Never throws.
 */
export function conditionProblems(condition: unknown, pointer: string): ConditionProblem[] {
  const problems: Problems = [];
  try {
    checkNode(condition, pointer, 0, problems);
  } catch {
    // Only exotic inputs (proxies, throwing getters) get here; JSON never does.
    add(problems, pointer, '无法读取条件', 'the condition could not be read');
  }
  return problems;
}

function checkNode(node: unknown, pointer: string, depth: number, problems: Problems): void {
  if (depth > MAX_DEPTH) {
    add(problems, pointer, `条件嵌套超过 ${MAX_DEPTH} 层`, `conditions are nested more than ${MAX_DEPTH} levels deep`);
    return;
  }
  if (!isPlainObject(node)) {
    add(problems, pointer, '条件必须是一个对象', 'a condition must be an object');
    return;
  }
  const kinds = [...BOOLEAN_KEYS, 'fact'].filter((key) => Object.hasOwn(node, key));
  if (kinds.length > 1) {
    const list = kinds.map((k) => `"${k}"`).join(', ');
    add(problems, pointer, `条件只能包含 all、any、not、fact 中的一个，实际有 ${list}`, `a condition must have only one of "all", "any", "not", "fact"; found ${list}`);
    return;
  }
  const kind = kinds[0];
  if (kind === 'all' || kind === 'any' || kind === 'not') {
    checkBoolean(node, kind, pointer, depth, problems);
    return;
  }
  if (kind === undefined && !['operator', 'value', 'path', 'params'].some((key) => Object.hasOwn(node, key))) {
    add(problems, pointer, '条件必须包含 all、any、not 或 fact 之一', 'a condition needs one of "all", "any", "not" or "fact"');
    return;
  }
  checkFactCondition(node, pointer, problems);
}

function checkKeys(node: Record<string, unknown>, allowed: ReadonlySet<string>, pointer: string, problems: Problems): void {
  for (const key of Object.keys(node)) {
    if (key === '__proto__') add(problems, pointer + token(key), '不允许使用保留键 "__proto__"', 'the reserved key "__proto__" is not allowed');
    else if (!allowed.has(key)) add(problems, pointer + token(key), `未知的键 ${JSON.stringify(key)}`, `unknown key ${JSON.stringify(key)}`);
  }
}

function checkCommon(node: Record<string, unknown>, allowed: ReadonlySet<string>, pointer: string, problems: Problems): void {
  checkKeys(node, allowed, pointer, problems);
  const name = own(node, 'name');
  if (name !== undefined && typeof name !== 'string') add(problems, pointer + '/name', '"name" 必须是字符串', '"name" must be a string');
  const priority = own(node, 'priority');
  if (priority !== undefined && !(typeof priority === 'number' && Number.isInteger(priority) && priority >= 1)) {
    add(problems, pointer + '/priority', '"priority" 必须是正整数', '"priority" must be a positive integer');
  }
}

function checkBoolean(node: Record<string, unknown>, kind: 'all' | 'any' | 'not', pointer: string, depth: number, problems: Problems): void {
  checkCommon(node, new Set([kind, 'name', 'priority']), pointer, problems);
  const children = node[kind];
  const at = pointer + token(kind);
  if (kind === 'not') {
    if (isPlainObject(children)) checkNode(children, at, depth + 1, problems);
    else add(problems, at, '"not" 必须是单个条件对象（不能是数组）', '"not" must be a single condition object, not an array');
    return;
  }
  if (!Array.isArray(children)) {
    add(problems, at, `"${kind}" 必须是条件数组`, `"${kind}" must be an array of conditions`);
    return;
  }
  children.forEach((child, i) => checkNode(child, at + token(i), depth + 1, problems));
}

function checkFactName(value: unknown, pointer: string, problems: Problems): void {
  if (typeof value !== 'string' || value.length === 0) {
    add(problems, pointer, '"fact" 必须是非空字符串', '"fact" must be a non-empty string');
  }
}

function checkPath(value: unknown, pointer: string, problems: Problems): void {
  if (value === undefined) return;
  if (typeof value !== 'string') {
    add(problems, pointer, '"path" 必须是字符串', '"path" must be a string');
    return;
  }
  const problem = factPathProblem(value);
  if (problem) add(problems, pointer, problem.zh, problem.en);
}

function checkFactCondition(node: Record<string, unknown>, pointer: string, problems: Problems): void {
  checkCommon(node, FACT_KEYS, pointer, problems);
  checkFactName(own(node, 'fact'), pointer + '/fact', problems);
  checkPath(own(node, 'path'), pointer + '/path', problems);
  checkParams(own(node, 'params'), pointer + '/params', problems);

  const operatorName = own(node, 'operator');
  const parsed = typeof operatorName === 'string' ? parseOperator(operatorName) : undefined;
  if (typeof operatorName !== 'string') {
    add(problems, pointer + '/operator', '"operator" 必须是字符串', '"operator" must be a string');
  } else if (!parsed) {
    add(problems, pointer + '/operator', `未知的运算符 ${JSON.stringify(operatorName)}`, `unknown operator ${JSON.stringify(operatorName)}`);
  }

  const value = own(node, 'value');
  const at = pointer + '/value';
  if (value === undefined) {
    add(problems, at, '缺少 "value"', '"value" is required');
    return;
  }
  // json-rules-engine treats any object with an own "fact" key as a reference to another fact.
  const isReference = isPlainObject(value) && Object.hasOwn(value, 'fact');
  const before = problems.length;
  if (isReference) {
    checkKeys(value, REFERENCE_KEYS, at, problems);
    checkFactName(value['fact'], at + '/fact', problems);
    checkPath(own(value, 'path'), at + '/path', problems);
    checkParams(own(value, 'params'), at + '/params', problems);
  } else {
    checkJson(value, at, 0, true, problems);
  }
  if (parsed && problems.length === before) {
    const problem = analyzeOperator(parsed, isReference ? { literal: false } : { literal: true, value }).problem;
    if (problem) add(problems, at, problem.zh, problem.en);
  }
}

function checkParams(value: unknown, pointer: string, problems: Problems): void {
  if (value === undefined) return;
  if (!isPlainObject(value)) add(problems, pointer, '"params" 必须是对象', '"params" must be an object');
  else checkJson(value, pointer, 0, false, problems);
}

/**
 * A literal must be JSON. In a comparison value, objects may not carry "toString"/"valueOf"
 * keys: JavaScript's string conversion inside the operators would throw on them.
 */
function checkJson(value: unknown, pointer: string, depth: number, inValue: boolean, problems: Problems): void {
  if (depth > MAX_DEPTH) {
    add(problems, pointer, `值嵌套超过 ${MAX_DEPTH} 层`, `the value is nested more than ${MAX_DEPTH} levels deep`);
    return;
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) add(problems, pointer, '数值必须是有限数', 'numbers must be finite');
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkJson(item, pointer + token(i), depth + 1, inValue, problems));
    return;
  }
  if (!isPlainObject(value)) {
    add(problems, pointer, '不是 JSON 值', 'not a JSON value');
    return;
  }
  for (const key of Object.keys(value)) {
    const at = pointer + token(key);
    if (key === '__proto__') add(problems, at, '不允许使用保留键 "__proto__"', 'the reserved key "__proto__" is not allowed');
    else if (inValue && CONVERSION_KEYS.has(key)) {
      add(problems, at, `比较值中不允许使用键 "${key}"`, `the key "${key}" is not allowed in a comparison value`);
    } else checkJson(value[key], at, depth + 1, inValue, problems);
  }
}
