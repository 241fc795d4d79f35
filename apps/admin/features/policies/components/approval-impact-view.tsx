/** A version's impact on its approval page: the changes by kind and rule. */
import Link from 'next/link';
import { formatDay } from '../../shared/format';
import type { Lang } from '../../shared/i18n/lang';
import { t } from '../../shared/i18n/messages';
import { RULE_HEADINGS } from '../../shared/policy-labels';
import type { ApprovalImpact } from '../../what-if';
import { kindLabel, METRICS, metricLabel, showDelta, TotalsTable } from '../../what-if/client';
import type { Totals } from '../../what-if/client';
import type { Decision } from '@allot/engine';

/** The non-zero changes of a rule's measures: "罚款金额（元） +270.00; 罚款次数 +9". */
export function changesText(delta: Totals, lang: Lang): string {
  return METRICS.filter((m) => delta[m] !== 0)
    .map((m) => `${metricLabel(m, lang)} ${showDelta(m, delta[m])}`)
    .join(lang === 'zh' ? '；' : '; ');
}

const ruleHeading = (rule: string, lang: Lang): string => {
  const key = (/^M[123]$/.test(rule) ? 'M' : rule) as keyof typeof RULE_HEADINGS;
  const h = RULE_HEADINGS[key];
  return h === undefined ? rule : h[lang].startsWith(rule) ? h[lang] : `${rule} ${h[lang]}`;
};

/**
 * The approver's impact: the what-if run with the what-if page's defaults, its mode and period
 * named, how many decisions differ (every kind, tiering included) and by kind, the totals, the
 * change rule by rule, and a link to the what-if page with the same parameters.
 */
export function ApprovalImpactView({ impact, lang }: { impact: ApprovalImpact; lang: Lang }) {
  const { result: r } = impact;
  const differing = r.decisions.differing;
  return (
    <div data-testid="approval-impact" data-differing={differing}>
      <div className="row">
        <h2 style={{ margin: 0 }}>{t(lang, 'approvalImpact.title')}</h2>
        <span className="spacer" />
        <Link href={impact.whatIfHref} data-testid="approval-impact-whatif">
          {t(lang, 'approvalImpact.open')}
        </Link>
      </div>
      <p className="muted small" data-testid="approval-impact-mode">
        {t(lang, 'approvalImpact.mode', { base: r.base.version, from: formatDay(r.period.from, lang), to: formatDay(r.period.to, lang), days: r.period.days, events: r.period.events })}
      </p>
      {differing === 0 ? (
        <p className="notice ok" data-testid="approval-impact-none">
          {t(lang, 'approvalImpact.none')}
        </p>
      ) : (
        <p className="notice warn" data-testid="approval-impact-differing">
          <strong>{t(lang, 'approvalImpact.differing', { n: differing })}</strong> · {t(lang, 'approvalImpact.people', { n: r.people.length })}
        </p>
      )}
      {impact.byKind.length > 0 && (
        <>
          <h3>{t(lang, 'approvalImpact.byKind')}</h3>
          <table data-testid="approval-impact-kinds">
            <thead>
              <tr>
                <th>{t(lang, 'approvalImpact.kind')}</th>
                <th className="num">{t(lang, 'approvalImpact.count')}</th>
              </tr>
            </thead>
            <tbody>
              {impact.byKind.map((k) => (
                <tr key={k.kind} data-kind={k.kind}>
                  <td>
                    {kindLabel(k.kind as Decision['kind'], lang)} <span className="muted small">{k.kind}</span>
                  </td>
                  <td className="num" data-value={k.differing}>
                    {k.differing}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>{t(lang, 'approvalImpact.totals')}</h3>
      <TotalsTable totals={r.totals} base={r.base.version} candidate={r.candidate.version} />
      {impact.byRule.length > 0 && (
        <>
          <h3>{t(lang, 'approvalImpact.byRule')}</h3>
          <table data-testid="approval-impact-rules">
            <thead>
              <tr>
                <th>{t(lang, 'approvalImpact.rule')}</th>
                <th className="num">{t(lang, 'approvalImpact.count')}</th>
                <th>{t(lang, 'approvalImpact.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {impact.byRule.map((row) => (
                <tr key={row.rule} data-rule={row.rule}>
                  <td>{ruleHeading(row.rule, lang)}</td>
                  <td className="num">{row.differing}</td>
                  <td>{changesText(row.delta, lang) || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
