/**
 * json-rules-engine 7.3.1's default operators and operator decorators, as synchronous functions.
 * Each mirrors the library's `Operator.evaluate`: `validator(factValue) && callback(factValue,
 * value)`, and a decorated operator (`not:equal`, `everyFact:greaterThan`) is built the way
 * `OperatorDecorator.decorate` builds it — the decorator's own validator guards its callback,
 * which calls the inner operator's full evaluate (validator included).
 */

/** json-rules-engine's default operator names (engine-default-operators.js), in its order. */
export const DEFAULT_OPERATORS = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
] as const;

/** A default operator name. */
export type OperatorName = (typeof DEFAULT_OPERATORS)[number];

/** json-rules-engine's default operator decorators (engine-default-operator-decorators.js). */
export const DEFAULT_OPERATOR_DECORATORS = ['someFact', 'someValue', 'everyFact', 'everyValue', 'swap', 'not'] as const;

/** A default decorator name; decorators prefix an operator with `:` (`not:in`). */
export type DecoratorName = (typeof DEFAULT_OPERATOR_DECORATORS)[number];

/** An operator's full evaluation: the fact value (left) against the condition's value (right). */
export type OperatorFn = (factValue: unknown, value: unknown) => boolean;

/** An operator name split into its decorators (outermost first) and its base operator. */
export interface ParsedOperator {
  decorators: DecoratorName[];
  base: OperatorName;
}

const OPERATOR_SET: ReadonlySet<string> = new Set(DEFAULT_OPERATORS);
const DECORATOR_SET: ReadonlySet<string> = new Set(DEFAULT_OPERATOR_DECORATORS);

/**
 * json-rules-engine's `numberValidator`: `Number.parseFloat(v).toString() !== 'NaN'`, so numbers
 * (except NaN), `"5"`, `"5abc"`, `"Infinity"` and `[5]` pass; null, booleans, `""`, `[]` fail.
 */
export function numberValidator(factValue: unknown): boolean {
  // Fast path with the same answer: parseFloat(String(n)) is NaN only for NaN itself.
  if (typeof factValue === 'number') return factValue === factValue;
  return !Number.isNaN(Number.parseFloat(factValue as string));
}

/**
 * The library calls `b.indexOf(a)` on whatever the right side is: arrays search by `===`,
 * strings search for the left side's string form, anything else throws a TypeError.
 */
function indexOfIn(haystack: unknown, needle: unknown, operator: string): number {
  if (Array.isArray(haystack)) return haystack.indexOf(needle);
  if (typeof haystack === 'string') return haystack.indexOf(needle as string);
  throw new TypeError(`"${operator}" needs an array or a string to search in, got ${describeType(haystack)}`);
}

