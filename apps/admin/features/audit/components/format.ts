/**
 * Labels and values for the audit pages: decision kinds, field names and values, a decision's
 * subject and its link.
 */
import { formatInstant } from '../../shared/format';
import type { Lang } from '../../shared/i18n/lang';
import { MESSAGES, t } from '../../shared/i18n/messages';
import type { MessageKey } from '../../shared/i18n/messages';
import { formatYuan } from '../../shared/money';
import { CODE_LABELS, codeLabel } from '../../shared/labels';

/** A message by a key built at run time, or `fallback` when the table has no such key. */
function lookup(key: string, lang: Lang, fallback: string): string {
  return key in MESSAGES ? t(lang, key as MessageKey) : fallback;
}

/** A decision kind for people ("罚款" / "Fine"); the code itself when unknown. */
export function kindLabel(kind: string, lang: Lang): string {
  return lookup(`audit.kind.${kind}`, lang, kind);
}

/** A decision field's label. */
export function fieldLabel(name: string, lang: Lang): string {
  return lookup(`audit.f.${name}`, lang, name);
}

/** A decision field's value: fen as 元, instants in China time, the rest as written. */
export function fieldValue(name: string, value: unknown, lang: Lang): string {
  if (typeof value === 'number' && name.endsWith('Fen') && Number.isSafeInteger(value)) return `${formatYuan(value)} ${lang === 'zh' ? '元' : 'yuan'}`;
  if (typeof value === 'string' && (name === 'from' || name === 'until') && /^\d{4}-\d{2}-\d{2}T/.test(value)) return formatInstant(value, lang);
  if (typeof value === 'string' && name !== 'clientId' && !name.endsWith('StaffId') && name !== 'staffId' && CODE_LABELS[value] !== undefined) return `${codeLabel(value, lang)} (${value})`;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Who or what a decision is about, as ids: "s0016", "c000034 · s0016". Never a client's name or phone. */
export function subjectOf(decision: Record<string, unknown>, names?: ReadonlyMap<string, string | null>): string {
  const parts: string[] = [];
  for (const k of ['clientId', 'staffId', 'fromStaffId', 'toStaffId', 'to']) {
    const v = decision[k];
    if (typeof v !== 'string' || parts.includes(v)) continue;
    const name = k === 'clientId' ? undefined : names?.get(v);
    parts.push(name === undefined || name === null || name === '' ? v : `${name} (${v})`);
  }
  return parts.join(' · ');
}

/** The explorer's link to one decision (ids hold `#` and `:`). */
export function decisionHref(id: string): string {
  return `/audit/decisions/${encodeURIComponent(id)}`;
}
