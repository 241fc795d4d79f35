/** Small, strict readers for request bodies (every field is untrusted). */

/** The body as a plain object, or an empty one. */
export function asRecord(body: unknown): Record<string, unknown> {
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** A string field, trimmed and at most `max` characters; `fallback` when absent or not a string. */
export function stringField(body: Record<string, unknown>, key: string, max: number, fallback = ''): string {
  const v = body[key];
  return typeof v === 'string' ? v.trim().slice(0, max) : fallback;
}

/** A non-negative integer field, or null. */
export function intField(body: Record<string, unknown>, key: string): number | null {
  const v = body[key];
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null;
}

/** An ISO-8601 instant with an offset, null for "now" (absent, null or ""), or undefined when malformed. */
export function instantField(body: Record<string, unknown>, key: string): string | null | undefined {
  const v = body[key];
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?([zZ]|[+-]\d\d:\d\d)$/.test(v) || !Number.isFinite(Date.parse(v))) return undefined;
  return v;
}

export { clientAddress } from './client-address';
