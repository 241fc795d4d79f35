import { Engine } from 'json-rules-engine';
import type { TopLevelCondition } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { compileCondition, ConditionError } from '../src/conditions/compile-condition.js';
import type { Condition, Facts } from '../src/conditions/condition-types.js';

/** json-rules-engine's own answer (allowUndefinedFacts: true): the boolean, or 'throws'. */
async function library(condition: Condition, facts: Facts): Promise<boolean | 'throws'> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addRule({ conditions: condition as TopLevelCondition, event: { type: 'hit' } });
  try {
    const { events } = await engine.run({ ...facts });
    return events.length > 0;
  } catch {
    return 'throws';
  }
}

function compiled(condition: Condition, facts: Facts): boolean | 'throws' {
  try {
    return compileCondition(condition)(facts);
  } catch (error) {
    expect(error).toBeInstanceOf(ConditionError);
    return 'throws';
  }
}

describe('facts json-rules-engine refuses', () => {
  it('an object with its own toString key reaching a relational operator: both throw, even when a sibling decided first', async () => {
    const condition: Condition = { all: [{ fact: 'flag', operator: 'equal', value: true }, { fact: 'obj', operator: 'lessThan', value: 5 }] };
    for (const facts of [
      { flag: false, obj: { toString: 'x' } },
      { flag: true, obj: { toString: 1, valueOf: 1 } },
      { flag: false, obj: [1, { toString: 'x' }] },
    ]) {
      expect(await library(condition, facts), JSON.stringify(facts)).toBe('throws');
      expect(compiled(condition, facts), JSON.stringify(facts)).toBe('throws');
    }
    // An ordinary object (or one with only a valueOf key) is no number: false on both sides, no throw.
    for (const obj of [{ a: 1 }, { valueOf: 1 }]) {
      expect(await library(condition, { flag: true, obj })).toBe(false);
      expect(compiled(condition, { flag: true, obj })).toBe(false);
    }
  });

  it('follows a path to the value the comparison reads', async () => {
    const condition: Condition = { all: [{ fact: 'flag', operator: 'equal', value: true }, { fact: 'obj', path: '$.a', operator: 'greaterThan', value: 5 }] };
    const facts = { flag: false, obj: { a: { toString: 'x' } } };
    expect(await library(condition, facts)).toBe('throws');
    expect(compiled(condition, facts)).toBe('throws');
  });

  it('an empty-string fact name: both throw (factId required)', async () => {
    const condition: Condition = { any: [{ fact: 'n', operator: 'equal', value: 1 }] };
    expect(await library(condition, { n: 1, '': 2 })).toBe('throws');
    expect(compiled(condition, { n: 1, '': 2 })).toBe('throws');
    expect(compiled(condition, { n: 1 })).toBe(true);
  });
});
