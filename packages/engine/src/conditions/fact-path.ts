/**
 * Fact paths: the small JSONPath subset policy files may use (`$`, `$.a.b`, `$.a[0]`, `$['a']`,
 * `$["a b"]`). Anything else — filters `?(…)`, scripts `(…)`, wildcards, recursive descent,
 * unions, slices — is refused, so a policy file can never reach jsonpath-plus's evaluator.
 */

/** A bilingual message, Chinese first (the product's first language). */
export interface PathMessage {
  zh: string;
  en: string;
}

// Segment names are limited to characters jsonpath-plus gives no meaning to: its parser treats
// `. [ ] ' " ; ~ ^ @ # , * : $ ( ) ? % \` and backticks specially, so none may appear in a name.
const DOT_NAME = /^[\p{L}\p{N}_-]+/u;
const QUOTED_NAME = /^\[(['"])([\p{L}\p{N}_\- ]+)\1\]/u;
const INDEX = /^\[(0|[1-9][0-9]*)\]/u;

/** Segment names that would reach an object's prototype machinery if ever used as keys. */
const RESERVED_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

type Parsed = { ok: true; segments: string[] } | { ok: false; problem: PathMessage };

function fail(path: string, en: string, zh: string): Parsed {
  return { ok: false, problem: { zh: `不安全的事实路径 ${JSON.stringify(path)}：${zh}`, en: `unsafe fact path ${JSON.stringify(path)}: ${en}` } };
}

function parse(path: string): Parsed {
  if (path.includes('?(') || path.includes('(')) {
    return fail(path, 'JSONPath filter and script expressions are not allowed', '不允许 JSONPath 过滤或脚本表达式');
  }
  if (path.includes('..')) return fail(path, 'recursive descent ".." is not allowed', '不允许递归下降 ".."');
  if (path.includes('*')) return fail(path, 'wildcards are not allowed', '不允许通配符');
  if (!path.startsWith('$')) return fail(path, 'a path must start with "$"', '路径必须以 "$" 开头');
  const segments: string[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    let name: string | undefined;
    let length = 0;
    if (rest.startsWith('.')) {
      const m = DOT_NAME.exec(rest.slice(1));
      if (m) {
        name = m[0];
        length = 1 + m[0].length;
      }
    } else {
      const m = QUOTED_NAME.exec(rest) ?? INDEX.exec(rest);
      if (m) {
        name = m[2] ?? m[1];
        length = m[0].length;
      }
    }
    if (name === undefined) {
      return fail(
        path,
        `cannot read ${JSON.stringify(rest)}; only .name, [index] and ['name'] segments are allowed`,
        `无法解析 ${JSON.stringify(rest)}；只允许 .name、[index] 和 ['name'] 形式的片段`,
      );
    }
    if (RESERVED_SEGMENTS.has(name)) return fail(path, `segment "${name}" is reserved`, `片段 "${name}" 是保留名`);
    segments.push(name);
    rest = rest.slice(length);
  }
  return { ok: true, segments };
}

/** Parses a safe fact path into its property names (`"$.a[0]"` → `["a", "0"]`); undefined if unsafe. */
export function parseFactPath(path: string): string[] | undefined {
  const parsed = parse(path);
  return parsed.ok ? parsed.segments : undefined;
}

/** Why a fact path is unsafe, in Chinese and English; undefined when the path is safe. */
export function factPathProblem(path: string): PathMessage | undefined {
  const parsed = parse(path);
  return parsed.ok ? undefined : parsed.problem;
}

/** Whether `path` is in the restricted JSONPath subset that conditions may use. */
export function isSafeFactPath(path: string): boolean {
  return parse(path).ok;
}

/**
 * Follows already-parsed segments the way jsonpath-plus does: a segment matches only an own
 * property of a truthy value (so strings expose indices and `length`, arrays expose `length`),
 * and a falsy root yields undefined. Never reads the prototype chain.
 */
export function resolveFactPathSegments(value: unknown, segments: readonly string[]): unknown {
  // jsonpath-plus returns undefined for a falsy root before looking at the path (`!json`).
  if (!value) return undefined;
  let current: unknown = value;
  for (let i = 0; i < segments.length; i++) {
    const key = segments[i] as string;
    if (!current || !Object.hasOwn(current as object, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * Resolves a safe fact path against a value, giving the same result as json-rules-engine's
 * default resolver (`JSONPath({ path, json, wrap: false })`) on plain JSON: undefined when
 * nothing matches. Throws an Error if the path is not safe (validate with isSafeFactPath first).
 */
export function resolveFactPath(value: unknown, path: string): unknown {
  const parsed = parse(path);
  if (!parsed.ok) throw new Error(parsed.problem.en);
  return resolveFactPathSegments(value, parsed.segments);
}
