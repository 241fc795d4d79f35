/** RFC 6901 JSON Pointer helpers shared by the browser and the server. */

/** The pointer's tokens, unescaped ("" → []); numeric tokens stay strings. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Builds a pointer from tokens. */
export function toPointer(tokens: readonly (string | number)[]): string {
  return tokens.map((t) => `/${String(t).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** The value at a pointer, or undefined. */
export function valueAt(doc: unknown, tokens: readonly string[]): unknown {
  let node: unknown = doc;
  for (const t of tokens) {
    if (node === null || typeof node !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, t)) return undefined;
    node = (node as Record<string, unknown>)[t];
  }
  return node;
}

/** react-hook-form's dotted field name for a pointer ("/rules/M/rungs/0/then" → "rules.M.rungs.0.then"). */
export function fieldName(pointer: string): string {
  return pointerTokens(pointer).join('.');
}
