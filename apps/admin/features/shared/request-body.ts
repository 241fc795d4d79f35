import { parseInstant } from '@allot/engine';
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

/**
 * An RFC 3339 instant with seconds and an offset, checked by the engine's strict parser (no
 * 2027-02-30, no hour 24, no year 0000); null for "now" (absent, null or ""), or undefined when malformed.
 */
export function instantField(body: Record<string, unknown>, key: string): string | null | undefined {
  const v = body[key];
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string' || parseInstant(v) === null) return undefined;
  return v;
}

/** Deeper than any body of the app's own pages (a policy is 6 levels, its conditions at most 64). */
export const MAX_BODY_DEPTH = 100;

/** Where a JSON value has something no field may hold, and what; null when it is clean. */
export interface BodyHazard {
  /** A JSON pointer (`/content/title/zh`). */
  pointer: string;
  problem: 'too_deep' | 'nul' | 'lone_surrogate';
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Walks a parsed body (iteratively: no stack overflow) for what would fail later and deep
 * inside: nesting deeper than {@link MAX_BODY_DEPTH}, a NUL character (PostgreSQL text cannot
 * hold one) or a lone surrogate (not Unicode) in any string or key.
 */
export function findBodyHazard(value: unknown): BodyHazard | null {
  const stack: { v: unknown; pointer: string; depth: number }[] = [{ v: value, pointer: '', depth: 0 }];
  const check = (s: string, pointer: string): BodyHazard | null => (s.includes('\u0000') ? { pointer, problem: 'nul' } : LONE_SURROGATE.test(s) ? { pointer, problem: 'lone_surrogate' } : null);
  while (stack.length > 0) {
    const { v, pointer, depth } = stack.pop() as { v: unknown; pointer: string; depth: number };
    if (typeof v === 'string') {
      const hazard = check(v, pointer);
      if (hazard !== null) return hazard;
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) return { pointer, problem: 'too_deep' };
    const entries = Array.isArray(v) ? v.map((x, i): [string, unknown] => [String(i), x]) : Object.entries(v as Record<string, unknown>);
    for (const [k, x] of entries) {
      const at = `${pointer}/${escapePointer(k)}`;
      const hazard = check(k, at);
      if (hazard !== null) return hazard;
      stack.push({ v: x, pointer: at, depth: depth + 1 });
    }
  }
  return null;
}

/** The 400 for a body hazard, naming where it is. */
export function hazardResponse(hazard: BodyHazard): Response {
  const what = {
    too_deep: { zh: `嵌套层数过深（最多 ${MAX_BODY_DEPTH} 层）`, en: `is nested too deeply (at most ${MAX_BODY_DEPTH} levels)` },
    nul: { zh: '含有 NUL 字符（\\u0000）', en: 'contains a NUL character (\\u0000)' },
    lone_surrogate: { zh: '含有不成对的代理字符（不是合法的 Unicode）', en: 'contains a lone surrogate (not valid Unicode)' },
  }[hazard.problem];
  const at = hazard.pointer === '' ? '(body)' : hazard.pointer;
  return new Response(JSON.stringify({ error: 'bad_request', field: at, problem: hazard.problem, message: { zh: `请求字段 ${at} ${what.zh}`, en: `field ${at} ${what.en}` } }), {
    status: 400,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

export { clientAddress } from './client-address';
