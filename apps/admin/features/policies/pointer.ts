/** RFC 6901 JSON Pointer helpers shared by the browser and the server. */

import { joinPointer, pointerTokens } from '@allot/engine';

/** The pointer's tokens, unescaped ("" → []); numeric tokens stay strings. The engine's, so both sides agree. */
export { pointerTokens };

/** Builds a pointer from tokens. */
export function toPointer(tokens: readonly (string | number)[]): string {
  return tokens.reduce<string>((pointer, token) => joinPointer(pointer, token), '');
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
