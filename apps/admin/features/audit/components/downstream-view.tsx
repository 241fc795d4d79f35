/**
 * What a decision led to: the allocations a pause or ban took part in, and the decisions that
 * answered them.
 */
import Link from 'next/link';
import { formatInstant } from '../../shared/format';
import type { Lang } from '../../shared/i18n/lang';
import { t } from '../../shared/i18n/messages';
import type { AllocationTouched, Downstream } from '../downstream';
import { DOWNSTREAM_LIMIT } from '../downstream';
import { decisionHref, kindLabel, subjectOf } from './format';
import { DecisionTable } from './decision-table';
import { RefreshSoon } from './refresh-soon';

/** Allocations a pause or ban took part in: the event, when, and the decision that answered it. */
function Allocations({ rows, lang, testId }: { rows: readonly AllocationTouched[]; lang: Lang; testId: string }) {
  if (rows.length === 0) return <p className="muted" data-testid={`${testId}-empty`}>{t(lang, 'audit.none')}</p>;
  return (
    <table data-testid={testId}>
      <thead>
        <tr>
          <th>{t(lang, 'audit.when')}</th>
          <th>{t(lang, 'audit.event')}</th>
          <th>{t(lang, 'audit.outcome')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((u) => (
          <tr key={u.eventId}>
            <td>{formatInstant(u.at, lang)}</td>
            <td className="hash">{u.eventId}</td>
            <td>
              {u.outcome === null ? (
                '—'
              ) : (
                <Link href={decisionHref(u.outcome.decision.id)}>
                  {kindLabel(u.outcome.decision.kind, lang)} {subjectOf(u.outcome.decision as unknown as Record<string, unknown>)}
                </Link>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The decisions one decision affected (definitions in docs/admin.md, "Audit explorer"). */
export function DownstreamView({ downstream: ds, lang }: { downstream: Downstream; lang: Lang }) {
  return (
    <section className="card" data-testid="downstream">
      <h2 style={{ marginTop: 0 }}>{t(lang, 'audit.downstream')}</h2>
      <p className="muted small">{t(lang, 'audit.downstreamHelp')}</p>
      {ds.replay === 'diverged' && <p className="notice warn">{t(lang, 'audit.replayDiverged')}</p>}
      {ds.tracePending && (
        <div className="notice info" data-testid="downstream-trace-pending">
          {t(lang, 'audit.tracePending')}
          <RefreshSoon />
        </div>
      )}
      {ds.tracedFrom !== null && (
        <p className="muted small" data-testid="downstream-traced-from" data-snapshot={ds.tracedFrom}>
          {ds.tracedFrom === 0 ? t(lang, 'audit.tracedFromStart') : t(lang, 'audit.tracedFromSnapshot', { op: ds.tracedFrom })}
        </p>
      )}
      {ds.truncated && <p className="notice info">{t(lang, 'audit.truncated', { n: DOWNSTREAM_LIMIT })}</p>}

      <h3>{t(lang, 'audit.together', { n: ds.together.length })}</h3>
      <DecisionTable rows={ds.together} lang={lang} testId="downstream-together" />

      <h3 style={{ marginTop: 16 }}>{t(lang, 'audit.citing', { n: ds.citing.length })}</h3>
      <DecisionTable
        rows={ds.citing}
        lang={lang}
        testId="downstream-citing"
        extra={{ title: t(lang, 'audit.shared'), cell: (r) => <span className="hash">{ds.citing.find((c) => c.seq === r.seq)?.shared.join(', ')}</span> }}
      />

      {ds.passedOver !== null && (
        <>
          <h3 style={{ marginTop: 16 }}>{t(lang, 'audit.passedOver', { n: ds.passedOver.length })}</h3>
          <Allocations rows={ds.passedOver} lang={lang} testId="downstream-passed-over" />
        </>
      )}
      {ds.pausesUsed !== null && (
        <>
          <h3 style={{ marginTop: 16 }}>{t(lang, 'audit.pausesUsed', { n: ds.pausesUsed.length })}</h3>
          <Allocations rows={ds.pausesUsed} lang={lang} testId="downstream-pauses-used" />
          {ds.pausesLeft !== null && <p className="muted small">{t(lang, 'audit.pausesLeft', { n: ds.pausesLeft })}</p>}
        </>
      )}
      {ds.breaches !== null && (
        <>
          <h3 style={{ marginTop: 16 }}>{t(lang, 'audit.breaches', { n: ds.breaches.length })}</h3>
          <DecisionTable rows={ds.breaches} lang={lang} testId="downstream-breaches" />
        </>
      )}
      {ds.hotlineCalls !== null && (
        <>
          <h3 style={{ marginTop: 16 }}>{t(lang, 'audit.hotlineCalls', { n: ds.hotlineCalls.length })}</h3>
          {ds.hotlineCalls.length === 0 ? (
            <p className="muted">{t(lang, 'audit.none')}</p>
          ) : (
            <table data-testid="downstream-hotline">
              <thead>
                <tr>
                  <th>{t(lang, 'audit.when')}</th>
                  <th>{t(lang, 'audit.event')}</th>
                  <th>{t(lang, 'audit.f.clientId')}</th>
                  <th>{t(lang, 'audit.channel')}</th>
                </tr>
              </thead>
              <tbody>
                {ds.hotlineCalls.map((c) => (
                  <tr key={c.eventId}>
                    <td>{formatInstant(c.at, lang)}</td>
                    <td className="hash">{c.eventId}</td>
                    <td>{c.clientId}</td>
                    <td>{c.channel}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
