/** Longest string quoted verbatim in an error message; longer ones are cut, so messages stay short. */
const MAX_QUOTED = 60;

/**
 * A short, human-readable rendering of a JSON value for error messages: strings quoted (cut
 * after 60 characters), numbers, booleans and null as written, arrays and objects named.
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value.length > MAX_QUOTED ? `${JSON.stringify(value.slice(0, MAX_QUOTED))}…` : JSON.stringify(value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'undefined';
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? 'an array' : 'an object';
    default:
      return `a ${typeof value}`;
  }
}
