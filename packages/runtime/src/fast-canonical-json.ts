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
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const v = record[key];
        if (v === undefined) continue;
        out += `${first ? '' : ','}${JSON.stringify(key)}:${fastCanonicalJson(v)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`canonical JSON: a ${typeof value} is not a JSON value`);
  }
}
