/** A policy's timeline as a picture and a table, with the cancelled schedules and a day pick. */
import type { Lang } from '../../shared/i18n/lang';
import { t } from '../../shared/i18n/messages';
import { formatInZone, zoneLabel } from '../../shared/zoned-time';
import type { PolicyTimelineView } from '../timeline';
import { DayLookup } from './day-lookup';

const COLORS: Record<string, string> = { in_force: '#2f855a', scheduled: '#2b6cb0', superseded: '#a0aec0', overridden: '#e2e8f0' };

/**
 * A policy's timeline as a picture (one block per version, in order, the one in force marked
 * "now") and a table (from, until, standing), times in the policy's zone, with the cancelled
 * schedules listed apart and a day picker that names the version in force on a day.
 */
export function TimelineView({ policyId, timeline, zone, lang }: { policyId: string; timeline: PolicyTimelineView; zone: string; lang: Lang }) {
  const segs = timeline.segments.filter((s) => s.standing !== 'overridden');
  const when = (iso: string | null, open: 'start' | 'open'): string => (iso === null ? t(lang, open === 'start' ? 'timeline.start' : 'timeline.open') : formatInZone(iso, zone, lang));
  return (
    <div data-testid="timeline" data-policy={policyId}>
      <h3 style={{ marginBottom: 4 }}>{t(lang, 'timeline.title')}</h3>
      <p className="muted small" style={{ marginTop: 0 }}>
        {t(lang, 'timeline.caption', { zone: zoneLabel(zone, lang) })} · {t(lang, 'timeline.notToScale')}
      </p>
      <div role="img" aria-label={t(lang, 'timeline.title')} data-testid="timeline-picture" style={{ display: 'flex', gap: 2, margin: '8px 0 12px' }}>
        {segs.map((s) => (
          <div key={s.version} data-version={s.version} data-standing={s.standing} style={{ flex: 1, minWidth: 0 }}>
            <div style={{ background: COLORS[s.standing], color: '#fff', borderRadius: 4, padding: '6px 8px', fontWeight: 600, display: 'flex', justifyContent: 'space-between', gap: 4 }}>
              <span>{s.version}</span>
              {s.standing === 'in_force' && <span style={{ fontWeight: 400 }}>▼ {t(lang, 'timeline.now')}</span>}
            </div>
            <div className="muted small" style={{ marginTop: 2, overflowWrap: 'anywhere' }}>
              {s.from === null ? t(lang, 'timeline.start') : formatInZone(s.from, zone, lang)}
            </div>
          </div>
        ))}
      </div>
      <table data-testid="timeline-table">
        <thead>
          <tr>
            <th>{t(lang, 'timeline.version')}</th>
            <th>{t(lang, 'timeline.from')}</th>
            <th>{t(lang, 'timeline.until')}</th>
            <th>{t(lang, 'timeline.standing')}</th>
          </tr>
        </thead>
        <tbody>
          {timeline.segments.map((s) => (
            <tr key={s.version} data-version={s.version} data-standing={s.standing}>
              <td>
                <a href={`/policies/${policyId}/${s.version}`}>{s.version}</a>
              </td>
              <td>{when(s.from, 'start')}</td>
              <td>{s.standing === 'overridden' ? '—' : when(s.until, 'open')}</td>
              <td>
                <span className={`badge ${s.standing}`}>{t(lang, `status.${s.standing}`)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {timeline.cancelled.length > 0 && (
        <p className="muted small" data-testid="timeline-cancelled">
          {t(lang, 'timeline.cancelled')}：{timeline.cancelled.map((c) => t(lang, 'timeline.cancelledRow', { version: c.version, when: when(c.effectiveFrom, 'start') })).join('；')}
        </p>
      )}
      <DayLookup segments={segs.map((s) => ({ version: s.version, from: s.from }))} zone={zone} />
    </div>
  );
}
