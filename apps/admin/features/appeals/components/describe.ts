/** A decision and its sanction in words for the appeals pages, with the audit explorer's labels. */
import type { Decision } from '@allot/engine';
import type { Lang } from '../../shared/i18n/lang';
import { MESSAGES, t, type MessageKey } from '../../shared/i18n/messages';
import { formatInstant } from '../../shared/format';
import { formatYuan } from '../../shared/money';

/** A decision kind's label (the audit explorer's labels). */
export function kindText(kind: string, lang: Lang): string {
  const key = `audit.kind.${kind}`;
  return key in MESSAGES ? t(lang, key as MessageKey) : kind;
}

/** What a sanction imposes, in a few words: "罚款 20.00 元", "停止分配 3月4日 → 3月19日", "暂停分配 1 次". */
export function sanctionText(d: Decision, lang: Lang): string {
  const r = d as unknown as Record<string, unknown>;
  const parts = [kindText(d.kind, lang)];
  if (typeof r['amountFen'] === 'number') parts.push(`${formatYuan(r['amountFen'])} ${lang === 'zh' ? '元' : 'yuan'}`);
  if (typeof r['count'] === 'number') parts.push(lang === 'zh' ? `${r['count']} 次` : `× ${r['count']}`);
  if (typeof r['from'] === 'string' && typeof r['until'] === 'string') parts.push(`${formatInstant(r['from'], lang)} → ${formatInstant(r['until'], lang)}`);
  return parts.join(' · ');
}
