/**
 * RFC 8785 canonical JSON of a plain JSON value, as `canonicalJson` of @allot/engine computes
 * it, but several times faster: the runtime hashes every event and decision it records, and the
 * general-purpose canonicalizer was the largest cost of an ingest. For JSON values the two are
 * the same text: JCS serializes strings and finite numbers exactly as `JSON.stringify` does,
 * and sorts object keys by UTF-16 code units, as `Array.prototype.sort` does. NaN, Infinity
 * and non-JSON types throw a TypeError; a lone surrogate (which the engine's function refuses)
 * is escaped as `JSON.stringify` escapes it, so hashing never fails on a stored string.
 * (test/fast-canonical-json.test.ts compares the two on random values.)
 */
export function fastCanonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + fastCanonicalJson(value[i] === undefined ? null : value[i]);
        return `${out}]`;
      }
      return objectText(value as Record<string, unknown>);
    }
    default:
      throw new TypeError(`canonical JSON: a ${typeof value} is not a JSON value`);
  }
}

/** The keys of objects of one shape (the same own keys in the same order) and their canonical order. */
interface Shape {
  /** The own enumerable keys, in enumeration order. */
  readonly keys: readonly string[];
  /** Indexes into `keys`, sorted by UTF-16 code units (as `Array.prototype.sort` sorts). */
  readonly order: readonly number[];
  /** `"key":` for each of `keys`, the key JSON-escaped. */
  readonly heads: readonly string[];
}

/**
 * Shapes seen, by number of keys and last key. Events and decisions come in a few dozen shapes,
 * so sorting their keys and escaping them once per shape instead of once per object halves the
 * cost of canonicalizing them and most of its garbage. Bounded: past the limit, an unknown
 * shape's keys are sorted each time.
 */
const shapes = new Map<number, Map<string, Shape[]>>();
let shapeCount = 0;
const MAX_SHAPES = 1024;

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function shapeOf(keys: readonly string[]): Shape {
  const last = keys[keys.length - 1] as string;
  let byLast = shapes.get(keys.length);
  const known = byLast?.get(last);
  if (known !== undefined) {
    for (let i = 0; i < known.length; i++) {
      const shape = known[i] as Shape;
      if (sameKeys(shape.keys, keys)) return shape;
    }
  }
  const order = keys.map((_, i) => i);
  order.sort((a, b) => {
    const x = keys[a] as string;
    const y = keys[b] as string;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const shape: Shape = { keys: [...keys], order, heads: keys.map((k) => `${JSON.stringify(k)}:`) };
  if (shapeCount < MAX_SHAPES) {
    shapeCount++;
    if (byLast === undefined) shapes.set(keys.length, (byLast = new Map()));
    if (known === undefined) byLast.set(last, [shape]);
    else known.push(shape);
  }
  return shape;
}

function objectText(record: Record<string, unknown>): string {
  const keys = Object.keys(record);
  if (keys.length === 0) return '{}';
  const shape = shapeOf(keys);
  let out = '{';
  let separator = '';
  const { order, keys: names, heads } = shape;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const v = record[names[i] as string];
    if (v === undefined) continue;
    out += separator + (heads[i] as string) + fastCanonicalJson(v);
    separator = ',';
  }
  return `${out}}`;
}
