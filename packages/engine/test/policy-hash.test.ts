import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, policyHash } from '../src/policy/policy-hash.js';

const POLICY_TEXT = readFileSync(new URL('../../../policies/sales-resource/1.0.0.json', import.meta.url), 'utf8');
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const fresh = (): Json => JSON.parse(POLICY_TEXT) as Json;

/** The same JSON value with every object's keys re-inserted in a pseudo-random order. */
function shuffleKeys(value: Json, seed: number): Json {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    // xorshift32: deterministic per seed, so a failing case can be replayed.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const walk = (v: Json): Json => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const entries = Object.entries(v);
    for (let i = entries.length - 1; i > 0; i -= 1) {
      const j = Math.floor(next() * (i + 1));
      [entries[i], entries[j]] = [entries[j] as [string, Json], entries[i] as [string, Json]];
    }
    return Object.fromEntries(entries.map(([k, x]) => [k, walk(x)]));
  };
  return walk(value);
}

describe('policyHash', () => {
  it('is "sha256:" and 64 lower-case hex digits, the SHA-256 of the canonical UTF-8', () => {
    const policy = fresh();
    const hash = policyHash(policy);
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const expected = createHash('sha256').update(canonicalJson(policy), 'utf8').digest('hex');
    expect(hash).toBe(`sha256:${expected}`);
    expect(policyHash({})).toBe('sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
  });

  it('does not depend on key order or formatting', () => {
    const base = policyHash(fresh());
    expect(policyHash(JSON.parse(JSON.stringify(fresh())) as Json)).toBe(base);
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        expect(policyHash(shuffleKeys(fresh(), seed))).toBe(base);
      }),
      { numRuns: 100 },
    );
  });

  it('does not depend on key order for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer(), (value, seed) => {
        expect(canonicalJson(shuffleKeys(value as Json, seed))).toBe(canonicalJson(value));
      }),
      { numRuns: 200 },
    );
  });

  it('changes when a number changes', () => {
    const policy = fresh() as { rules: { F1: { fineFen: number } } };
    const before = policyHash(policy);
    const changed = fresh() as { rules: { F1: { fineFen: number } } };
    changed.rules.F1.fineFen = 2001;
    expect(policyHash(changed)).not.toBe(before);
  });

  it('is memoised per object (policies are immutable once validated)', () => {
    const policy = fresh();
    expect(policyHash(policy)).toBe(policyHash(policy));
    expect(policyHash(fresh())).toBe(policyHash(policy));
  });
});

describe('canonicalJson (RFC 8785)', () => {
  it('writes numbers in ECMAScript form', () => {
    expect(canonicalJson(1e21)).toBe('1e+21');
    expect(canonicalJson(0.000001)).toBe('0.000001');
    expect(canonicalJson(1e-7)).toBe('1e-7');
    expect(canonicalJson(-0)).toBe('0');
    expect(canonicalJson(4.5)).toBe('4.5');
  });

  it('matches the RFC 8785 §3.2.2 sample', () => {
    const input = String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    const expected = String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`;
    expect(canonicalJson(JSON.parse(input))).toBe(expected);
  });

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3)', () => {
    const input = JSON.parse(String.raw`{"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}`) as Json;
    // Read the order from the text: Object.keys would list the integer-like key "1" first anyway.
    const text = canonicalJson(input);
    const order = ['Carriage Return', 'One', 'Control', 'Latin Small Letter O With Diaeresis', 'Euro Sign', 'Emoji: Grinning Face', 'Hebrew Letter Dalet With Dagesh'];
    const positions = order.map((v) => text.indexOf(`"${v}"`));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('refuses what JSON cannot carry', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson('\ud800')).toThrow(TypeError);
  });
});
