/**
 * The import wizard's dry-run step: what the books would give under the policy in force at
 * go-live.
 */
import type { Lang, Localized } from '../../shared/i18n/lang';
import { t } from '../../shared/i18n/messages';
import { formatYuan } from '../../shared/money';

interface Sanction {
  kind: string;
  rule: string;
  at: string;
  explain: Localized;
}

/** The dry-run answer of /api/imports/dry-run (the parts the page shows). */
export interface DryRunBody {
  goLive: string;
  dryRun: {
    decisions: Array<{ kind: string }>;
    standings: Array<{ staffId: string; bannedUntil: string | null; hotlineBannedUntil: string | null; pausesLeft: number; finedFen: number; sanctions: Sanction[] }>;
    fines: Array<{ eventId: string; staffId: string; at: string; recordedFen: number | null; engineFen: number; rules: string[] }>;
    totals: { recordedFen: number; engineFen: number; differing: number };
  };
}

const day = (iso: string | null): string => (iso === null ? '' : iso.replace('T', ' ').replace(/:00(\.000)?(\+08:00)$/, '').replace(/\+08:00$/, ''));

/** Who would be fined, banned or paused by go-live, and why; the recorded fines next to the engine's. */
export function DryRunView({ lang, body }: { lang: Lang; body: DryRunBody }) {
  const run = body.dryRun;
  return (
    <>
      <section className="card" data-testid="dry-run">
        <h2 style={{ marginTop: 0 }}>{t(lang, 'imports.dryRun.title')}</h2>
        <p className="muted">
          {t(lang, 'imports.dryRun.intro')} {t(lang, 'imports.goLive')}: {day(body.goLive)} · {t(lang, 'imports.dryRun.decisions', { n: run.decisions.length })}
        </p>
        <h3>{t(lang, 'imports.dryRun.standing')}</h3>
        {run.standings.length === 0 ? (
          <p className="muted">{t(lang, 'imports.dryRun.nobody')}</p>
        ) : (
          <div style={{ overflowX: 'auto' }}>
            <table data-testid="standings">
              <thead>
                <tr>
                  <th>{t(lang, 'imports.dryRun.staff')}</th>
                  <th>{t(lang, 'imports.dryRun.bannedUntil')}</th>
                  <th>{t(lang, 'imports.dryRun.hotlineUntil')}</th>
                  <th className="num">{t(lang, 'imports.dryRun.pauses')}</th>
                  <th className="num">{t(lang, 'imports.dryRun.fined')}</th>
                  <th>{t(lang, 'imports.dryRun.why')}</th>
                </tr>
              </thead>
              <tbody>
                {run.standings.map((s) => (
                  <tr key={s.staffId} data-staff={s.staffId}>
                    <td>{s.staffId}</td>
                    <td>{day(s.bannedUntil)}</td>
                    <td>{day(s.hotlineBannedUntil)}</td>
                    <td className="num">{s.pausesLeft}</td>
                    <td className="num">{formatYuan(s.finedFen)}</td>
                    <td className="small">
                      {s.sanctions.slice(-3).map((d, i) => (
                        <div key={i}>
                          {d.rule} · {day(d.at)} · {d.explain[lang]}
                        </div>
                      ))}
                      {s.sanctions.length > 3 && <div className="muted">+{s.sanctions.length - 3}</div>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {run.fines.length > 0 && (
        <section className="card" data-testid="fines">
          <h2 style={{ marginTop: 0 }}>{t(lang, 'imports.dryRun.fines')}</h2>
          <p data-testid="fine-totals">{t(lang, 'imports.dryRun.totals', { recorded: formatYuan(run.totals.recordedFen), engine: formatYuan(run.totals.engineFen), differing: run.totals.differing })}</p>
          <div style={{ overflowX: 'auto', maxHeight: '24rem', overflowY: 'auto' }}>
            <table>
              <thead>
                <tr>
                  <th>{t(lang, 'imports.dryRun.record')}</th>
                  <th>{t(lang, 'imports.dryRun.staff')}</th>
                  <th className="num">{t(lang, 'imports.dryRun.recorded')}</th>
                  <th className="num">{t(lang, 'imports.dryRun.engine')}</th>
                </tr>
              </thead>
              <tbody>
                {run.fines.map((f) => (
                  <tr key={f.eventId} className={f.recordedFen !== null && f.recordedFen !== f.engineFen ? 'bad-row' : ''}>
                    <td className="small">{day(f.at)}</td>
                    <td>{f.staffId}</td>
                    <td className="num">{f.recordedFen === null ? '—' : formatYuan(f.recordedFen)}</td>
                    <td className="num">
                      {formatYuan(f.engineFen)} {f.rules.join(' ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
