/**
 * A decision's appeal history as a card: acknowledgements, the appeal and its decision, and what
 * superseded it.
 */
import type { Lang } from '../../shared/i18n/lang';
import { t, type MessageKey } from '../../shared/i18n/messages';
import { formatInstant } from '../../shared/format';
import type { AppealHistory } from '../appeals';
import { sanctionText } from './describe';

/** A decision's acknowledgements, appeal and its decision, and what superseded it (the audit explorer's decision page, the appeal page). */
export function AppealHistoryCard({ history, lang, link }: { history: AppealHistory; lang: Lang; link?: (decisionId: string) => string }) {
  const sup = history.superseded as (AppealHistory['superseded'] & { by?: string }) | null;
  return (
    <section className="card" data-testid="appeal-history">
      <h2>{t(lang, 'appeals.history')}</h2>
      {history.answers.length === 0 ? (
        <p className="muted">{t(lang, 'appeals.historyNone')}</p>
      ) : (
        <ol data-testid="appeal-answers">
          {history.answers.map((a) => {
            const e = a.event as unknown as Record<string, unknown>;
            const outcome = typeof e['outcome'] === 'string' ? ` · ${t(lang, `appeals.outcome.${e['outcome']}` as MessageKey)}` : '';
            return (
              <li key={a.eventId} data-event={a.eventId}>
                <strong>{t(lang, `appeals.event.${a.type}` as MessageKey)}</strong>
                {outcome} · {formatInstant(a.at, lang)}
                {typeof e['by'] === 'string' && ` · ${t(lang, 'appeals.by')} ${e['by']}`}
                {typeof e['staffId'] === 'string' && ` · ${e['staffId']}`}
                {typeof e['reason'] === 'string' && <div className="muted">{t(lang, 'appeals.reason')}：{e['reason']}</div>}
                {typeof e['witness'] === 'string' && <div className="muted">{t(lang, 'appeals.witness')}：{e['witness']}</div>}
              </li>
            );
          })}
        </ol>
      )}
      {sup !== null && (
        <div data-testid="superseded-by">
          <p className="notice">{t(lang, 'appeals.supersededBy', { by: sup.by ?? '', at: formatInstant(sup.at, lang) })}</p>
          <h3>{t(lang, 'appeals.replacements')}</h3>
          {history.replacements.length === 0 ? (
            <p className="muted">{t(lang, 'appeals.noReplacement')}</p>
          ) : (
            <ul data-testid="replacements">
              {history.replacements.map((d) => (
                <li key={d.id}>
                  {link === undefined ? <span className="hash">{d.id}</span> : <a href={link(d.id)} className="hash">{d.id}</a>} · {sanctionText(d, lang)} · {d.explain[lang]}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
