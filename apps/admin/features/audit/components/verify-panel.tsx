'use client';

/** The Verify panel: replays the whole record on the server and reports the chosen period. */
import Link from 'next/link';
import { useState } from 'react';
import { apiSend } from '../../shared/client-api';
import type { AuditVerifyResult } from '../verify';
import { useLang, useT } from '../../shared/components/lang-context';
import { decisionHref } from './format';
import { formatInstant } from '../../shared/format';

type State = { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; result: AuditVerifyResult } | { kind: 'error'; message: string };

/**
 * The Verify action: replays the record on the server (from the snapshot before the chosen
 * period, or from the first event) and reports the period, naming where the replay started.
 * The button stays disabled while a run is going (the server runs one verify at a time anyway).
 */
export function VerifyPanel({ defaultFrom = '', defaultTo = '' }: { defaultFrom?: string; defaultTo?: string }) {
  const lang = useLang();
  const t = useT();
  const [from, setFrom] = useState(defaultFrom);
  const [to, setTo] = useState(defaultTo);
  const [state, setState] = useState<State>({ kind: 'idle' });

  const run = async (): Promise<void> => {
    setState({ kind: 'running' });
    const res = await apiSend<AuditVerifyResult>('POST', '/api/audit/verify', { ...(from === '' ? {} : { from }), ...(to === '' ? {} : { to }) });
    setState(res.ok ? { kind: 'done', result: res.body } : { kind: 'error', message: res.message[lang] });
  };

  return (
    <section className="card" data-testid="verify-panel">
      <h2 style={{ marginTop: 0 }}>{t('audit.verifyTitle')}</h2>
      <p className="muted small">{t('audit.verifyHelp')}</p>
      <div className="row">
        <label>
          {t('audit.from')} <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="verify-from" />
        </label>
        <label>
          {t('audit.to')} <input type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="verify-to" />
        </label>
        <button type="button" className="primary" onClick={() => void run()} disabled={state.kind === 'running'} data-testid="verify-run">
          {state.kind === 'running' ? t('audit.verifyRunning') : t('audit.verifyRun')}
        </button>
      </div>
      {state.kind === 'error' && (
        <p className="notice error" data-testid="verify-error">
          {t('common.error', { message: state.message })}
        </p>
      )}
      {state.kind === 'done' && <VerifyResult result={state.result} />}
    </section>
  );
}

function VerifyResult({ result }: { result: AuditVerifyResult }) {
  const t = useT();
  const lang = useLang();
  const r = result;
  const summary = r.ok
    ? r.range === null
      ? t('audit.verifyPassEmpty', { events: r.events, checked: r.checked })
      : t('audit.verifyPass', { n: r.decisionsInPeriod, lo: r.range.fromSeq, hi: r.range.toSeq, events: r.events, checked: r.checked })
    : t('audit.verifyFail', { n: r.mismatchCount });
  return (
    <div data-testid="verify-result" data-ok={String(r.ok)}>
      <p className={`notice ${r.ok ? 'ok' : 'error'}`} data-testid="verify-summary">
        {summary} <span className="small">({t('audit.verifyTook', { ms: r.durationMs })})</span>
      </p>
      <p className="small muted" data-testid="verify-start">
        {r.snapshot === null ? t('audit.verifyFromStart') : t('audit.verifyFromSnapshot', { op: r.snapshot.opSeq, at: formatInstant(r.snapshot.takenAt, lang) })}
      </p>
      <p className="small muted">
        {t('audit.verifyHead')} <span className="hash">{r.head.decisionHash}</span>
      </p>
      {r.mismatches.length > 0 && (
        <table data-testid="verify-mismatches">
          <thead>
            <tr>
              <th>{t('audit.table')}</th>
              <th>{t('audit.seq')}</th>
              <th>{t('audit.event')}</th>
              <th>{t('audit.reason')}</th>
              <th>{t('audit.differs')}</th>
              <th>{t('audit.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {r.mismatches.map((m, i) => (
              <tr key={i}>
                <td>{m.table}</td>
                <td>{m.seq ?? '—'}</td>
                <td>{m.decisionId !== undefined ? <Link href={decisionHref(m.decisionId)}>{m.decisionId}</Link> : (m.eventId ?? '—')}</td>
                <td>{t(`audit.reason.${m.reason}`)}</td>
                <td>{m.differs.join(', ')}</td>
                <td className="small">{m.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {r.mismatchCount > r.mismatches.length && <p className="muted small">{t('audit.truncated', { n: r.mismatches.length })}</p>}
    </div>
  );
}
