import { canonicalJson } from '@allot/engine';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastCanonicalJson } from '../src/fast-canonical-json.js';
import { historyEvents, simulatedHistory } from './fixtures.js';

describe('fastCanonicalJson', () => {
  it('is the engine canonicalJson on random JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ noUnicodeString: false }), (value) => {
        expect(fastCanonicalJson(value)).toBe(canonicalJson(value));
      }),
      { numRuns: 2_000 },
    );
  });

  it('is the engine canonicalJson on every example event and decision', () => {
    for (const v of [...historyEvents, ...simulatedHistory]) expect(fastCanonicalJson(v)).toBe(canonicalJson(v));
  });

  it('refuses what JSON cannot carry', () => {
    expect(() => fastCanonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => fastCanonicalJson({ f: () => 1 })).toThrow(TypeError);
  });
});
