import { formatDay } from '../../shared/format';
import type { Lang } from '../../shared/i18n/lang';
import { t } from '../../shared/i18n/messages';
import type { MessageKey } from '../../shared/i18n/messages';
import { formatYuan } from '../../shared/money';
import type { ImpactNumbers, ImpactSummary } from '../impact';

const METRICS = ['finesFen', 'fines', 'banDays', 'pauses', 'hotlineBanDays', 'reclaims', 'terminationReviews', 'allocations'] as const;

const show = (metric: keyof ImpactNumbers, n: number): string => (metric === 'finesFen' ? formatYuan(n) : String(n));
const signed = (metric: keyof ImpactNumbers, n: number): string => (n > 0 ? `+${show(metric, n)}` : show(metric, n));

/** The approver's impact summary: company totals under both versions and every person affected. */
export function ImpactView({ impact, lang }: { impact: ImpactSummary | null; lang: Lang }) {
  if (impact === null) return <p className="muted">{t(lang, 'impact.unavailable')}</p>;
  const { window: w } = impact;
  return (
    <div data-testid="impact-summary">
      <h3>{t(lang, 'impact.title', { days: w.days, from: formatDay(w.from, lang), to: formatDay(w.to, lang), events: w.events })}</h3>
      <p className="muted small">{t(lang, 'impact.versus', { base: impact.base.version, candidate: impact.candidate.version })}</p>
      <table>
        <thead>
          <tr>
            <th>{t(lang, 'impact.metric')}</th>
            <th className="num">{t(lang, 'impact.base')}</th>
            <th className="num">{t(lang, 'impact.candidate')}</th>
            <th className="num">{t(lang, 'impact.delta')}</th>
          </tr>
        </thead>
        <tbody>
          {METRICS.map((m) => (
            <tr key={m} data-metric={m}>
              <td>{t(lang, `impact.${m}` as MessageKey)}</td>
              <td className="num">{show(m, impact.company.base[m])}</td>
              <td className="num">{show(m, impact.company.candidate[m])}</td>
              <td className={`num ${impact.company.delta[m] > 0 ? 'up' : impact.company.delta[m] < 0 ? 'down' : ''}`} data-testid={`impact-delta-${m}`}>
                {signed(m, impact.company.delta[m])}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {impact.staff.length === 0 ? (
        <p className="muted">{t(lang, 'impact.noChange', { days: w.days })}</p>
      ) : (
        <>
          <h3 style={{ marginTop: 16 }}>{t(lang, 'impact.perPerson', { n: impact.staff.length })}</h3>
          <table data-testid="impact-staff">
            <thead>
              <tr>
                <th>{t(lang, 'impact.person')}</th>
                {(['finesFen', 'banDays', 'pauses', 'reclaims'] as const).map((m) => (
                  <th key={m} className="num">
                    {t(lang, `impact.${m}` as MessageKey)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {impact.staff.map((s) => (
                <tr key={s.staffId}>
                  <td>
                    {s.name ?? s.staffId} <span className="muted small">{s.staffId}</span>
                  </td>
                  {(['finesFen', 'banDays', 'pauses', 'reclaims'] as const).map((m) => (
                    <td key={m} className="num">
                      {show(m, s.base[m])} → {show(m, s.candidate[m])} <span className={s.delta[m] > 0 ? 'up' : s.delta[m] < 0 ? 'down' : 'muted'}>({signed(m, s.delta[m])})</span>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
