import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cloneJson } from '../src/core/clone-json.js';

const viaText = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown;

describe('cloneJson', () => {
  it('copies any value exactly as a round trip through JSON text does', () => {
    const value = fc.letrec((tie) => ({
      any: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.double(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.constant(undefined),
        fc.constant(Number.POSITIVE_INFINITY),
        fc.date({ noInvalidDate: true }),
        fc.array(tie('any')),
        fc.dictionary(fc.string(), tie('any')),
      ),
    })).any;
    fc.assert(
      fc.property(fc.dictionary(fc.string(), value), (v) => {
        expect(cloneJson(v)).toStrictEqual(viaText(v));
      }),
    );
  });

  it('leaves nothing shared with the original', () => {
    const original = { clients: [{ id: 'c1', followUp: { deadline: 5, causes: ['e1'] } }], owned: new Set(['c1']), gone: undefined, list: [undefined, Number.NaN] };
    const copy = cloneJson(original);
    expect(copy).toStrictEqual({ clients: [{ id: 'c1', followUp: { deadline: 5, causes: ['e1'] } }], owned: {}, list: [null, null] });
    (copy.clients[0]?.followUp.causes ?? []).push('e2');
    expect(original.clients[0]?.followUp.causes).toEqual(['e1']);
  });

  it('keeps a key named __proto__ as an own property', () => {
    const v = JSON.parse('{"facts":{"__proto__":{"x":1},"a":2}}') as unknown;
    expect(cloneJson(v)).toStrictEqual(viaText(v));
    expect(Object.keys((cloneJson(v) as { facts: object }).facts)).toEqual(['__proto__', 'a']);
  });

  it('refuses a bigint as JSON does', () => {
    expect(() => cloneJson({ n: 1n })).toThrow(TypeError);
  });
});
