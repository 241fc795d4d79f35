import type { ErrorObject } from 'ajv';
import { joinPointer, pointerTokens } from './json-pointer.js';
import { LADDER_RULE_ID_PATTERN, POLICY_ID_PATTERN, SEMVER_PATTERN } from './policy-schema.js';
import type { PolicyError } from './validate-policy.js';

/**
 * Turns ajv's error objects into one Chinese and one English sentence each, written for an HR
 * manager: the field is named, its bounds and unit are spelled out, and the value found is shown.
 */

type Schema = Record<string, unknown>;
type Pair = { zh: string; en: string };

const UNITS: Record<string, Pair> = {
  fen: { zh: '分', en: 'fen' },
  minutes: { zh: '分钟', en: 'minutes' },
  hours: { zh: '小时', en: 'hours' },
  months: { zh: '个月', en: 'months' },
  days: { zh: '天', en: 'days' },
};

const TYPE_NAMES: Record<string, Pair> = {
  string: { zh: '字符串', en: 'a string' },
  number: { zh: '数字', en: 'a number' },
  integer: { zh: '整数', en: 'an integer' },
  boolean: { zh: '布尔值（true 或 false）', en: 'true or false' },
  object: { zh: '对象', en: 'an object' },
  array: { zh: '数组', en: 'an array' },
  null: { zh: 'null', en: 'null' },
};

const PATTERN_HINTS: Record<string, Pair> = {
  [SEMVER_PATTERN]: { zh: '必须是语义化版本号，例如 "1.0.0"', en: 'must be a semantic version such as "1.0.0"' },
  [POLICY_ID_PATTERN]: {
    zh: '必须由小写字母、数字和连字符组成，例如 "sales-resource"',
    en: 'must be kebab-case (lower-case letters, digits, hyphens), e.g. "sales-resource"',
  },
  [LADDER_RULE_ID_PATTERN]: { zh: '必须是 "M" 加数字，例如 "M1"', en: 'must be "M" followed by digits, e.g. "M1"' },
};

