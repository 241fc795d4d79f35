import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Hashes are memoised per object: a policy is treated as immutable once validated, and the
 * engine stamps its hash on every decision, so recomputing it would dominate small replays.
 */
const memo = new WeakMap<object, string>();

/**
 * RFC 8785 (JCS) canonical JSON: keys sorted by UTF-16 code units, no whitespace, numbers in
 * ECMAScript form (1e+21, 0.000001). Throws a TypeError on what JSON cannot carry (undefined,
 * NaN, Infinity, lone surrogates, cycles); a policy that passed `validatePolicy` has none.
 */
export function canonicalJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (cause) {
    throw new TypeError(`canonicalJson: not representable as JSON (${cause instanceof Error ? cause.message : String(cause)})`);
  }
  if (text === undefined) throw new TypeError('canonicalJson: not representable as JSON (undefined)');
  return text;
}

/**
 * The policy's identity on every decision: "sha256:" + lower-case hex of SHA-256 over the UTF-8
 * bytes of its canonical JSON, so key order and formatting of the file do not change it.
 */
export function policyHash(policy: unknown): string {
  const key = typeof policy === 'object' && policy !== null ? policy : undefined;
  if (key !== undefined) {
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
  }
  const hash = `sha256:${bytesToHex(sha256(utf8ToBytes(canonicalJson(policy))))}`;
  if (key !== undefined) memo.set(key, hash);
  return hash;
}
