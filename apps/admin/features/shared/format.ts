/** Instants, days and values for people, in China time. */
import type { Lang } from './i18n/lang';
import { t } from './i18n/messages';
import { COMBINE_LABELS, STAFF_ROLE_LABELS, UNITS } from './policy-labels';
import type { Unit } from './policy-labels';
import { formatYuan } from './money';
import { CODE_LABELS } from './labels';

/** An instant in China time (the company's zone), e.g. "2026年11月27日 18:47" / "27 Nov 2026, 18:47". */
export function formatInstant(iso: string | null | undefined, lang: Lang): string {
  if (iso === null || iso === undefined) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** A day in China time. */
export function formatDay(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', dateStyle: 'medium' }).format(new Date(iso));
}

/** A policy value for people: money in 元, units, yes/no, role names; absent as "—". */
export function formatValue(value: unknown, opts: { money: boolean; unit?: Unit | undefined }, lang: Lang): string {
  if (value === undefined) return '—';
  if (value === null) return t(lang, 'common.unlimited');
  if (typeof value === 'boolean') return t(lang, value ? 'common.yes' : 'common.no');
  if (typeof value === 'number' && opts.money && Number.isSafeInteger(value)) return `${formatYuan(value)} ${UNITS[opts.unit ?? 'yuan'][lang]}`;
  if (typeof value === 'number') return opts.unit === undefined ? String(value) : `${value} ${UNITS[opts.unit][lang]}`;
  if (Array.isArray(value)) return value.map((v) => STAFF_ROLE_LABELS[String(v)]?.[lang] ?? String(v)).join('、');
  if (typeof value === 'string') {
    const label = COMBINE_LABELS[value]?.[lang] ?? CODE_LABELS[value]?.[lang];
    if (label !== undefined) return label;
    return value.length > 80 ? `${value.slice(0, 77)}…` : value;
  }
  return JSON.stringify(value);
}
