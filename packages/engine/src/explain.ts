import type { Condition, FactCondition, JsonValue } from './conditions/condition-types.js';
import type { Localized } from './policy/policy-types.js';

/**
 * Sentences for decisions, in Chinese and English, naming the numbers that decided them.
 * Built from small phrases so a rule's sentence follows its numbers, not a fixed text.
 */

const group3 = (n: number): string => {
  const digits = String(n);
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return out;
};

/** Integer fen as 元 with two decimals and thousands separators ("800,000.00"). No floats. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100);
  const cents = abs - whole * 100;
  return `${sign}${group3(whole)}.${cents < 10 ? '0' : ''}${cents}`;
}

/** Joins localized parts with the language's separator. */
export function join(parts: Localized[], zhSep = ',', enSep = ', '): Localized {
  return { zh: parts.map((p) => p.zh).join(zhSep), en: parts.map((p) => p.en).join(enSep) };
}

const FACT_NAMES: Record<string, Localized> = {
  mismatches: { zh: '不匹配次数', en: 'mismatches' },
  violations: { zh: '违规次数', en: 'violations' },
  expectedDealFen: { zh: '预计成交金额', en: 'expected deal' },
  contacted: { zh: '已联系客户', en: 'contacted' },
  reported: { zh: '已上报经理', en: 'reported' },
  channel: { zh: '渠道', en: 'channel' },
  severity: { zh: '性质', en: 'severity' },
};

const OPERATORS: Record<string, string> = {
  equal: '=',
  notEqual: '≠',
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
  in: '∈',
  notIn: '∉',
  contains: '∋',
  doesNotContain: '∌',
};

const valueText = (fact: string, value: JsonValue | { fact: string }, lang: 'zh' | 'en'): string => {
  if (typeof value === 'number' && fact.endsWith('Fen')) return `${yuan(value)}${lang === 'zh' ? '元' : ' yuan'}`;
  if (typeof value === 'boolean') return lang === 'zh' ? (value ? '是' : '否') : String(value);
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof value.fact === 'string') return value.fact;
  return JSON.stringify(value);
};

const factText = (c: FactCondition, lang: 'zh' | 'en'): string => {
  const name = FACT_NAMES[c.fact]?.[lang] ?? c.fact;
  const op = OPERATORS[c.operator] ?? c.operator;
  return `${name}${c.path === undefined ? '' : c.path.slice(1)} ${op} ${valueText(c.fact, c.value, lang)}`;
};

/** A condition in words ("不匹配次数 ≥ 3" / "mismatches ≥ 3"), for explanations. */
export function describeCondition(condition: Condition): Localized {
  const text = (c: Condition, lang: 'zh' | 'en'): string => {
    if ('all' in c) {
      const inner = c.all.map((x) => text(x, lang));
      return inner.length === 1 ? (inner[0] as string) : `(${inner.join(lang === 'zh' ? ' 且 ' : ' and ')})`;
    }
    if ('any' in c) {
      const inner = c.any.map((x) => text(x, lang));
      return inner.length === 1 ? (inner[0] as string) : `(${inner.join(lang === 'zh' ? ' 或 ' : ' or ')})`;
    }
    if ('not' in c) return `${lang === 'zh' ? '非' : 'not '}(${text(c.not, lang)})`;
    return factText(c, lang);
  };
  return { zh: text(condition, 'zh'), en: text(condition, 'en') };
}
