import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { policySchemaValidator } from '../src/policy/policy-validator.js';
import { validatePolicy } from '../src/policy/validate-policy.js';
import type { PolicyError, PolicyValidation } from '../src/policy/validate-policy.js';

const POLICY_TEXT = readFileSync(new URL('../../../policies/sales-resource/1.0.0.json', import.meta.url), 'utf8');
const DELETE = Symbol('delete');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const fresh = (): Json => JSON.parse(POLICY_TEXT) as Json;
const tokens = (pointer: string): string[] => (pointer === '' ? [] : pointer.slice(1).split('/'));

/** A fresh copy of the seed policy with the value at `pointer` replaced (or deleted). */
function withChange(pointer: string, value: Json | typeof DELETE, base: Json = fresh()): Json {
  const path = tokens(pointer);
  const last = path.pop() as string;
  let node = base as Record<string, Json>;
  for (const t of path) node = node[t] as Record<string, Json>;
  if (value === DELETE) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else {
    node[last] = value;
  }
  return base;
}

function errorsOf(result: PolicyValidation): PolicyError[] {
  expect(result.ok).toBe(false);
  return result.errors;
}

/** The single error at `pointer`, whose messages contain the given fragments. */
function expectError(result: PolicyValidation, pointer: string, zh: string, en: string): PolicyError {
  const errors = errorsOf(result);
  const at = errors.filter((e) => e.pointer === pointer);
  expect(at, JSON.stringify(errors, null, 1)).toHaveLength(1);
  const error = at[0] as PolicyError;
  expect(error.message.zh).toContain(zh);
  expect(error.message.en).toContain(en);
  return error;
}

describe('validatePolicy: the seed policy', () => {
  it('accepts policies/sales-resource/1.0.0.json and returns the same object', () => {
    const policy = fresh();
    const result = validatePolicy(policy);
    expect(result).toEqual({ ok: true, policy, errors: [], warnings: [] });
    if (result.ok) expect(result.policy).toBe(policy);
  });
});

describe('validatePolicy: schema errors name the field in zh and en', () => {
  it('unknown top-level key', () => {
    const e = expectError(validatePolicy(withChange('/foo', 1)), '/foo', '', '');
    expect(e.message).toEqual({ zh: '不允许的字段 "foo"', en: 'unknown field "foo"' });
  });

  it('unknown nested keys, pointing at the key itself', () => {
    expectError(validatePolicy(withChange('/rules/D1/extra', true)), '/rules/D1/extra', '不允许的字段 "extra"', 'unknown field "extra"');
    // A ladder rung may not fine; D1 may not ban from the hotline.
    expectError(validatePolicy(withChange('/rules/V1/rungs/0/then/fineFen', 100)), '/rules/V1/rungs/0/then/fineFen', '不允许的字段 "fineFen"', 'unknown field "fineFen"');
    expectError(validatePolicy(withChange('/rules/D1/then/hotlineBanMonths', 1)), '/rules/D1/then/hotlineBanMonths', '不允许的字段', 'unknown field');
    expectError(validatePolicy(withChange('/rules/T1/rungs/0/when/all/0/unit', 'fen')), '/rules/T1/rungs/0/when/all/0/unit', '不允许的字段', 'unknown field "unit"');
  });

  it('negative fine', () => {
    expectError(validatePolicy(withChange('/rules/F1/fineFen', -100)), '/rules/F1/fineFen', '必须是非负整数', 'must be a non-negative integer (fen');
  });

  it('non-integer fen is one error, not two', () => {
    const e = expectError(validatePolicy(withChange('/rules/F2/fineFen', 19.5)), '/rules/F2/fineFen', '非负整数', 'got 19.5');
    expect(e.message.zh).toContain('单位：分');
  });

  it('numbers above their bound', () => {
    expectError(validatePolicy(withChange('/rules/V1/rungs/2/then/banDays', 100000)), '/rules/V1/rungs/2/then/banDays', '最大 3650', 'at most 3650');
    expectError(validatePolicy(withChange('/rules/D1/windowMinutes', 0)), '/rules/D1/windowMinutes', '正整数', 'must be a positive integer (minutes');
  });

  it('wrong types', () => {
    expectError(validatePolicy(withChange('/rules/R3/autoReclaim', 'no')), '/rules/R3/autoReclaim', '必须是布尔值', 'must be true or false, got "no"');
    expectError(validatePolicy(withChange('/rules', [])), '/rules', '必须是对象', 'must be an object, got an array');
    expectError(validatePolicy(withChange('/rules/P1/capOwned', 'none')), '/rules/P1/capOwned', '或 null', 'or null');
    expectError(validatePolicy(withChange('/rules/T1/otherwise', 'E')), '/rules/T1/otherwise', '必须是以下之一', 'must be one of "A", "B", "C", "D"');
  });

  it('missing rule', () => {
    const e = expectError(validatePolicy(withChange('/rules/D1', DELETE)), '/rules/D1', '', '');
    expect(e.message).toEqual({ zh: '缺少必填字段 "D1"', en: 'missing required field "D1"' });
  });

  it('bad semver and bad id', () => {
    for (const bad of ['1.0', 'v1.0.0', '01.0.0', '1.0.0-']) {
      expectError(validatePolicy(withChange('/version', bad)), '/version', '语义化版本号', 'must be a semantic version');
    }
    expect(validatePolicy(withChange('/version', '2.1.0-rc.1+build.5')).ok).toBe(true);
    expectError(validatePolicy(withChange('/id', 'Sales_Resource')), '/id', '连字符', 'kebab-case');
  });

  it('late-entry forms are fixed per rule; P1 roles non-empty and unique', () => {
    expectError(validatePolicy(withChange('/rules/F2/form', 'abcd_table')), '/rules/F2/form', '"visit_register"', 'must be "visit_register"');
    expectError(validatePolicy(withChange('/rules/P1/roles', [])), '/rules/P1/roles', '至少需要 1 项', 'at least 1 item');
    expectError(validatePolicy(withChange('/rules/P1/roles', ['rep', 'rep'])), '/rules/P1/roles/1', '重复', 'duplicate value "rep"');
  });
});

