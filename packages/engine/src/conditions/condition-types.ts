/**
 * Conditions in json-rules-engine's JSON format (`all` / `any` / `not`, `fact`, `operator`,
 * `value`, `params`, `path`). Policy files store every rule condition in this shape.
 */

/** A JSON value as it appears in a policy or fact. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A comparison against another fact instead of a literal (`"value": { "fact": "x" }`). */
export interface FactReference {
  fact: string;
  path?: string;
  params?: Record<string, JsonValue>;
}

/** One comparison: `fact` (optionally narrowed by `path`) `operator` `value`. */
export interface FactCondition {
  fact: string;
  operator: string;
  value: JsonValue | FactReference;
  path?: string;
  params?: Record<string, JsonValue>;
  name?: string;
  priority?: number;
}

export interface AllCondition {
  all: Condition[];
  name?: string;
  priority?: number;
}

export interface AnyCondition {
  any: Condition[];
  name?: string;
  priority?: number;
}

export interface NotCondition {
  not: Condition;
  name?: string;
  priority?: number;
}

/** Any condition node. */
export type Condition = AllCondition | AnyCondition | NotCondition | FactCondition;

/** A plain facts object: fact name → value. */
export type Facts = Readonly<Record<string, unknown>>;

/** A synchronous predicate compiled from a condition. */
export type CompiledCondition = (facts: Facts) => boolean;
