/**
 * RFC 6901 JSON Pointer helpers for error locations. Errors point at the field itself (for an
 * unknown or missing key, at that key), so the editor can underline it.
 */

/** Appends one reference token, escaping `~` and `/` as RFC 6901 requires. */
export function joinPointer(base: string, token: string | number): string {
  return `${base}/${String(token).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** The pointer's tokens, unescaped ("" → []). */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** True when `pointer` is `base` or lies inside it ("/a/b" is under "/a", "/ab" is not). */
export function isAtOrUnder(pointer: string, base: string): boolean {
  return pointer === base || pointer.startsWith(`${base}/`);
}
