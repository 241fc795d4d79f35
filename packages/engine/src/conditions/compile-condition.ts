import { conditionProblems } from './condition-problems.js';
import type { CompiledCondition, Condition, FactCondition, Facts } from './condition-types.js';
import { parseFactPath, resolveFactPathSegments } from './fact-path.js';
import { analyzeOperator, buildOperator, parseOperator } from './operators.js';

/**
 * Compiles a json-rules-engine condition into a synchronous closure with the library's exact
 * semantics (engine option `allowUndefinedFacts: true`), proved equal by property tests.
 *
 * What the library does, and the closure copies:
 * - `all` / `any` with no children hold (both!); with one child they are that child.
 * - Children are grouped by priority (default 1), highest first. Groups short-circuit, but
 *   inside a group every child is evaluated (Promise.all), so an operator that throws there
 *   fails the whole run even when a sibling already decided the result.
 * - A missing fact is undefined and a path on it is not resolved; a path on a fact that is not
 *   a non-null object yields the fact itself; `params` are ignored (facts are constants).
 * - An empty fact name is refused (the library's `run()` throws "factId required"); an object
 *   with its own `toString` key compared by `<`, `<=`, `>`, `>=` throws, as in the library,
 *   whichever sibling of its priority group decided first.
 */

/** A condition that cannot compile, or an operator that threw while evaluating one. */
export class ConditionError extends Error {
  /** JSON pointer to the offending part of the condition, e.g. "/all/1/operator" ("" = the root). */
  readonly pointer: string;
  /** The same message in Chinese. */
  readonly zh: string;

  /** Creates the error from a bilingual message and a pointer; `options.cause` keeps the original error. */
  constructor(message: { zh: string; en: string }, pointer: string, options?: { cause?: unknown }) {
    super(pointer === '' ? message.en : `${message.en} (at ${pointer})`, options);
    this.name = 'ConditionError';
    this.pointer = pointer;
    this.zh = message.zh;
  }
}

/** Throws a ConditionError for the first problem conditionProblems finds; returns if there is none. */
export function assertCondition(condition: unknown): asserts condition is Condition {
  const first = conditionProblems(condition, '')[0];
  if (first) throw new ConditionError(first.message, first.pointer);
}

type Test = (facts: Facts) => boolean;
type Read = (facts: Facts) => unknown;

interface Compiled {
  test: Test;
  /** Some facts can make it throw, so the siblings in its priority group must all run. */
  mayThrow: boolean;
  priority: number;
}

/**
 * Compiles `condition` (a bare fact comparison at the top is treated as `{ all: [it] }`) into a
 * predicate over a plain facts object. Throws ConditionError (with a pointer) if the condition
 * has any problem conditionProblems reports. The predicate throws ConditionError where
 * json-rules-engine's run would reject (e.g. `in` against a fact that is not an array).
 */
export function compileCondition(condition: Condition): CompiledCondition {
  assertCondition(condition);
  const root = compileNode(condition, '').test;
  return (facts) => {
    refuseFacts(facts);
    try {
      return root(facts);
    } catch (error) {
      throw asConditionError(error, '');
    }
  };
}

const RELATIONAL: ReadonlySet<string> = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);

/**
 * Facts json-rules-engine refuses before evaluating anything, refused here too: an empty fact
 * name (its `run()` throws "factId required").
 */
function refuseFacts(facts: Facts): void {
  if (Object.hasOwn(facts, '')) throw new ConditionError({ zh: '事实名不能为空字符串', en: 'a fact name must not be the empty string (json-rules-engine: factId required)' }, '');
}

