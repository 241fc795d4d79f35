import fc from 'fast-check';
import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { compileCondition, ConditionError } from '../src/conditions/compile-condition.js';
import { conditionProblems } from '../src/conditions/condition-problems.js';
import type { Condition, Facts } from '../src/conditions/condition-types.js';
import { DEFAULT_OPERATORS, numberValidator, resolveOperator } from '../src/conditions/operators.js';

const run = (condition: Condition, facts: Facts): boolean => compileCondition(condition)(facts);
/** One comparison on fact "f" (absent when `fact` is undefined), compiled and run. */
const cmp = (operator: string, fact: unknown, value: unknown): boolean => run({ fact: 'f', operator, value } as Condition, fact === undefined ? {} : { f: fact });

/** The same comparison through json-rules-engine as shipped, to keep these tables honest. */
async function library(operator: string, fact: unknown, value: unknown): Promise<boolean> {
  const engine = new Engine([{ conditions: { all: [{ fact: 'f', operator, value }] }, event: { type: 'holds' } }], { allowUndefinedFacts: true });
  const { events } = await engine.run(fact === undefined ? {} : { f: fact });
  return events.length > 0;
}

/** The ConditionError compileCondition throws for `condition`. */
function compileError(condition: unknown): ConditionError {
  try {
    compileCondition(condition as Condition);
  } catch (error) {
    expect(error).toBeInstanceOf(ConditionError);
    return error as ConditionError;
  }
  throw new Error('expected a ConditionError');
}

