/**
 * One sanction on 我的状态: what and until when, the rule and its clause, the events that caused it,
 * its notice.
 */
import Link from 'next/link';
import type { Names } from '../../shared/describe';
import { describeEvent } from '../../shared/describe';
import { formatInstant } from '../../shared/format';
import type { Lang } from '../../shared/i18n/lang';
import { t } from '../../shared/i18n/messages';
import { kindLabel } from '../../shared/labels';
import { formatYuan } from '../../shared/money';
import { appealLink } from '../index';
import type { Sanction } from '../status';

/** One sanction: what and until when, the rule in plain words and its clause, the events that caused it, its notice. */
export function SanctionCard({ s, names, lang }: { s: Sanction; names: Names; lang: Lang }) {
  const appeal = appealLink(s.decisionId);
  return (
    <li className="sanction" data-testid="sanction" data-decision={s.decisionId} data-kind={s.kind} data-running={s.running ? 'true' : 'false'}>
      <div className="row">
        <strong>{kindLabel(s.kind, lang)}</strong>
        {s.count !== undefined && <span>{t(lang, 'me.pauseLeft', { left: s.left ?? 0, count: s.count })}</span>}
        {s.until !== undefined && <span>{t(lang, 'me.period', { from: formatInstant(s.from, lang), until: formatInstant(s.until, lang) })}</span>}
        {s.amountFen !== undefined && <span>{formatYuan(s.amountFen)} 元</span>}
        <span className={`badge ${s.running ? 'submitted' : 'superseded'}`}>{t(lang, s.running ? 'me.running' : 'me.ended')}</span>
      </div>
      <p className="small muted">{formatInstant(s.at, lang)} · {s.explain[lang]}</p>
      {s.ruleText !== null && (
        <details>
          <summary>
            {t(lang, 'me.rule')} {s.ruleText.id}：{s.ruleText.title[lang]}
          </summary>
          {s.ruleText.clause !== null && (
            <blockquote className="small" data-testid="clause">
              {s.ruleText.clause.section}：{s.ruleText.clause.quote}
            </blockquote>
          )}
        </details>
      )}
      <div className="small">
        {t(lang, 'me.causes')}：
        {s.causes.length === 0 ? (
          <span className="muted">{t(lang, 'me.noCauses')}</span>
        ) : (
          <ul data-testid="causes">
            {s.causes.map((e) => (
              <li key={e.id} data-event={e.id}>
                {describeEvent(e, lang, names)}
              </li>
            ))}
          </ul>
        )}
      </div>
      <p className="row small">
        <Link href={`/notices/${encodeURIComponent(s.decisionId)}`} data-testid="notice-link">
          {t(lang, 'me.notice')}
        </Link>
        <Link href={appeal} data-testid="appeal-link">
          {t(lang, 'me.appeal')}
        </Link>
      </p>
    </li>
  );
}