function asConditionError(error: unknown, pointer: string): ConditionError {
  if (error instanceof ConditionError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new ConditionError({ zh: `条件计算失败：${reason}`, en: `the condition failed to evaluate: ${reason}` }, pointer, { cause: error });
}

function compileNode(node: Condition, pointer: string): Compiled {
  const priority = node.priority ?? 1;
  if ('all' in node) return { ...compileGroup('all', node.all, `${pointer}/all`), priority };
  if ('any' in node) return { ...compileGroup('any', node.any, `${pointer}/any`), priority };
  if ('not' in node) {
    const child = compileNode(node.not, `${pointer}/not`);
    const test = child.test;
    return { test: (facts) => !test(facts), mayThrow: child.mayThrow, priority };
  }
  return { ...compileLeaf(node, pointer), priority };
}

function compileGroup(kind: 'all' | 'any', children: Condition[], pointer: string): Omit<Compiled, 'priority'> {
  const compiled = children.map((child, i) => compileNode(child, `${pointer}/${i}`));
  const mayThrow = compiled.some((c) => c.mayThrow);
  if (compiled.length === 0) return { test: () => true, mayThrow: false };
  if (compiled.length === 1) return compiled[0] as Compiled;
  const priorities = [...new Set(compiled.map((c) => c.priority))].sort((a, b) => b - a);
  const groups = priorities.map((p) => compileSet(kind, compiled.filter((c) => c.priority === p)));
  if (groups.length === 1) return { test: groups[0] as Test, mayThrow };
  return { test: kind === 'all' ? every(groups) : some(groups), mayThrow };
}

/** One priority group: short-circuits unless a member may throw (the library runs them all). */
function compileSet(kind: 'all' | 'any', members: Compiled[]): Test {
  const tests = members.map((m) => m.test);
  if (members.some((m) => m.mayThrow)) {
    return kind === 'all'
      ? (facts) => {
          let result = true;
          for (let i = 0; i < tests.length; i++) result = (tests[i] as Test)(facts) && result;
          return result;
        }
      : (facts) => {
          let result = false;
          for (let i = 0; i < tests.length; i++) result = (tests[i] as Test)(facts) || result;
          return result;
        };
  }
  return kind === 'all' ? every(tests) : some(tests);
}

function every(tests: Test[]): Test {
  const [a, b, c] = tests;
  if (tests.length === 2 && a && b) return (facts) => a(facts) && b(facts);
  if (tests.length === 3 && a && b && c) return (facts) => a(facts) && b(facts) && c(facts);
  return (facts) => {
    for (let i = 0; i < tests.length; i++) if (!(tests[i] as Test)(facts)) return false;
    return true;
  };
}

function some(tests: Test[]): Test {
  const [a, b, c] = tests;
  if (tests.length === 2 && a && b) return (facts) => a(facts) || b(facts);
  if (tests.length === 3 && a && b && c) return (facts) => a(facts) || b(facts) || c(facts);
  return (facts) => {
    for (let i = 0; i < tests.length; i++) if ((tests[i] as Test)(facts)) return true;
    return false;
  };
}

/** Reads a fact as the almanac does: own properties only, undefined if missing, then the path. */
function reader(fact: string, path: string | undefined): Read {
  // The path was validated by assertCondition, so it parses.
  const segments = path === undefined ? undefined : (parseFactPath(path) ?? []);
  if (segments === undefined) return (facts) => (Object.hasOwn(facts, fact) ? facts[fact] : undefined);
  return (facts) => {
    const value = Object.hasOwn(facts, fact) ? facts[fact] : undefined;
    // The almanac resolves paths only on non-null objects; anything else passes through as is.
    return value !== null && typeof value === 'object' ? resolveFactPathSegments(value, segments) : value;
  };
}

function compileLeaf(node: FactCondition, pointer: string): Omit<Compiled, 'priority'> {
  const parsed = parseOperator(node.operator);
  if (!parsed) throw new ConditionError({ zh: '未知的运算符', en: 'unknown operator' }, `${pointer}/operator`);
  const op = buildOperator(parsed);
  const readFact = reader(node.fact, node.path);
  const value = node.value;
  const isReference = value !== null && typeof value === 'object' && Object.hasOwn(value, 'fact');
  // A relational comparison converts its fact to a number, which throws for an object with its
  // own `toString` key (not callable): like the library, its whole priority group must run.
  const mayThrow = analyzeOperator(parsed, isReference ? { literal: false } : { literal: true, value }).mayThrow || RELATIONAL.has(parsed.base);

  let test: Test;
  if (isReference) {
    const ref = value as { fact: string; path?: string };
    const readValue = reader(ref.fact, ref.path);
    test = (facts) => op(readFact(facts), readValue(facts));
  } else {
    test = (facts) => op(readFact(facts), value);
  }
  if (!mayThrow) return { test, mayThrow };
  const inner = test;
  const at = `${pointer}/operator`;
  return {
    test: (facts) => {
      try {
        return inner(facts);
      } catch (error) {
        throw asConditionError(error, at);
      }
    },
    mayThrow,
  };
}
