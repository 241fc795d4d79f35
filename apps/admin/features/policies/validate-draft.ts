/**
 * A draft checked before it is saved: every problem by JSON Pointer, in both languages, money
 * fields in integer fen.
 */
import { validatePolicy } from '@allot/engine';
import type { Localized } from '../shared/i18n/lang';
import { formatYuan } from '../shared/money';
import { maximumAt } from './schema-at';
import { pointerTokens, toPointer, valueAt } from './pointer';

/** One problem in a draft: where (JSON Pointer) and what, in both UI languages. */
export interface DraftError {
  pointer: string;
  message: Localized;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Is the field at `tokens` an amount of money (integer fen in the file, 元 in the form)? Every
 * `fineFen`, and the `value` of a condition on the fact `expectedDealFen` (the T1 thresholds).
 */
export function isMoneyField(doc: unknown, tokens: readonly string[]): boolean {
  const last = tokens[tokens.length - 1];
  if (last === 'fineFen') return true;
  if (last !== 'value') return false;
  const parent = valueAt(doc, tokens.slice(0, -1));
  return isObject(parent) && parent['fact'] === 'expectedDealFen';
}

/** What is wrong with an amount, said in 元 (the unit the form shows), or null when it is fine. */
export function moneyProblem(value: unknown, maxFen: number | undefined): Localized | null {
  if (typeof value === 'string' || (typeof value === 'number' && !Number.isFinite(value))) {
    return { zh: '请输入以元为单位的金额，例如 20 或 20.5（最多两位小数）', en: 'enter an amount in yuan, e.g. 20 or 20.5 (at most two decimals)' };
  }
  if (typeof value !== 'number') return { zh: '请输入金额（元）', en: 'enter an amount in yuan' };
  if (!Number.isSafeInteger(value)) return { zh: '金额在 JSON 中以分为单位，必须是整数', en: 'in the JSON, amounts are whole fen (integers)' };
  if (value < 0) return { zh: `金额不能为负数（当前为 ${formatYuan(value)} 元）`, en: `the amount cannot be negative (now ${formatYuan(value)} yuan)` };
  if (maxFen !== undefined && value > maxFen) return { zh: `金额最多 ${formatYuan(maxFen)} 元`, en: `at most ${formatYuan(maxFen)} yuan` };
  return null;
}

/** Pointers of every T1 threshold (a condition leaf on `expectedDealFen`), for the checks the schema cannot make. */
function tierThresholds(doc: unknown): string[][] {
  const out: string[][] = [];
  const walk = (node: unknown, tokens: string[]): void => {
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, [...tokens, String(i)]));
    else if (isObject(node)) {
      if (node['fact'] === 'expectedDealFen' && 'value' in node && !isObject(node['value'])) out.push([...tokens, 'value']);
      for (const [k, v] of Object.entries(node)) if (k !== 'fact') walk(v, [...tokens, k]);
    }
  };
  const rungs = valueAt(doc, ['rules', 'T1', 'rungs']);
  if (Array.isArray(rungs)) rungs.forEach((r, i) => walk(isObject(r) ? r['when'] : undefined, ['rules', 'T1', 'rungs', String(i), 'when']));
  return out;
}

const COUNT_FACTS = new Set(['count', 'mismatches', 'violations', 'windowMonths']);

/**
 * Format 2: comparisons whose fact holds money or a count but whose value is not a number (the
 * condition schema takes any value): each as [pointer tokens, money?]. Money thresholds in fen
 * are checked like fines.
 */
function numericLeaves(doc: unknown): Array<{ tokens: string[]; money: boolean }> {
  const out: Array<{ tokens: string[]; money: boolean }> = [];
  const rules = valueAt(doc, ['rules']);
  if (!Array.isArray(rules)) return out;
  rules.forEach((rule, i) => {
    const countFact = isObject(rule) && typeof rule['countFact'] === 'string' ? rule['countFact'] : undefined;
    const walk = (node: unknown, tokens: string[]): void => {
      if (Array.isArray(node)) node.forEach((n, j) => walk(n, [...tokens, String(j)]));
      else if (isObject(node)) {
        const fact = node['fact'];
        if (typeof fact === 'string' && 'value' in node && !isObject(node['value']) && !Array.isArray(node['value'])) {
          if (fact === 'expectedDealFen') out.push({ tokens: [...tokens, 'value'], money: true });
          else if (COUNT_FACTS.has(fact) || fact === countFact) out.push({ tokens: [...tokens, 'value'], money: false });
        }
        for (const [k, v] of Object.entries(node)) if (k !== 'fact' && k !== 'value') walk(v, [...tokens, k]);
      }
    };
    walk(rule, ['rules', String(i)]);
  });
  return out;
}

/**
 * Validates a draft exactly as the server does: the engine's `validatePolicy` (its JSON Schema
 * and semantic checks), with amounts of money explained in 元, plus the T1 thresholds (amounts
 * the condition schema cannot type). Used by the form's resolver and by every save.
 */
export function validateDraft(doc: unknown): DraftError[] {
  const result = validatePolicy(doc);
  const errors: DraftError[] = [];
  const seen = new Set<string>();
  for (const e of result.ok ? [] : result.errors) {
    const tokens = pointerTokens(e.pointer);
    const money = isMoneyField(doc, tokens) ? moneyProblem(valueAt(doc, tokens), maximumAt(tokens)) : null;
    errors.push({ pointer: e.pointer, message: money ?? e.message });
    seen.add(e.pointer);
  }
  if (isObject(doc) && doc['format'] === 2) {
    for (const { tokens, money } of numericLeaves(doc)) {
      const pointer = toPointer(tokens);
      if (seen.has(pointer)) continue;
      const value = valueAt(doc, tokens);
      const problem = money ? moneyProblem(value, undefined) : typeof value === 'number' && Number.isFinite(value) ? null : { zh: '请输入数字', en: 'enter a number' };
      if (problem !== null) {
        errors.push({ pointer, message: problem });
        seen.add(pointer);
      }
    }
    return errors;
  }
  for (const tokens of tierThresholds(doc)) {
    const pointer = toPointer(tokens);
    if (seen.has(pointer)) continue;
    const problem = moneyProblem(valueAt(doc, tokens), undefined);
    if (problem !== null) errors.push({ pointer, message: problem });
  }
  return errors;
}
