import { joinPointer } from './json-pointer.js';
import type { PolicyError } from './validate-policy.js';

/**
 * Checks that run before the schema, on any input: they keep ajv's recursive validator away
 * from input it could choke on (too deep, too big, cyclic), and they reject what the schema
 * cannot see or lets through in free-form places (`value`, `params`) but would break a later
 * step: prototype-polluting keys, values that are not JSON (the hash could not be computed),
 * lone surrogates (RFC 8785 canonical JSON refuses them).
 */

/** Keys that reach an object's prototype when copied naively; `JSON.parse` makes `__proto__` an own key. */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** Deeper than any sensible policy (the policy itself is 6 levels; conditions nest inside). */
const MAX_DEPTH = 64;
/** Values in one policy; the seed policy has a few hundred. */
const MAX_NODES = 100_000;
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** What `findJsonHazards` found; `fatal` means the input must not reach the schema validator. */
export interface JsonHazards {
  errors: PolicyError[];
  fatal: boolean;
}

interface Item {
  value: unknown;
  pointer: string;
  depth: number;
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  // Object.prototype of any realm, or a null-prototype object.
  return proto === null || Object.getPrototypeOf(proto) === null;
}

const notJson = (pointer: string, what: string, whatZh: string): PolicyError => ({
  pointer,
  message: { zh: `不是合法的 JSON 值（${whatZh}）`, en: `is not a JSON value (${what})` },
});

/** Walks the input iteratively (no recursion, so no stack overflow) and reports every hazard. */
export function findJsonHazards(input: unknown): JsonHazards {
  const errors: PolicyError[] = [];
  const stack: Item[] = [{ value: input, pointer: '', depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value, pointer, depth } = stack.pop() as Item;
    nodes += 1;
    if (nodes > MAX_NODES) {
      errors.push({ pointer: '', message: { zh: `内容过大（超过 ${MAX_NODES} 个值）`, en: `is too large (more than ${MAX_NODES} values)` } });
      return { errors, fatal: true };
    }
    if (depth > MAX_DEPTH) {
      errors.push({ pointer, message: { zh: `嵌套层数过深（最多 ${MAX_DEPTH} 层）`, en: `is nested too deeply (at most ${MAX_DEPTH} levels)` } });
      return { errors, fatal: true };
    }
    switch (typeof value) {
      case 'string':
        if (LONE_SURROGATE.test(value)) {
          errors.push({
            pointer,
            message: { zh: '字符串含有无效的 Unicode 字符（孤立的代理项）', en: 'contains an invalid Unicode character (a lone surrogate)' },
          });
        }
        continue;
      case 'number':
        if (!Number.isFinite(value)) errors.push(notJson(pointer, String(value), String(value)));
        continue;
      case 'boolean':
        continue;
      case 'object':
        break;
      default:
        errors.push(notJson(pointer, typeof value, typeof value));
        continue;
    }
    if (value === null) continue;
    if (Array.isArray(value)) {
      if (value.length > MAX_NODES) {
        errors.push({ pointer, message: { zh: `项数过多（超过 ${MAX_NODES} 项）`, en: `has too many items (more than ${MAX_NODES})` } });
        return { errors, fatal: true };
      }
      for (let i = value.length - 1; i >= 0; i -= 1) stack.push({ value: value[i] as unknown, pointer: joinPointer(pointer, i), depth: depth + 1 });
      continue;
    }
    if (!isPlainObject(value)) {
      errors.push(notJson(pointer, 'not a plain object', '不是普通对象'));
      continue;
    }
    const record = value as Record<string, unknown>;
    const children: Item[] = [];
    for (const key of Object.keys(record)) {
      const at = joinPointer(pointer, key);
      if (FORBIDDEN_KEYS.includes(key)) {
        errors.push({ pointer: at, message: { zh: `禁止使用的字段名 "${key}"`, en: `forbidden field name "${key}"` } });
      } else if (LONE_SURROGATE.test(key)) {
        errors.push({ pointer: at, message: { zh: '字段名含有无效的 Unicode 字符（孤立的代理项）', en: 'field name contains an invalid Unicode character (a lone surrogate)' } });
      } else {
        children.push({ value: record[key], pointer: at, depth: depth + 1 });
      }
    }
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i] as Item);
  }
  // Children are pushed in reverse, so errors come out in document order.
  return { errors, fatal: false };
}
