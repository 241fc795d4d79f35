/** What-if measures and decisions in words for people. */
import type { Decision } from '@allot/engine';
import type { Lang } from '../shared/i18n/lang';
import { t } from '../shared/i18n/messages';
import type { MessageKey } from '../shared/i18n/messages';
import { STAFF_ROLE_LABELS } from '../shared/policy-labels';
import { formatYuan } from '../shared/money';
import { MONEY_METRICS } from './metrics';
import type { Metric } from './metrics';
import type { StaffInfo } from './types';

/** A measure's value for people: 元 (integer math, thousands separators) for money, else the number. */
export function showMetric(metric: Metric, value: number): string {
  return MONEY_METRICS.has(metric) ? formatYuan(value) : String(value);
}

/** A change with its sign: "+480", "-2", "0". */
export function showDelta(metric: Metric, value: number): string {
  return value > 0 ? `+${showMetric(metric, value)}` : showMetric(metric, value);
}

/** A measure's label. */
export function metricLabel(metric: Metric, lang: Lang): string {
  return t(lang, `whatif.m.${metric}` as MessageKey);
}

/** "销售员 · B 类" / "Sales rep · serves B". */
export function roleText(s: Pick<StaffInfo, 'role' | 'level'>, lang: Lang): string {
  const role = s.role === null ? '—' : (STAFF_ROLE_LABELS[s.role]?.[lang] ?? s.role);
  return s.level === null ? role : `${role} · ${t(lang, 'whatif.levelOf', { level: s.level })}`;
}

/** A decision kind's label. */
export function kindLabel(kind: Decision['kind'], lang: Lang): string {
  return t(lang, `whatif.kind.${kind}` as MessageKey);
}

/** What a decision decided, in a few words: client, amount in 元, period, count, reason. Clients by id only. */
export function decisionFacts(d: Decision): string {
  const r = d as unknown as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of ['clientId', 'staffId', 'fromStaffId', 'toStaffId', 'to', 'tier', 'count', 'reason', 'protectedBy']) {
    const v = r[key];
    if (typeof v === 'string' || typeof v === 'number') parts.push(`${key}=${v}`);
  }
  for (const key of ['amountFen', 'expectedDealFen']) {
    const v = r[key];
    if (typeof v === 'number') parts.push(`${formatYuan(v)} 元`);
  }
  if (typeof r['from'] === 'string' && typeof r['until'] === 'string') parts.push(`${String(r['from']).slice(0, 16)} → ${String(r['until']).slice(0, 16)}`);
  else if (typeof r['until'] === 'string') parts.push(`until ${String(r['until']).slice(0, 16)}`);
  return parts.join(' · ');
}
