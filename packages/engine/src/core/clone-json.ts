/**
 * A deep copy of JSON data, exactly as `JSON.parse(JSON.stringify(value))` makes it (object keys
 * whose value is `undefined` or a function left out, in arrays such entries and non-finite
 * numbers become `null`, as do non-finite numbers in objects; a value with `toJSON` goes through
 * it), without the text in between: an engine state of a year holds millions of small objects,
 * and the round trip through text took seconds to copy them.
 */
export function cloneJson<T>(value: T): T {
  return copyValue(value, true) as T;
}

const SKIP = Symbol('skip');

function copyValue(v: unknown, inArray: boolean): unknown {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return Number.isFinite(v) ? v : null;
    case 'object': {
      if (v === null) return null;
      if (Array.isArray(v)) {
        const out = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) out[i] = copyValue(v[i], true);
        return out;
      }
      if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return JSON.parse(JSON.stringify(v)) as unknown;
      const out: Record<string, unknown> = {};
      for (const key in v) {
        if (!Object.prototype.hasOwnProperty.call(v, key)) continue;
        const c = copyValue((v as Record<string, unknown>)[key], false);
        if (c === SKIP) continue;
        // A key named __proto__ (an event's field can be) is an own property, as JSON.parse makes it.
        if (key === '__proto__') Object.defineProperty(out, key, { value: c, enumerable: true, writable: true, configurable: true });
        else out[key] = c;
      }
      return out;
    }
    case 'bigint':
      // As JSON.stringify does.
      throw new TypeError('Do not know how to serialize a BigInt');
    default:
      // undefined, a function or a symbol: left out of an object, null in an array.
      return inArray ? null : SKIP;
  }
}