/** A short type description for error messages. */
export function describeType(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value) ?? String(value)}`;
}

const BASE: Readonly<Record<OperatorName, OperatorFn>> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => indexOfIn(b, a, 'in') > -1,
  notIn: (a, b) => indexOfIn(b, a, 'notIn') === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  // Relational operators on unknown values are exactly JavaScript's `<` etc., as in the library.
  lessThan: (a, b) => numberValidator(a) && (a as number) < (b as number),
  lessThanInclusive: (a, b) => numberValidator(a) && (a as number) <= (b as number),
  greaterThan: (a, b) => numberValidator(a) && (a as number) > (b as number),
  greaterThanInclusive: (a, b) => numberValidator(a) && (a as number) >= (b as number),
};

/** `someValue` / `everyValue` call `value.some` / `value.every`: only arrays have them. */
function requireArray(value: unknown, decorator: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw new TypeError(`"${decorator}" needs an array value, got ${describeType(value)}`);
}

// Loops instead of Array.prototype.some/every avoid a closure per call; `i in list` keeps their
// skipping of holes in sparse arrays.
function decorate(decorator: DecoratorName, next: OperatorFn): OperatorFn {
  switch (decorator) {
    case 'someFact':
      return (a, b) => {
        if (!Array.isArray(a)) return false;
        for (let i = 0, n = a.length; i < n; i++) if (i in a && next(a[i], b)) return true;
        return false;
      };
    case 'everyFact':
      return (a, b) => {
        if (!Array.isArray(a)) return false;
        for (let i = 0, n = a.length; i < n; i++) if (i in a && !next(a[i], b)) return false;
        return true;
      };
    case 'someValue':
      return (a, b) => {
        const list = requireArray(b, 'someValue');
        for (let i = 0, n = list.length; i < n; i++) if (i in list && next(a, list[i])) return true;
        return false;
      };
    case 'everyValue':
      return (a, b) => {
        const list = requireArray(b, 'everyValue');
        for (let i = 0, n = list.length; i < n; i++) if (i in list && !next(a, list[i])) return false;
        return true;
      };
    case 'swap':
      return (a, b) => next(b, a);
    case 'not':
      return (a, b) => !next(a, b);
  }
}

/**
 * Splits an operator name as json-rules-engine's OperatorMap.get does: every `:`-separated
 * prefix must be a default decorator and the rest a default operator; undefined otherwise.
 */
export function parseOperator(name: string): ParsedOperator | undefined {
  const parts = name.split(':');
  const base = parts.pop();
  if (base === undefined || !OPERATOR_SET.has(base)) return undefined;
  for (const part of parts) if (!DECORATOR_SET.has(part)) return undefined;
  return { decorators: parts as DecoratorName[], base: base as OperatorName };
}

/** Builds the evaluation function of a parsed operator (decorators applied innermost first). */
export function buildOperator(parsed: ParsedOperator): OperatorFn {
  let fn = BASE[parsed.base];
  for (let i = parsed.decorators.length - 1; i >= 0; i--) fn = decorate(parsed.decorators[i] as DecoratorName, fn);
  return fn;
}

/** The evaluation function for an operator name, or undefined if json-rules-engine would not know it. */
export function resolveOperator(name: string): OperatorFn | undefined {
  const parsed = parseOperator(name);
  return parsed && buildOperator(parsed);
}

/** One side of a comparison while analysing an operator: a literal from the policy, or a fact. */
export type Operand = { literal: true; value: unknown } | { literal: false };

/** What analysing an operator against its literal value found. */
export interface OperatorAnalysis {
  /** Some fact values can make the operator throw (json-rules-engine then rejects the run). */
  mayThrow: boolean;
  /** A literal reaches a place where it always throws (e.g. `in` with a number value). */
  problem?: { zh: string; en: string };
}

const FACT: Operand = { literal: false };

/**
 * Traces where the condition's value and the fact value travel through the decorators, to find
 * literals that make the operator throw whenever it runs (a policy error) and facts that may
 * make it throw (the compiled closure must then evaluate siblings as the library does).
 */
export function analyzeOperator(parsed: ParsedOperator, value: Operand): OperatorAnalysis {
  const out: OperatorAnalysis = { mayThrow: false };
  walk(parsed, 0, FACT, value, out);
  return out;
}

function walk(parsed: ParsedOperator, i: number, a: Operand, b: Operand, out: OperatorAnalysis): void {
  if (out.problem) return;
  const decorator = parsed.decorators[i];
  if (decorator === undefined) {
    if (parsed.base !== 'in' && parsed.base !== 'notIn') return;
    if (!b.literal) out.mayThrow = true;
    else if (!Array.isArray(b.value) && typeof b.value !== 'string') {
      out.problem = {
        zh: `运算符 "${parsed.base}" 需要数组（或字符串）作为比较值，实际是 ${describeType(b.value)}`,
        en: `operator "${parsed.base}" needs an array (or a string) to search in, got ${describeType(b.value)}`,
      };
    }
    return;
  }
  switch (decorator) {
    case 'not':
      return walk(parsed, i + 1, a, b, out);
    case 'swap':
      return walk(parsed, i + 1, b, a, out);
    case 'someFact':
    case 'everyFact':
      if (!a.literal) return walk(parsed, i + 1, FACT, b, out);
      // A non-array literal is refused by the decorator's validator before anything can throw.
      if (Array.isArray(a.value)) for (const item of a.value) walk(parsed, i + 1, { literal: true, value: item }, b, out);
      return;
    case 'someValue':
    case 'everyValue':
      if (!b.literal) {
        out.mayThrow = true;
        return walk(parsed, i + 1, a, FACT, out);
      }
      if (!Array.isArray(b.value)) {
        out.problem = {
          zh: `修饰符 "${decorator}" 需要数组作为比较值，实际是 ${describeType(b.value)}`,
          en: `decorator "${decorator}" needs an array value, got ${describeType(b.value)}`,
        };
        return;
      }
      for (const item of b.value) walk(parsed, i + 1, a, { literal: true, value: item }, out);
      return;
  }
}
