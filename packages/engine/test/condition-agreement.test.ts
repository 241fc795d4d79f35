import fc from 'fast-check';
import { Engine } from 'json-rules-engine';
import type { TopLevelCondition } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { compileCondition, ConditionError } from '../src/conditions/compile-condition.js';
import { conditionProblems } from '../src/conditions/condition-problems.js';
import type { Condition, Facts } from '../src/conditions/condition-types.js';
import { DEFAULT_OPERATOR_DECORATORS, DEFAULT_OPERATORS } from '../src/conditions/operators.js';
import { createReferenceEvaluator } from '../src/conditions/reference-evaluator.js';

/**
 * The compiled closure, the reference evaluator (json-rules-engine with the restricted path
 * resolver) and a plain json-rules-engine (its default jsonpath-plus resolver) must agree on
 * every accepted condition and every facts object: same boolean, or all three fail.
 */

const FACT_NAMES = ['n', 's', 'list', 'obj', 'flag', 'missing', 'toString'] as const;
const KEYS = ['x', 'y', 'a b', '0', '1', '黄', 'length'] as const;
const SAFE_PATHS = ['$', '$.x', '$.y', '$.x.y', '$[0]', '$[1]', '$.x[0]', "$['a b']", '$["a b"].x', "$['0']", '$.黄', '$.length', '$[0].x', '$.x.length'];

const numberish = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 2.5, 5, 10, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, Number.MAX_VALUE, Number.MIN_VALUE),
  fc.constantFrom(Infinity, -Infinity, NaN, 1e21, -1e-7),
  fc.integer({ min: -10, max: 10 }),
);
const stringish = fc.constantFrom('5', '5.0', ' 5', '5abc', 'abc', '', 'Infinity', '-0', '0x10', '1e3', 'NaN', 'x', 'a b', 'true', 'null');
const primitive = fc.oneof(numberish, stringish, fc.boolean(), fc.constant(null));

// Fact values: primitives, arrays and objects (no "toString"/"valueOf" keys: see the report on
// string conversion of such objects), nested up to three levels.
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    primitive,
    fc.array(tie('tree'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('tree'), { maxKeys: 3 }),
  ),
}));

const factsArb: fc.Arbitrary<Facts> = fc.dictionary(fc.constantFrom(...FACT_NAMES), fc.oneof(tree, fc.constant(undefined)), {
  maxKeys: FACT_NAMES.length,
});

const operatorArb = fc
  .tuple(fc.array(fc.constantFrom(...DEFAULT_OPERATOR_DECORATORS), { maxLength: 2 }), fc.constantFrom(...DEFAULT_OPERATORS))
  .map(([decorators, base]) => [...decorators, base].join(':'));

const reference = fc.record(
  { fact: fc.constantFrom(...FACT_NAMES), path: fc.constantFrom(...SAFE_PATHS) },
  { requiredKeys: ['fact'] },
);
const literal = fc.oneof(primitive, fc.array(primitive, { maxLength: 3 }), fc.array(fc.array(primitive, { maxLength: 2 }), { maxLength: 2 }));
const priority = fc.integer({ min: 1, max: 3 });

const leafArb: fc.Arbitrary<Condition> = fc
  .tuple(
    fc.record(
      {
        fact: fc.constantFrom(...FACT_NAMES),
        operator: operatorArb,
        value: fc.oneof({ weight: 3, arbitrary: literal }, { weight: 1, arbitrary: reference }),
        path: fc.constantFrom(...SAFE_PATHS),
        params: fc.constant({ ignored: true }),
        priority,
      },
      { requiredKeys: ['fact', 'operator', 'value'] },
    ),
    fc.array(primitive, { maxLength: 3 }),
    fc.array(fc.oneof(stringish, fc.array(primitive, { maxLength: 2 })), { maxLength: 3 }),
    reference,
  )
  // A literal that always throws for its operator is a policy error (conditionProblems refuses
  // it), so swap in a value of the right type to keep most generated conditions usable.
  .map(([leaf, flat, nested, ref]) => {
    for (const value of [leaf.value, flat, nested, ref]) {
      const candidate = { ...leaf, value } as Condition;
      if (conditionProblems(candidate, '').length === 0) return candidate;
    }
    return leaf as Condition;
  });

function conditionArb(depth: number): fc.Arbitrary<Condition> {
  if (depth === 0) return leafArb;
  const sub = conditionArb(depth - 1);
  const children = fc.array(sub, { maxLength: 3 });
  return fc.oneof(
    { weight: 2, arbitrary: leafArb },
    fc.record({ all: children, priority }, { requiredKeys: ['all'] }),
    fc.record({ any: children, priority }, { requiredKeys: ['any'] }),
    fc.record({ not: sub, priority }, { requiredKeys: ['not'] }),
  );
}