describe('operators', () => {
  it('lists json-rules-engine 7 defaults', () => {
    expect(DEFAULT_OPERATORS).toEqual(['equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);
    expect(resolveOperator('bigger')).toBeUndefined();
    expect(resolveOperator('not:')).toBeUndefined();
    expect(resolveOperator(':equal')).toBeUndefined();
    expect(resolveOperator('not::equal')).toBeUndefined();
    expect(resolveOperator('toString')).toBeUndefined();
    expect(resolveOperator('not:not:equal')).toBeTypeOf('function');
  });

  it('numberValidator is parseFloat(String(v)) is not NaN', () => {
    for (const ok of [0, -1, 2.5, Infinity, '5', ' 5', '5abc', 'Infinity', '1e3', [5], [1, 2], '-0']) expect(numberValidator(ok), String(ok)).toBe(true);
    for (const bad of [NaN, null, undefined, true, false, '', 'abc', [], ['a'], {}, 'NaN']) expect(numberValidator(bad), String(bad)).toBe(false);
  });

  it.each([
    // [operator, fact (undefined = missing), value, expected]
    ['equal', 5, 5, true],
    ['equal', '5', 5, false],
    ['equal', null, null, true],
    ['equal', undefined, null, false],
    ['equal', [1], [1], false],
    ['notEqual', undefined, 5, true],
    ['notEqual', 5, '5', true],
    ['in', 'a', ['a', 'b'], true],
    ['in', 5, ['5'], false],
    ['in', undefined, ['a'], false],
    ['in', null, [null], true],
    ['in', 'b', 'abc', true], // a string value is searched as a substring
    ['in', 5, '151', true],
    ['in', undefined, 'undefined!', true], // String(undefined) is searched
    ['notIn', 'c', ['a', 'b'], true],
    ['notIn', 'a', 'abc', false],
    ['contains', ['a', 'b'], 'a', true],
    ['contains', 'abc', 'a', false], // the fact must be an array
    ['contains', [[1]], [1], false],
    ['doesNotContain', ['a'], 'b', true],
    ['doesNotContain', 'abc', 'z', false], // validator: not an array → false, even for "does not"
    ['doesNotContain', undefined, 'z', false],
    ['greaterThan', 5, 3, true],
    ['greaterThan', '5', 3, true],
    ['greaterThan', '5abc', 3, false], // passes the validator, but "5abc" > 3 is NaN > 3
    ['greaterThan', [5], 3, true],
    ['greaterThan', null, -1, false], // validator refuses null although null > -1
    ['greaterThan', true, 0, false],
    ['greaterThan', '', -1, false],
    ['greaterThan', undefined, -1, false],
    ['greaterThan', NaN, -1, false],
    ['greaterThan', Infinity, 1e308, true],
    ['greaterThan', 10, '9', true],
    ['greaterThan', '10', '9', false], // two strings compare as strings
    ['greaterThan', 5, null, true],
    ['greaterThanInclusive', 3, 3, true],
    ['lessThan', -0, 0, false],
    ['lessThan', '2', 10, true],
    ['lessThanInclusive', 3, 3, true],
    ['lessThanInclusive', [], 3, false],
  ])('%s: %j vs %j → %s', async (operator, fact, value, expected) => {
    expect(cmp(operator, fact, value)).toBe(expected);
    expect(await library(operator, fact, value)).toBe(expected);
  });
});

describe('decorators', () => {
  it.each([
    ['everyFact:greaterThan', [5, 6], 4, true],
    ['everyFact:greaterThan', [5, 3], 4, false],
    ['everyFact:greaterThan', [], 4, true],
    ['everyFact:greaterThan', 5, 4, false], // everyFact's validator: the fact must be an array
    ['someFact:equal', [1, 2], 2, true],
    ['someFact:equal', [], 2, false],
    ['someFact:in', ['x', 'b'], ['a', 'b'], true],
    ['someValue:equal', 5, [1, 5], true],
    ['someValue:equal', 5, [], false],
    ['everyValue:lessThan', 1, [2, 3], true],
    ['everyValue:lessThan', 'abc', [], true], // no inner call, so no validator
    ['swap:in', ['a', 'b'], 'a', true],
    ['swap:contains', 'a', ['a'], true],
    ['swap:greaterThan', 1, 5, true], // 5 > 1, with the validator applied to 5
    ['swap:greaterThan', 5, 'abc', false],
    ['not:equal', 5, 5, false],
    ['not:greaterThan', 'abc', 1, true], // not(validator fails) → true
    ['not:everyFact:greaterThan', 'abc', 1, true],
    ['everyFact:not:in', ['c'], ['a', 'b'], true],
    ['not:not:equal', 1, 1, true],
    ['someFact:someValue:equal', [1, 2], [3, 2], true],
  ])('%s: %j vs %j → %s', async (operator, fact, value, expected) => {
    expect(cmp(operator, fact, value)).toBe(expected);
    expect(await library(operator, fact, value)).toBe(expected);
  });
});

describe('boolean nodes', () => {
  const t: Condition = { fact: 'x', operator: 'equal', value: 1 };
  const f: Condition = { fact: 'x', operator: 'equal', value: 2 };
  const facts = { x: 1 };

  it('empty all and empty any both hold (json-rules-engine resolves an empty list to true)', () => {
    expect(run({ all: [] }, facts)).toBe(true);
    expect(run({ any: [] }, facts)).toBe(true);
    expect(run({ not: { any: [] } }, facts)).toBe(false);
  });

  it('all / any / not, nested', () => {
    expect(run({ all: [t, t] }, facts)).toBe(true);
    expect(run({ all: [t, f] }, facts)).toBe(false);
    expect(run({ any: [f, t] }, facts)).toBe(true);
    expect(run({ any: [f, f, f] }, facts)).toBe(false);
    expect(run({ not: t }, facts)).toBe(false);
    expect(run({ all: [t, { any: [f, { not: f }] }, { not: { all: [t, f] } }] }, facts)).toBe(true);
  });

  it('accepts a bare fact comparison at the top, and ignores name, priority and params', () => {
    expect(run(t, facts)).toBe(true);
    expect(run({ ...t, name: 'n', priority: 7, params: { a: 1 } }, facts)).toBe(true);
    expect(run({ any: [{ ...f, priority: 3 }, { ...t, priority: 1 }], name: 'x', priority: 2 }, facts)).toBe(true);
  });
});

describe('facts, paths and fact references', () => {
  it('reads own properties only', () => {
    expect(run({ fact: 'toString', operator: 'equal', value: null }, {})).toBe(false);
    expect(run({ fact: 'toString', operator: 'notEqual', value: null }, {})).toBe(true);
    expect(run({ fact: 'constructor', operator: 'equal', value: 1 }, { constructor: 1 })).toBe(true);
    const parsed = JSON.parse('{"__proto__": 3}') as Facts;
    expect(run({ fact: '__proto__', operator: 'equal', value: 3 }, parsed)).toBe(true);
    expect(run({ fact: '__proto__', operator: 'equal', value: 3 }, {})).toBe(false);
  });

  it('follows a path into objects; a primitive fact passes through; a missing fact stays undefined', () => {
    const facts = { o: { a: { b: [4, 5] } }, n: 7 };
    expect(run({ fact: 'o', path: '$.a.b[1]', operator: 'equal', value: 5 }, facts)).toBe(true);
    expect(run({ fact: 'o', path: "$['a'].b.length", operator: 'equal', value: 2 }, facts)).toBe(true);
    expect(run({ fact: 'o', path: '$.a.c', operator: 'equal', value: null }, facts)).toBe(false);
    expect(run({ fact: 'n', path: '$.a', operator: 'equal', value: 7 }, facts)).toBe(true);
    expect(run({ fact: 'm', path: '$.a', operator: 'notEqual', value: null }, facts)).toBe(true);
  });

  it('compares with another fact (optionally through a path)', () => {
    const facts = { score: 80, limits: { pass: 60 }, list: ['a'], same: ['x'] };
    expect(run({ fact: 'score', operator: 'greaterThan', value: { fact: 'limits', path: '$.pass' } }, facts)).toBe(true);
    expect(run({ fact: 'score', operator: 'greaterThan', value: { fact: 'missing' } }, facts)).toBe(false);
    expect(run({ fact: 'same', operator: 'equal', value: { fact: 'same' } }, facts)).toBe(true); // same object
    expect(run({ fact: 'list', operator: 'contains', value: { fact: 'missing' } }, facts)).toBe(false);
    expect(run({ fact: 'score', operator: 'equal', value: { fact: 'score', params: { p: 1 } } }, facts)).toBe(true);
  });
});

describe('runtime failures mirror json-rules-engine rejections', () => {
  const throwing: Condition = { fact: 'x', operator: 'in', value: { fact: 'missing' } };
  const no: Condition = { fact: 'x', operator: 'equal', value: 2 };

  it('an operator that throws on a fact value throws ConditionError with its pointer', () => {
    expect(() => run({ all: [no, throwing] }, { x: 1 })).toThrow(ConditionError);
    try {
      run({ all: [no, throwing] }, { x: 1 });
    } catch (error) {
      expect((error as ConditionError).pointer).toBe('/all/1/operator');
    }
    expect(() => run({ fact: 'x', operator: 'someValue:equal', value: { fact: 'x' } }, { x: 1 })).toThrow(/someValue/);
  });

  it.each([
    ['equal priority: every sibling runs, so the throw wins', { all: [no, throwing] }, 'throws'],
    ['a higher-priority false short-circuits all', { all: [{ ...no, priority: 2 }, throwing] }, false],
    ['the throwing condition runs first', { all: [no, { ...throwing, priority: 2 }] }, 'throws'],
    ['a higher-priority true short-circuits any', { any: [{ not: no, priority: 5 }, throwing] }, true],
    ['inside not', { not: { all: [{ ...no, priority: 2 }, throwing] } }, true],
  ] as [string, Condition, boolean | 'throws'][])('%s', async (_what, condition, expected) => {
    const outcome = (fn: () => unknown): unknown => {
      try {
        return fn();
      } catch (error) {
        expect(error).toBeInstanceOf(ConditionError);
        return 'throws';
      }
    };
    expect(outcome(() => run(condition, { x: 1 }))).toBe(expected);
    const engine = new Engine([{ conditions: condition as never, event: { type: 'holds' } }], { allowUndefinedFacts: true });
    const library = await engine.run({ x: 1 }).then(
      (r) => r.events.length > 0,
      () => 'throws',
    );
    expect(library).toBe(expected);
  });
});

describe('compile errors', () => {
  it.each([
    ['unknown operator', { all: [{ fact: 'a', operator: 'equal', value: 1 }, { fact: 'a', operator: 'bigger', value: 1 }] }, '/all/1/operator'],
    ['unknown decorator', { fact: 'a', operator: 'maybe:equal', value: 1 }, '/operator'],
    ['operator not a string', { fact: 'a', operator: 5, value: 1 }, '/operator'],
    ['both all and any', { all: [], any: [] }, ''],
    ['fact and all', { all: [], fact: 'x' }, ''],
    ['all not an array', { all: { fact: 'a' } }, '/all'],
    ['not an array under not', { not: [] }, '/not'],
    ['missing fact', { operator: 'equal', value: 1 }, '/fact'],
    ['empty fact', { fact: '', operator: 'equal', value: 1 }, '/fact'],
    ['missing value', { fact: 'a', operator: 'equal' }, '/value'],
    ['unsafe path', { fact: 'a', operator: 'equal', value: 1, path: '$..x' }, '/path'],
    ['filter path', { fact: 'a', operator: 'equal', value: 1, path: '$.a[?(@.b==1)]' }, '/path'],
    ['filter in a fact reference', { fact: 'a', operator: 'equal', value: { fact: 'b', path: '$[?(@)]' } }, '/value/path'],
    ['unknown key in a fact reference', { fact: 'a', operator: 'equal', value: { fact: 'b', pth: '$' } }, '/value/pth'],
    ['in with a number', { fact: 'a', operator: 'in', value: 5 }, '/value'],
    ['someValue with a non-array', { fact: 'a', operator: 'someValue:equal', value: 'x' }, '/value'],
    ['someValue:in with numbers', { fact: 'a', operator: 'someValue:in', value: [1] }, '/value'],
    ['priority 0', { fact: 'a', operator: 'equal', value: 1, priority: 0 }, '/priority'],
    ['fractional priority', { any: [], priority: 1.5 }, '/priority'],
    ['unknown key', { fact: 'a', operator: 'equal', vaule: 1, value: 1 }, '/vaule'],
    ['a condition reference', { condition: 'named' }, ''],
    ['null', null, ''],
    ['a nested array', { all: [[]] }, '/all/0'],
    ['non-finite number', { fact: 'a', operator: 'equal', value: Infinity }, '/value'],
    ['a toString key in a value', { fact: 'a', operator: 'equal', value: { toString: 1 } }, '/value/toString'],
  ])('%s', (_what, condition, pointer) => {
    expect(compileError(condition).pointer).toBe(pointer);
  });

  it('refuses a JSON-parsed "__proto__" key anywhere', () => {
    expect(compileError(JSON.parse('{"all": [], "__proto__": {}}')).pointer).toBe('/__proto__');
    expect(compileError(JSON.parse('{"fact": "a", "operator": "equal", "value": {"__proto__": 1}}')).pointer).toBe('/value/__proto__');
  });

  it('conditionProblems reports every problem, prefixed, in Chinese and English', () => {
    const problems = conditionProblems({ any: [{ fact: 'a', operator: 'bigger', value: 1 }, { fact: 1, operator: 'equal', value: 1, path: '$.a[?(@.b)]' }] }, '/rules/2/when');
    expect(problems.map((p) => p.pointer)).toEqual(['/rules/2/when/any/0/operator', '/rules/2/when/any/1/fact', '/rules/2/when/any/1/path']);
    expect(problems[0]?.message).toEqual({ zh: '未知的运算符 "bigger"', en: 'unknown operator "bigger"' });
    expect(problems[2]?.message.en).toContain('filter');
    expect(conditionProblems({ fact: 'a', operator: 'equal', value: 1 }, '')).toEqual([]);
  });

  it('ConditionError carries both languages', () => {
    const error = compileError({ fact: 'a', operator: 'bigger', value: 1 });
    expect(error.name).toBe('ConditionError');
    expect(error.message).toBe('unknown operator "bigger" (at /operator)');
    expect(error.zh).toBe('未知的运算符 "bigger"');
  });
});

describe('fuzz', () => {
  const KEYS = ['all', 'any', 'not', 'fact', 'operator', 'value', 'path', 'params', 'priority', 'name', '__proto__', 'condition'];
  const { node } = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      fc.jsonValue({ maxDepth: 2 }),
      fc.array(tie('node'), { maxLength: 3 }),
      fc.dictionary(
        fc.constantFrom(...KEYS),
        fc.oneof(tie('node'), fc.constantFrom('x', 'equal', 'not:in', 'everyFact:greaterThan', '$.a', '$..a', '$[0]', 1, 0, ['a'])),
        { maxKeys: 4 },
      ),
    ),
  }));
  const facts = fc.dictionary(fc.constantFrom('x', 'a', 'toString'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });

  function check(condition: unknown, sample: Facts): void {
    const problems = conditionProblems(condition, '/p');
    let test: ((facts: Facts) => boolean) | undefined;
    try {
      test = compileCondition(condition as Condition);
    } catch (error) {
      expect(error).toBeInstanceOf(ConditionError);
    }
    // compileCondition accepts exactly what conditionProblems accepts.
    expect(test === undefined).toBe(problems.length > 0);
    if (test) {
      try {
        expect(typeof test(sample)).toBe('boolean');
      } catch (error) {
        expect(error).toBeInstanceOf(ConditionError);
      }
    }
  }

  it('on arbitrary JSON: conditionProblems never throws, compileCondition returns a function or throws ConditionError', () => {
    fc.assert(fc.property(fc.jsonValue(), facts, check), { numRuns: 1000, seed: 11 });
  });

  it('on condition-shaped JSON', () => {
    fc.assert(fc.property(node, facts, check), { numRuns: 2000, seed: 12 });
  });
});
