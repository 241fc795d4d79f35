// The Node.js options the admin server runs with (`npm start`, the benchmark).
//
// A larger young generation: a what-if or Verify replay over months of a large log allocates
// fast (each event parsed, each decision made), and with the default semi-space most of that
// work is copied by scavenges while it is still in use. Up to 64 MB per semi-space measured the
// 90-day what-if of the benchmark year 25-30% faster than the default (16 MB); 128 MB was no
// faster and held some 120 MB more. An option already given in NODE_OPTIONS is kept.
export const SEMI_SPACE_MB = 64;

/** NODE_OPTIONS for the server: the caller's, with the semi-space size added unless it sets one. */
export function serverNodeOptions(current = '') {
  return current.includes('--max-semi-space-size') ? current : `${current} --max-semi-space-size=${SEMI_SPACE_MB}`.trim();
}
