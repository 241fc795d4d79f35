/**
 * The policy JSON Schema at a field: the sub-schemas a node applies through, `$ref`s followed, its
 * `maximum`.
 */
import { policySchema } from '@allot/engine';

type Schema = Record<string, unknown>;

const isSchema = (v: unknown): v is Schema => v !== null && typeof v === 'object' && !Array.isArray(v);

function deref(root: Schema, node: Schema): Schema {
  let current = node;
  for (let i = 0; i < 8 && typeof current['$ref'] === 'string'; i++) {
    const ref = current['$ref'] as string;
    if (!ref.startsWith('#/')) return current;
    let target: unknown = root;
    for (const part of ref.slice(2).split('/')) target = isSchema(target) ? target[part] : undefined;
    if (!isSchema(target)) return current;
    current = target;
  }
  return current;
}

function step(root: Schema, node: Schema, token: string): Schema | undefined {
  const s = deref(root, node);
  const props = s['properties'];
  if (isSchema(props) && isSchema(props[token])) return props[token] as Schema;
  if (/^\d+$/.test(token) && isSchema(s['items'])) return s['items'] as Schema;
  for (const b of branchesOf(s)) {
    const found = step(root, b, token);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The sub-schemas a node may apply through: anyOf / oneOf / allOf, and if-then-else. */
export function branchesOf(node: Schema): Schema[] {
  const out: Schema[] = [];
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const list = node[key];
    if (Array.isArray(list)) for (const b of list) if (isSchema(b)) out.push(b);
  }
  for (const key of ['then', 'else']) if (isSchema(node[key])) out.push(node[key] as Schema);
  return out;
}

/** The (dereferenced) JSON Schema of the policy field at `tokens`, or undefined. */
export function schemaAt(tokens: readonly string[], root: Schema = policySchema as unknown as Schema): Schema | undefined {
  let node: Schema | undefined = root;
  for (const t of tokens) {
    if (node === undefined) return undefined;
    node = step(root, node, t);
  }
  return node === undefined ? undefined : deref(root, node);
}

/** The schema's `maximum` at `tokens`, if it has one. */
export function maximumAt(tokens: readonly string[]): number | undefined {
  const m = schemaAt(tokens)?.['maximum'];
  return typeof m === 'number' ? m : undefined;
}

/** A schema node with its `$ref` followed (against the policy schema). */
export function resolveRef(node: Schema): Schema {
  return deref(policySchema as unknown as Schema, node);
}
