import fc from 'fast-check';
import { Almanac } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { factPathProblem, isSafeFactPath, parseFactPath, resolveFactPath } from '../src/conditions/fact-path.js';

describe('isSafeFactPath', () => {
  it.each(['$', '$.a', '$.a.b', '$.a[0]', "$['a']", '$["a b"]', '$.a[0].b', '$[12]', "$['0']", '$.黄金', "$['客户 等级']", '$.a_b-c', '$.length'])(
    'accepts %s',
    (path) => {
      expect(isSafeFactPath(path)).toBe(true);
      expect(factPathProblem(path)).toBeUndefined();
    },
  );

  it.each([
    ['a filter', '$..[?(@.x)]'],
    ['a filter on a member', '$.a[?(@.b==1)]'],
    ['a script', '$.a[(@.length-1)]'],
    ['a quoted filter', "$['?(@.x)']"],
    ['recursive descent', '$..a'],
    ['a wildcard', '$.*'],
    ['an array wildcard', '$.a[*]'],
    ['a union', "$['a','b']"],
    ['a slice', '$.a[0:2]'],
    ['a negative index', '$.a[-1]'],
    ['a leading zero', '$.a[01]'],
    ['__proto__', '$.__proto__'],
    ['quoted __proto__', "$['__proto__'].x"],
    ['constructor', '$.a.constructor'],
    ['prototype', '$.prototype'],
    ['no root', 'a.b'],
    ['the empty path', ''],
    ['a trailing dot', '$.a.'],
    ['an empty name', "$['']"],
    ['mismatched quotes', `$['a"]`],
    ['the parent operator', '$.a^'],
    ['the property-name operator', '$.a~'],
    ['a type selector', '$.a@string()'],
    ['a backtick escape', '$.`a'],
    ['a root inside', '$.a.$'],
    ['a semicolon', "$['a;b']"],
    ['a percent sign', "$['a%@%b']"],
    ['a dot in brackets', "$['a.b']"],
  ])('refuses %s (%s)', (_what, path) => {
    expect(isSafeFactPath(path)).toBe(false);
    expect(parseFactPath(path)).toBeUndefined();
    expect(factPathProblem(path)?.en).toMatch(/^unsafe fact path/);
    expect(factPathProblem(path)?.zh).toMatch(/^不安全的事实路径/);
    expect(() => resolveFactPath({}, path)).toThrow(/unsafe fact path/);
  });

  it('explains filters specifically', () => {
    expect(factPathProblem('$.a[?(@.b==1)]')?.en).toContain('filter');
  });
});

describe('resolveFactPath', () => {
  const value = { a: { b: [10, { c: 'x' }], 'a b': 1, s: 'xyz', empty: '', zero: 0, nil: null }, 黄金: true };

  it.each([
    ['$', value],
    ['$.a.b[0]', 10],
    ['$.a.b[1].c', 'x'],
    ["$.a['a b']", 1],
    ['$["a"]["a b"]', 1],
    ['$.黄金', true],
    ['$.a.zero', 0],
    ['$.a.nil', null],
    ['$.a.b.length', 2],
    ['$.a.s[1]', 'y'],
    ['$.a.s.length', 3],
    ['$.missing', undefined],
    ['$.a.b[5]', undefined],
    ['$.a.zero.x', undefined],
    ['$.a.nil.x', undefined],
    ['$.a.empty.length', undefined],
    ['$.a.toString', undefined],
    ['$.a.hasOwnProperty', undefined],
  ])('%s', (path, expected) => {
    expect(resolveFactPath(value, path)).toEqual(expected);
  });

  it('follows own properties only, including a JSON-parsed "__proto__" key', () => {
    const parsed = JSON.parse('{"toString": 1, "__proto__": {"x": 2}}') as unknown;
    expect(resolveFactPath(parsed, '$.toString')).toBe(1);
    expect(resolveFactPath(Object.create({ inherited: 1 }), '$.inherited')).toBeUndefined();
  });

  it('returns undefined for a falsy root, the root itself otherwise (as jsonpath-plus does)', () => {
    expect(resolveFactPath(0, '$')).toBeUndefined();
    expect(resolveFactPath('', '$')).toBeUndefined();
    expect(resolveFactPath(5, '$')).toBe(5);
    expect(resolveFactPath('xyz', '$[0]')).toBe('x');
  });

  const segment = fc.oneof(
    fc.constantFrom('a', 'b', 'x', 'length', '0', '黄', 'a_b', 'a-b').map((name) => `.${name}`),
    fc.integer({ min: 0, max: 3 }).map((i) => `[${i}]`),
    fc.tuple(fc.constantFrom("'", '"'), fc.constantFrom('a', 'a b', '0', '黄 金', 'x')).map(([q, name]) => `[${q}${name}${q}]`),
  );
  const pathArb = fc.array(segment, { maxLength: 4 }).map((segments) => `$${segments.join('')}`);
  const keys = fc.constantFrom('a', 'b', 'x', 'length', '0', '1', '黄', 'a_b', 'a-b', 'a b', '黄 金');
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small' },
      fc.oneof(fc.integer({ min: -2, max: 2 }), fc.constantFrom('', 'xyz', 'a'), fc.boolean(), fc.constant(null)),
      fc.array(tie('tree'), { maxLength: 3 }),
      fc.dictionary(keys, tie('tree'), { maxKeys: 4 }),
    ),
  }));

  it("matches json-rules-engine's default resolver (jsonpath-plus) on objects", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.array(tree, { maxLength: 3 }), fc.dictionary(keys, tree, { maxKeys: 4 })), pathArb, async (json, path) => {
        expect(isSafeFactPath(path)).toBe(true);
        const almanac = new Almanac({ allowUndefinedFacts: true });
        almanac.addFact('v', json);
        expect(resolveFactPath(json, path)).toEqual(await almanac.factValue('v', {}, path));
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});
