/**
 * A policy document's keys put in the order the policy schema declares them, as the policy files
 * are written.
 */
import { branchesOf, resolveRef, schemaAt } from './schema-at';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The property order a schema node declares (its `properties`, and those of its branches). */
function declaredOrder(tokens: readonly string[]): string[] {
  const node = schemaAt(tokens);
  if (node === undefined) return [];
  const out: string[] = [];
  const collect = (n: Record<string, unknown>): void => {
    const props = n['properties'];
    if (isObject(props)) for (const k of Object.keys(props)) if (!out.includes(k)) out.push(k);
    for (const b of branchesOf(n)) collect(resolveRef(b));
  };
  collect(node);
  return out;
}

/**
 * A copy of a policy document with every object's keys in the order the policy schema declares
 * them (id, version, name… T1, M, M4…; fact, operator, value), as the policy files are written.
 * PostgreSQL's jsonb does not keep key order, and people read the JSON view top to bottom.
 */
export function orderLikeSchema(doc: unknown, tokens: string[] = []): unknown {
  if (Array.isArray(doc)) return doc.map((v, i) => orderLikeSchema(v, [...tokens, String(i)]));
  if (!isObject(doc)) return doc;
  const order = declaredOrder(tokens);
  const rank = (k: string): number => {
    const i = order.indexOf(k);
    return i < 0 ? order.length : i;
  };
  const keys = Object.keys(doc).sort((a, b) => rank(a) - rank(b));
  return Object.fromEntries(keys.map((k) => [k, orderLikeSchema(doc[k], [...tokens, k])]));
}