describe('validatePolicy: semantic checks', () => {
  it('unknown time zone', () => {
    expectError(validatePolicy(withChange('/timezone', 'Mars/Olympus_Mons')), '/timezone', '未知的时区 "Mars/Olympus_Mons"', 'unknown time zone');
    expect(validatePolicy(withChange('/timezone', 'UTC')).ok).toBe(true);
  });

  it('unknown operator in a condition', () => {
    const e = expectError(validatePolicy(withChange('/rules/T1/rungs/0/when/all/0/operator', 'approximately')), '/rules/T1/rungs/0/when/all/0/operator', '', 'approximately');
    expect(e.message.zh).toMatch(/运算符/);
  });

  it('JSONPath filter expression in a fact path', () => {
    const result = validatePolicy(withChange('/rules/D1/when/any/0/path', '$[?(@.x)]'));
    const e = expectError(result, '/rules/D1/when/any/0/path', '', '');
    expect(e.message.zh.length).toBeGreaterThan(0);
    expect(e.message.en).toMatch(/path/i);
  });

  it('a fact the rule does not provide', () => {
    expectError(validatePolicy(withChange('/rules/M/rungs/0/when/all/0/fact', 'mismatchs')), '/rules/M/rungs/0/when/all/0/fact', '"mismatchs"', 'available: mismatches, windowMonths');
  });

  it('__proto__ keys parsed from JSON, top-level and nested, pollute nothing', () => {
    const top = POLICY_TEXT.replace('{', '{"__proto__": {"polluted": true},');
    expectError(validatePolicy(JSON.parse(top)), '/__proto__', '禁止使用的字段名 "__proto__"', 'forbidden field name "__proto__"');
    const nested = POLICY_TEXT.replace('"operator": "equal"', '"operator": "equal", "params": {"constructor": {"prototype": 1}}');
    expectError(validatePolicy(JSON.parse(nested)), '/rules/D1/when/any/0/params/constructor', '禁止使用的字段名', 'forbidden field name "constructor"');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('duplicate M rung ids, and M4 taken', () => {
    expectError(validatePolicy(withChange('/rules/M/rungs/2/rule', 'M1')), '/rules/M/rungs/2/rule', '规则编号 "M1" 重复', 'duplicate rule id "M1"');
    expectError(validatePolicy(withChange('/rules/M/rungs/2/rule', 'M4')), '/rules/M/rungs/2/rule', '"M4"', 'taken');
    expectError(validatePolicy(withChange('/rules/M/rungs/2/rule', 'X3')), '/rules/M/rungs/2/rule', '"M" 加数字', 'followed by digits');
  });

  it('T1 tiers distinct and not the otherwise tier', () => {
    expectError(validatePolicy(withChange('/rules/T1/rungs/1/tier', 'A')), '/rules/T1/rungs/1/tier', '重复', 'duplicate tier "A"');
    expectError(validatePolicy(withChange('/rules/T1/rungs/2/tier', 'D')), '/rules/T1/rungs/2/tier', 'otherwise', 'same as "otherwise"');
  });

  it('strings JSON cannot hash (lone surrogates) and values JSON cannot carry', () => {
    expectError(validatePolicy(JSON.parse(POLICY_TEXT.replace('"zh": "客户资源分配与销售纪律制度"', '"zh": "\\ud800"'))), '/name/zh', 'Unicode', 'lone surrogate');
    expectError(validatePolicy(withChange('/rules/D1/when/any/0/value', Number.NaN as unknown as Json)), '/rules/D1/when/any/0/value', 'JSON', 'not a JSON value');
  });

  it('caps the error list and survives deep nesting and cycles', () => {
    const many = fresh() as Record<string, Json>;
    for (let i = 0; i < 500; i += 1) many[`k${i}`] = i;
    const capped = errorsOf(validatePolicy(many));
    expect(capped).toHaveLength(100);
    expect(capped[99]?.message.en).toMatch(/more errors/);

    let deep: Json = { fact: 'contacted', operator: 'equal', value: false };
    for (let i = 0; i < 10_000; i += 1) deep = { not: deep };
    expect(errorsOf(validatePolicy(withChange('/rules/D1/when', deep))).length).toBeGreaterThan(0);

    const cyclic: Record<string, unknown> = { id: 'x' };
    cyclic.self = cyclic;
    expect(errorsOf(validatePolicy(cyclic)).length).toBeGreaterThan(0);
  });
});

/** Every leaf of a JSON value, as a pointer. */
function leaves(value: Json, pointer = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${pointer}/${i}`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, `${pointer}/${k}`));
  return [pointer];
}

const LEAVES = leaves(fresh());
const isPointer = (p: string): boolean => p === '' || p.startsWith('/');

function wellFormed(result: PolicyValidation): void {
  for (const e of result.errors) {
    expect(isPointer(e.pointer)).toBe(true);
    expect(e.message.zh.length).toBeGreaterThan(0);
    expect(e.message.en.length).toBeGreaterThan(0);
  }
}

describe('validatePolicy: fuzz', () => {
  it('never throws on any JSON value, and rejects it with well-formed errors', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = validatePolicy(value);
        expect(result.ok).toBe(false);
        expect(result.errors.length).toBeGreaterThan(0);
        wellFormed(result);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on values JSON cannot carry', () => {
    fc.assert(
      fc.property(fc.anything({ withBoxedValues: true, withMap: true, withSet: true, withObjectString: true, withNullPrototype: true, withSparseArray: true }), (value) => {
        const result = validatePolicy(value);
        expect(result.ok).toBe(false);
        wellFormed(result);
      }),
      { numRuns: 200 },
    );
  });

  it('on a random mutation of the seed policy: no throw, and rejected whenever ajv alone rejects', () => {
    const ajv = policySchemaValidator();
    const mutation = fc.oneof(
      fc.record({ pointer: fc.constantFrom(...LEAVES), value: fc.jsonValue() as fc.Arbitrary<Json | typeof DELETE> }),
      fc.record({ pointer: fc.constantFrom(...LEAVES), value: fc.constant<Json | typeof DELETE>(DELETE) }),
    );
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (changes) => {
        let policy = fresh();
        for (const c of changes) {
          // An earlier deletion can remove the parent of a later pointer; skip those.
          try {
            policy = withChange(c.pointer, c.value, policy);
          } catch {
            continue;
          }
        }
        const result = validatePolicy(policy);
        wellFormed(result);
        if (!ajv(policy)) {
          expect(result.ok).toBe(false);
          expect(result.errors.some((e) => e.pointer.startsWith('/'))).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