function topLevel(condition: Condition): TopLevelCondition {
  const copy = structuredClone(condition);
  return ('all' in copy || 'any' in copy || 'not' in copy ? copy : { all: [copy] }) as unknown as TopLevelCondition;
}

type Outcome = boolean | 'throws';

async function outcome(run: () => boolean | Promise<boolean>): Promise<Outcome> {
  try {
    return await run();
  } catch {
    return 'throws';
  }
}

/** json-rules-engine as shipped: default (jsonpath-plus) path resolver. */
async function plainEngine(condition: Condition, facts: Facts): Promise<boolean> {
  const engine = new Engine([{ conditions: topLevel(condition), event: { type: 'holds' } }], { allowUndefinedFacts: true });
  const { events } = await engine.run(facts);
  return events.length > 0;
}

describe('compiled conditions agree with json-rules-engine', () => {
  it('on random conditions (depth ≤ 3) and random facts', async () => {
    const evaluator = createReferenceEvaluator();
    const seen = { true: 0, false: 0, throws: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(conditionArb(3), factsArb, async (condition, facts) => {
        let compiled: ((facts: Facts) => boolean) | undefined;
        try {
          compiled = compileCondition(condition);
        } catch (error) {
          expect(error).toBeInstanceOf(ConditionError);
          await expect(evaluator.evaluate(condition, facts)).rejects.toBeInstanceOf(ConditionError);
          seen.rejected++;
          return;
        }
        const test = compiled;
        const fast = await outcome(() => test(facts));
        const viaReference = await outcome(() => evaluator.evaluate(condition, facts));
        const viaPlain = await outcome(() => plainEngine(condition, facts));
        expect({ fast, viaReference }).toEqual({ fast: viaPlain, viaReference: viaPlain });
        if (fast === 'throws') expect(() => test(facts)).toThrow(ConditionError);
        seen[String(fast) as 'true' | 'false' | 'throws']++;
      }),
      { numRuns: 1500, seed: 20260301 },
    );
    // The property is only meaningful if every outcome is well represented.
    expect(seen.true).toBeGreaterThan(200);
    expect(seen.false).toBeGreaterThan(200);
    expect(seen.throws).toBeGreaterThan(10);
    expect(seen.rejected).toBeLessThan(300);
  }, 120_000);

  it('on every operator and decorated operator against every interesting fact value', async () => {
    const evaluator = createReferenceEvaluator();
    const values = [0, 1, 5, -1, 2.5, '5', '5abc', 'abc', '', null, true, [], [5], [1, 5], ['a', 'b'], [[5]], { x: 5 }];
    const operators = [...DEFAULT_OPERATORS, ...DEFAULT_OPERATORS.flatMap((op) => DEFAULT_OPERATOR_DECORATORS.map((d) => `${d}:${op}`))];
    for (const operator of operators) {
      for (const fact of values) {
        for (const value of [5, '5', 'abc', [5, 'a'], [[5], 'b5'], { fact: 'other' }]) {
          const condition = { fact: 'f', operator, value } as Condition;
          if (conditionProblems(condition, '').length > 0) continue;
          const facts = { f: fact, other: [fact] };
          const fast = await outcome(() => compileCondition(condition)(facts));
          const viaReference = await outcome(() => evaluator.evaluate(condition, facts));
          const viaPlain = await outcome(() => plainEngine(condition, facts));
          expect({ operator, fact, value, fast, viaReference }).toEqual({ operator, fact, value, fast: viaPlain, viaReference: viaPlain });
        }
      }
    }
  }, 120_000);

  it('the reference evaluator wraps a bare comparison, leaves the condition untouched and refuses concurrent calls', async () => {
    const evaluator = createReferenceEvaluator();
    const condition = Object.freeze({ fact: 'x', operator: 'greaterThan', value: 1, priority: 2 }) as Condition;
    expect(await evaluator.evaluate(condition, { x: 2 })).toBe(true);
    expect(await evaluator.evaluate(condition, { x: 0 })).toBe(false); // the cached engine, a new run
    const first = evaluator.evaluate(condition, { x: 2 });
    await expect(evaluator.evaluate(condition, { x: 2 })).rejects.toThrow(/pending/);
    expect(await first).toBe(true);
    await expect(evaluator.evaluate({ fact: 'x', operator: 'equal', value: 1, path: '$..a' }, {})).rejects.toBeInstanceOf(ConditionError);
  });
});
