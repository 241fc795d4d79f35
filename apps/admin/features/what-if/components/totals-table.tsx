'use client';

/** The what-if's totals: every measure under the base and the candidate, and the difference. */
import { METRICS } from '../metrics';
import type { TotalsTriple } from '../metrics';
import { metricLabel, showDelta, showMetric } from '../format';
import { useLang, useT } from '../../shared/components/lang-context';

/** Totals side by side: every measure under the base and the candidate, and the difference. */
export function TotalsTable({ totals, base, candidate }: { totals: TotalsTriple; base: string; candidate: string }) {
  const lang = useLang();
  const t = useT();
  return (
    <table data-testid="whatif-totals">
      <thead>
        <tr>
          <th>{t('whatif.metric')}</th>
          <th className="num">
            {t('whatif.baseCol')} {base}
          </th>
          <th className="num">
            {t('whatif.candidateCol')} {candidate}
          </th>
          <th className="num">{t('whatif.delta')}</th>
        </tr>
      </thead>
      <tbody>
        {METRICS.map((m) => {
          const d = totals.delta[m];
          return (
            <tr key={m} data-metric={m}>
              <td>{metricLabel(m, lang)}</td>
              <td className="num" data-testid={`whatif-base-${m}`} data-value={totals.base[m]}>
                {showMetric(m, totals.base[m])}
              </td>
              <td className="num" data-testid={`whatif-candidate-${m}`} data-value={totals.candidate[m]}>
                {showMetric(m, totals.candidate[m])}
              </td>
              <td className={`num ${d > 0 ? 'up' : d < 0 ? 'down' : 'muted'}`} data-testid={`whatif-delta-${m}`} data-value={d}>
                {showDelta(m, d)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