const NUMERIC_KEYWORDS = new Set(['type', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']);

const json = (v: unknown): string => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
};

/** The value found, for "got …" / "实际为 …". */
function found(data: unknown): Pair {
  if (data === undefined) return { zh: '', en: '' };
  if (Array.isArray(data)) return { zh: '，实际为数组', en: ', got an array' };
  if (data !== null && typeof data === 'object') return { zh: '，实际为对象', en: ', got an object' };
  return { zh: `，实际为 ${json(data)}`, en: `, got ${json(data)}` };
}

const asTypes = (t: unknown): string[] => (Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : typeof t === 'string' ? [t] : []);

/** "a non-negative integer (days, at most 3650)" from the field's schema. */
function expectation(schema: Schema): Pair {
  const types = asTypes(schema.type);
  const nullable = types.includes('null');
  let base: Pair;
  if (types.includes('integer') || types.includes('number')) {
    const min = schema.minimum;
    const noun = types.includes('integer') ? { zh: '整数', en: 'integer' } : { zh: '数字', en: 'number' };
    if (min === 0) base = { zh: `非负${noun.zh}`, en: `a non-negative ${noun.en}` };
    else if (min === 1 && noun.en === 'integer') base = { zh: '正整数', en: 'a positive integer' };
    else base = { zh: noun.zh, en: noun.en === 'integer' ? 'an integer' : 'a number' };
    const notes: Pair[] = [];
    const unit = typeof schema['x-unit'] === 'string' ? UNITS[schema['x-unit']] : undefined;
    if (unit !== undefined) notes.push({ zh: `单位：${unit.zh}`, en: unit.en });
    if (typeof min === 'number' && min !== 0 && min !== 1) notes.push({ zh: `最小 ${min}`, en: `at least ${min}` });
    if (typeof schema.maximum === 'number') notes.push({ zh: `最大 ${schema.maximum}`, en: `at most ${schema.maximum}` });
    if (notes.length > 0) base = { zh: `${base.zh}（${notes.map((n) => n.zh).join('，')}）`, en: `${base.en} (${notes.map((n) => n.en).join(', ')})` };
  } else {
    const names = types.filter((t) => t !== 'null').map((t) => TYPE_NAMES[t] ?? { zh: t, en: t });
    base = { zh: names.map((n) => n.zh).join('或'), en: names.map((n) => n.en).join(' or ') };
  }
  return nullable ? { zh: `${base.zh}或 null`, en: `${base.en} or null` } : base;
}

/** How the field is named in a sentence: its key (or `rungs[2]`), plus its Chinese label. */
function fieldName(pointer: string, schema: Schema | undefined): Pair {
  const tokens = pointerTokens(pointer);
  const last = tokens[tokens.length - 1];
  if (last === undefined) return { zh: '策略文件', en: 'The policy' };
  const parent = tokens[tokens.length - 2];
  const key = /^[0-9]+$/.test(last) && parent !== undefined ? `${parent}[${last}]` : last;
  const zhTitle = (schema?.['x-zh'] as { title?: unknown } | undefined)?.title;
  return { zh: typeof zhTitle === 'string' ? `"${key}"（${zhTitle}）` : `"${key}"`, en: `"${key}"` };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : String(v));

/** Translates one ajv error; `undefined` for errors that only summarise others (`if`). */
function translate(e: ErrorObject): PolicyError | undefined {
  const params = e.params as Record<string, unknown>;
  const schema = (e.parentSchema ?? {}) as Schema;
  const sentence = (body: Pair, withFound = true): PolicyError => {
    const name = fieldName(e.instancePath, schema);
    const got = withFound ? found(e.data) : { zh: '', en: '' };
    return { pointer: e.instancePath, message: { zh: `${name.zh}${body.zh}${got.zh}`, en: `${name.en} ${body.en}${got.en}` } };
  };
  const mustBe = (p: Pair): Pair => ({ zh: `必须是${p.zh}`, en: `must be ${p.en}` });
  if (NUMERIC_KEYWORDS.has(e.keyword) && (e.keyword !== 'type' || asTypes(schema.type).some((t) => t === 'integer' || t === 'number'))) {
    return sentence(mustBe(expectation(schema)));
  }
  switch (e.keyword) {
    case 'if':
      return undefined;
    case 'required': {
      const key = str(params.missingProperty);
      return { pointer: joinPointer(e.instancePath, key), message: { zh: `缺少必填字段 "${key}"`, en: `missing required field "${key}"` } };
    }
    case 'additionalProperties': {
      const key = str(params.additionalProperty);
      return { pointer: joinPointer(e.instancePath, key), message: { zh: `不允许的字段 "${key}"`, en: `unknown field "${key}"` } };
    }
    case 'type':
      return sentence(mustBe(expectation(schema)));
    case 'enum': {
      const values = Array.isArray(params.allowedValues) ? params.allowedValues : [];
      return sentence({ zh: `必须是以下之一：${values.map(json).join('、')}`, en: `must be one of ${values.map(json).join(', ')}` });
    }
    case 'const':
      return sentence({ zh: `必须是 ${json(params.allowedValue)}`, en: `must be ${json(params.allowedValue)}` });
    case 'pattern': {
      const pattern = str(params.pattern);
      return sentence(PATTERN_HINTS[pattern] ?? { zh: `格式不正确（须匹配 ${pattern}）`, en: `must match ${pattern}` });
    }
    case 'minLength':
      return params.limit === 1
        ? sentence({ zh: '不能为空', en: 'must not be empty' }, false)
        : sentence({ zh: `长度至少为 ${str(params.limit)} 个字符`, en: `must be at least ${str(params.limit)} characters long` }, false);
    case 'maxLength':
      return sentence({ zh: `长度不能超过 ${str(params.limit)} 个字符`, en: `must be at most ${str(params.limit)} characters long` }, false);
    case 'minItems':
      return sentence({ zh: `至少需要 ${str(params.limit)} 项`, en: `must have at least ${str(params.limit)} item${params.limit === 1 ? '' : 's'}` }, false);
    case 'maxItems':
      return sentence({ zh: `最多只能有 ${str(params.limit)} 项`, en: `must have at most ${str(params.limit)} items` }, false);
    case 'uniqueItems': {
      const i = Number(params.i);
      const j = Number(params.j);
      const dup = Math.max(i, j);
      const value = Array.isArray(e.data) ? json(e.data[dup]) : '';
      // Point at the later copy: the first one is the one to keep.
      return { pointer: joinPointer(e.instancePath, dup), message: { zh: `重复的值 ${value}`, en: `duplicate value ${value}` } };
    }
    default:
      return sentence({ zh: `不符合要求（${e.keyword}：${e.message ?? ''}）`, en: e.message ?? `fails "${e.keyword}"` });
  }
}

/**
 * Translates ajv's errors into `PolicyError`s in ajv's order, dropping summaries and duplicates
 * (a value like -1.5 breaks both `type: integer` and `minimum`, and reads as one sentence).
 */
export function translateAjvErrors(errors: readonly ErrorObject[]): PolicyError[] {
  const out: PolicyError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const t = translate(e);
    if (t === undefined) continue;
    const key = `${t.pointer}\u0000${t.message.en}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(t);
  }
  return out;
}
