import { Engine } from 'json-rules-engine';
import type { RuleProperties, TopLevelCondition } from 'json-rules-engine';
import { assertCondition } from './compile-condition.js';
import type { Condition, Facts } from './condition-types.js';
import { resolveFactPath } from './fact-path.js';

/**
 * Conditions evaluated by json-rules-engine itself: the reference semantics that the compiled
 * closures are tested against, and the engine's `reference` evaluation mode.
 */

/**
 * Evaluates conditions through json-rules-engine. Not safe for concurrent use: await each call
 * before the next (json-rules-engine keeps run state on the Engine instance, DESIGN.md); a call
 * made while another is pending rejects instead of corrupting it.
 */
export interface ReferenceEvaluator {
  /**
   * Whether `condition` holds for `facts`, as json-rules-engine 7 decides it (undefined facts
   * allowed, restricted fact paths). Rejects with ConditionError for a condition that
   * conditionProblems refuses, and with json-rules-engine's error if its run fails.
   */
  evaluate(condition: Condition, facts: Facts): Promise<boolean>;
}

/** The event the single rule fires; its type is irrelevant, only whether it fired matters. */
const EVENT = { type: 'condition-holds' };

/** A deep copy of JSON: json-rules-engine writes to condition objects (it re-parses `priority`). */
function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = cloneJson(item);
    return copy as T;
  }
  return value;
}

function topLevel(condition: Condition): TopLevelCondition {
  // A rule's root must be all/any/not; a bare comparison means the same as `all` of just it.
  const copy = cloneJson(condition);
  const root = 'all' in copy || 'any' in copy || 'not' in copy ? copy : { all: [copy] };
  return root as unknown as TopLevelCondition;
}

/**
 * Creates an evaluator that keeps one json-rules-engine Engine per condition object (a
 * WeakMap, so conditions can be collected). Each Engine has `allowUndefinedFacts: true` and a
 * path resolver that only follows the safe JSONPath subset (resolveFactPath), so a policy file
 * can never reach jsonpath-plus's filter or script evaluation.
 */
export function createReferenceEvaluator(): ReferenceEvaluator {
  const engines = new WeakMap<Condition, Engine>();
  const pathResolver = (value: object, path: string): unknown => resolveFactPath(value, path);
  let pending = false;

  function engineFor(condition: Condition): Engine {
    let engine = engines.get(condition);
    if (engine === undefined) {
      assertCondition(condition);
      engine = new Engine([], { allowUndefinedFacts: true, pathResolver });
      const rule: RuleProperties = { conditions: topLevel(condition), event: EVENT };
      engine.addRule(rule);
      engines.set(condition, engine);
    }
    return engine;
  }

  return {
    async evaluate(condition, facts) {
      if (pending) throw new Error('ReferenceEvaluator.evaluate was called while another call was pending: await each call');
      const engine = engineFor(condition);
      pending = true;
      try {
        const { events } = await engine.run(facts);
        return events.length > 0;
      } finally {
        pending = false;
      }
    },
  };
}
