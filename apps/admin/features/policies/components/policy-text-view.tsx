/** 制度全文: the whole policy as sentences, grouped as the source groups them, printable. */
import type { Lang } from '../../shared/i18n/lang';
import { t } from '../../shared/i18n/messages';
import type { Localized } from '../../shared/i18n/lang';
import type { RuleMark, RuleText, TextGroup } from '../policy-text';

/** Props of {@link PolicyTextView}. */
export interface PolicyTextViewProps {
  name: Localized;
  version: string;
  groups: TextGroup[];
  lang: Lang;
  /** For a draft: each rule marked against the version in force, and the rules it removes. */
  marks?: Map<string, { mark: RuleMark; before: Localized[] | null }>;
  removed?: RuleText[];
  baseVersion?: string;
}

const MARK_KEY = { added: 'text.markAdded', changed: 'text.markChanged', retyped: 'text.markRetyped' } as const;

function Rule({ rule, lang, mark, before, removed = false }: { rule: RuleText; lang: Lang; mark?: RuleMark; before?: Localized[] | null; removed?: boolean }) {
  return (
    <li className={`text-rule${removed ? ' removed' : ''}${mark !== undefined && mark !== 'same' ? ` marked ${mark}` : ''}`} data-rule={rule.id} data-mark={removed ? 'removed' : (mark ?? 'same')}>
      <div className="text-rule-head">
        <strong className="rule-id">{rule.id}</strong>
        {rule.title !== null && <strong>{rule.title[lang]}</strong>}
        {rule.section !== null && <span className="muted small">{rule.section}</span>}
        {!rule.enabled && <span className="badge">{t(lang, 'text.disabled')}</span>}
        {removed && <span className="badge removed">{t(lang, 'text.markRemoved')}</span>}
        {mark !== undefined && mark !== 'same' && <span className={`badge ${mark}`}>{t(lang, MARK_KEY[mark])}</span>}
      </div>
      <div className="text-lines">
        {rule.lines.map((l, i) => (
          <p key={i} lang={lang === 'zh' ? 'zh-CN' : 'en'}>
            {removed ? <del>{l[lang]}</del> : l[lang]}
          </p>
        ))}
        {before !== undefined && before !== null && (
          <div className="text-before small">
            {t(lang, 'text.before')}{' '}
            {before.map((l, i) => (
              <del key={i}>{l[lang]} </del>
            ))}
          </div>
        )}
      </div>
      {(rule.reading !== null || rule.quote !== null) && (
        <div className="text-clause small">
          {rule.reading !== null && (
            <p className="reading" data-testid="clause-reading">
              <span className="muted">{t(lang, 'text.clause')}</span> {rule.reading}
            </p>
          )}
          {rule.quote !== null && (
            <details className="quote no-print">
              <summary>{t(lang, rule.reading === null ? 'text.quote' : 'text.quoteWithDefects')}</summary>
              <blockquote lang="zh-CN">{rule.quote}</blockquote>
            </details>
          )}
        </div>
      )}
    </li>
  );
}

/**
 * 制度全文: the whole policy as sentences, grouped as the source groups them, each rule with
 * its numbers, its clause's reading and (folded) its verbatim quote. Prints without the app's
 * chrome (globals.css `@media print`), each rule kept on one page, with a line for signatures.
 */
export function PolicyTextView({ name, version, groups, lang, marks, removed = [], baseVersion }: PolicyTextViewProps) {
  return (
    <article className="policy-text" data-testid="policy-text">
      <header className="policy-text-head">
        <h2>
          {t(lang, 'text.title')} · {name[lang]}
        </h2>
        <p className="muted small">{t(lang, 'text.version', { version })}</p>
        {marks !== undefined && baseVersion !== undefined && <p className="notice info no-print">{t(lang, 'text.marked', { base: baseVersion })}</p>}
      </header>
      {groups.map((g, gi) => (
        <section key={g.key} className="text-group">
          <h3>
            {gi + 1}. {g.heading[lang]}
          </h3>
          <ol className="text-rules">
            {g.rules.map((r) => {
              const m = marks?.get(r.id);
              return <Rule key={r.id} rule={r} lang={lang} {...(m === undefined ? {} : { mark: m.mark, before: m.before })} />;
            })}
          </ol>
        </section>
      ))}
      {removed.length > 0 && (
        <section className="text-group">
          <h3>{t(lang, 'text.removedGroup')}</h3>
          <ol className="text-rules">
            {removed.map((r) => (
              <Rule key={r.id} rule={r} lang={lang} removed />
            ))}
          </ol>
        </section>
      )}
      <footer className="print-only signature">
        <p>{t(lang, 'text.signature')}</p>
      </footer>
    </article>
  );
}
