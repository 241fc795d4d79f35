/** A person's decisions as a timeline, newest first. */
import Link from 'next/link';
import { formatInstant } from '../../shared/format';
import type { Lang } from '../../shared/i18n/lang';
import { MESSAGES, t } from '../../shared/i18n/messages';
import type { MessageKey } from '../../shared/i18n/messages';
import type { TimelinePage } from '../detail';

/** The decision kind in words (the code when there is no label). */
function kindLabel(kind: string, lang: Lang): string {
  const key = `people.kind.${kind}`;
  return key in MESSAGES ? t(lang, key as MessageKey) : kind;
}

/**
 * A person's decisions, newest first: when, what, the rule and policy version, the explanation
 * in the UI language with the other beneath it, and a link to the decision in the audit explorer.
 */
export function Timeline({ page, staffId, before, lang }: { page: TimelinePage; staffId: string; before: number | undefined; lang: Lang }) {
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  const base = `/people/${encodeURIComponent(staffId)}`;
  return (
    <section className="card" data-testid="timeline">
      <div className="row">
        <h2 style={{ margin: 0 }}>{t(lang, 'people.timeline')}</h2>
        <span className="muted">{t(lang, 'people.timelineCount', { n: page.total })}</span>
      </div>
      {page.items.length === 0 ? (
        <p className="muted">{t(lang, 'people.noDecisions')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t(lang, 'people.when')}</th>
              <th>{t(lang, 'people.kind')}</th>
              <th>{t(lang, 'people.rule')}</th>
              <th>{t(lang, 'people.version')}</th>
              <th>{t(lang, 'people.explain')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {page.items.map(({ seq, decision: d }) => (
              <tr key={seq} data-decision={d.id} data-kind={d.kind}>
                <td style={{ whiteSpace: 'nowrap' }}>{formatInstant(d.at, lang)}</td>
                <td>
                  {kindLabel(d.kind, lang)}
                  <div className="hash">{d.kind}</div>
                </td>
                <td>{d.rule}</td>
                <td>{d.policy.version}</td>
                <td>
                  <div lang={lang === 'zh' ? 'zh-CN' : 'en'}>{d.explain[lang]}</div>
                  <div className="muted small" lang={other === 'zh' ? 'zh-CN' : 'en'}>
                    {d.explain[other]}
                  </div>
                </td>
                <td>
                  <Link href={`/audit/decisions/${encodeURIComponent(d.id)}`} data-testid="audit-link">
                    {t(lang, 'people.audit')}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="row">
        {before !== undefined && <Link href={base}>{t(lang, 'people.newest')}</Link>}
        <span className="spacer" />
        {page.next !== null && (
          <Link href={`${base}?before=${page.next}`} data-testid="older">
            {t(lang, 'people.older')}
          </Link>
        )}
      </div>
    </section>
  );
}
