'use client';

/**
 * A version page's workflow panel: the steps the user may take on the version, and what publishing
 * would do.
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiSend } from '../../shared/client-api';
import { can } from '../../shared/roles';
import type { Role } from '../../shared/roles';
import type { VersionView } from '../read';
import { useLang, useT } from '../../shared/components/lang-context';
import { formatInZone, wallTimeToInstant, zoneLabel } from '../../shared/zoned-time';
import type { Localized } from '../../shared/i18n/lang';

/** What publishing would do, for the confirmation: the impact in a sentence and the scheduled versions it undoes. */
export interface PublishSummary {
  /** People with a differing decision; null when the impact could not be computed. */
  people: number | null;
  differing: number;
  days: number;
  /** The non-zero changes of the totals, in the page's language: "罚款金额（元） +270.00；…". */
  changes: string;
  conflicts: { version: string; message: Localized }[];
}

/** Props of {@link WorkflowPanel}. */
export interface WorkflowPanelProps {
  view: VersionView;
  role: Role;
  /** The user created or edited this version (so may not approve or publish it). */
  maker: boolean;
  /** The policy's time zone: schedules are typed and shown in it. */
  zone: string;
  summary: PublishSummary;
  /** For the version in force: the version a rollback would return to. */
  previous: string | null;
  emergencyEnabled: boolean;
}

/**
 * The maker-checker steps available to this user for this version: submit (editor), approve or
 * reject with a reason (approver, not the maker), publish now or at a time in the policy's zone
 * after a confirmation that sums it up (approver), cancel a scheduled publication (approver),
 * and ask for a rollback (editor or approver; another approver decides). The server checks
 * everything again.
 */
export function WorkflowPanel({ view, role, maker, zone, summary, previous, emergencyEnabled }: WorkflowPanelProps) {
  const t = useT();
  const lang = useLang();
  const router = useRouter();
  const [text, setText] = useState('');
  const [mode, setMode] = useState<'now' | 'at'>('now');
  const [at, setAt] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<{ text: string; href?: string } | null>(null);
  const [confirming, setConfirming] = useState<'publish' | 'cancel' | 'emergency' | null>(null);
  const [undo, setUndo] = useState<string[]>([]);
  const base = `/api/policies/${view.policyId}/versions/${view.version}`;

  const run = async <T,>(step: string, body: Record<string, unknown>, url = `${base}/${step}`): Promise<T | null> => {
    setBusy(true);
    setError(null);
    setSuccess(null);
    const res = await apiSend<T>('POST', url, body);
    setBusy(false);
    if (!res.ok) {
      setError(res.message[lang]);
      return null;
    }
    setText('');
    setConfirming(null);
    router.refresh();
    return res.body;
  };
  const effective = (): string | null => (mode === 'at' ? (wallTimeToInstant(at, zone) ?? null) : null);
  const whenText = (iso: string | null): string => (iso === null ? t('publish.summaryNow', { when: formatInZone(new Date().toISOString(), zone, lang) }) : t('publish.summaryAt', { when: formatInZone(iso, zone, lang) }));

  const note = (label: string, testId: string) => (
    <label style={{ display: 'block', marginBottom: 8 }}>
      {label}
      <textarea value={text} onChange={(e) => setText(e.target.value)} data-testid={testId} />
    </label>
  );
  const when = (
    <div className="row" style={{ marginBottom: 8 }}>
      <label>
        <input type="radio" checked={mode === 'now'} onChange={() => setMode('now')} data-testid="publish-now" /> {t('version.publishNow')}
      </label>
      <label>
        <input type="radio" checked={mode === 'at'} onChange={() => setMode('at')} data-testid="publish-scheduled" /> {t('version.publishAt')}
      </label>
      {mode === 'at' && (
        <label>
          {t('publish.zoneLabel', { zone: zoneLabel(zone, lang) })}{' '}
          <input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} data-testid="publish-at" />
          <span className="muted small" style={{ display: 'block' }}>
            {t('publish.zoneHint', { zone: zoneLabel(zone, lang) })}
          </span>
        </label>
      )}
    </div>
  );
  const conflictsBox = summary.conflicts.length > 0 && (
    <div className="notice warn" data-testid="publish-undo">
      <strong>{t('publish.undoTitle')}</strong>
      {summary.conflicts.map((c) => (
        <label key={c.version} style={{ display: 'block', marginTop: 6 }}>
          <input
            type="checkbox"
            checked={undo.includes(c.version)}
            onChange={(e) => setUndo(e.target.checked ? [...undo, c.version] : undo.filter((v) => v !== c.version))}
            data-testid={`undo-${c.version}`}
          />{' '}
          {c.message[lang]} {t('publish.undoConfirm', { version: c.version })}
        </label>
      ))}
    </div>
  );
  const allConfirmed = summary.conflicts.every((c) => undo.includes(c.version));
  const impactSentence =
    summary.people === null ? '' : summary.differing === 0 ? t('publish.summaryNoImpact', { days: summary.days }) : t('publish.summaryImpact', { people: summary.people, changes: summary.changes });

  let body: React.ReactNode;
  const approver = can(role, 'approve');
  const editor = can(role, 'editDrafts');
  const mayRollback = can(role, 'requestRollback');
  if (view.status === 'draft') {
    body = editor ? (
      <>
        {note(t('version.submitNote'), 'submit-note')}
        <button type="button" className="primary" disabled={busy} onClick={() => void run('submit', { note: text, revision: view.revision })} data-testid="submit-button">
          {t('version.submit')}
        </button>
      </>
    ) : (
      <p className="muted">{t('status.draft')}</p>
    );
  } else if (view.status === 'submitted') {
    body = approver && !maker ? (
      <>
        {note(t('version.comment'), 'approve-comment')}
        <div className="row">
          <button type="button" className="primary" disabled={busy} onClick={() => void run('approve', { comment: text, revision: view.revision })} data-testid="approve-button">
            {t('version.approve')}
          </button>
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={() => (text.trim() === '' ? setError(t('reject.reasonRequired')) : void run('reject', { comment: text, revision: view.revision }))}
            data-testid="reject-button"
          >
            {t('version.reject')}
          </button>
        </div>
      </>
    ) : (
      <p className="muted" data-testid="workflow-message">
        {approver && maker ? t('version.makerBlocked') : t('version.waitingApproval')} {editor ? t('version.editResets') : ''}
      </p>
    );
  } else if (view.status === 'approved') {
    body = approver && !maker ? (
      <>
        {view.cancelled && <p className="notice info">{t('publish.republish')}</p>}
        {when}
        {confirming !== 'publish' ? (
          <button type="button" className="primary" disabled={busy || (mode === 'at' && effective() === null)} onClick={() => setConfirming('publish')} data-testid="publish-button">
            {t('version.publish')}
          </button>
        ) : (
          <div className="card" data-testid="publish-confirm" style={{ borderColor: 'var(--accent)' }}>
            <h3 style={{ marginTop: 0 }}>{t('publish.confirmTitle', { version: view.version })}</h3>
            <p data-testid="publish-summary">
              {whenText(effective())}
              {impactSentence === '' ? '' : lang === 'zh' ? `，${impactSentence}。` : `; ${impactSentence}.`}
            </p>
            {conflictsBox}
            <div className="row">
              <button
                type="button"
                className="primary"
                disabled={busy || !allConfirmed}
                data-testid="publish-confirm-button"
                onClick={() =>
                  void run<{ version: VersionView }>('publish', { effectiveFrom: effective(), revision: view.revision, confirmUndo: undo }).then((r) => {
                    if (r !== null) setSuccess({ text: t('publish.done', { version: r.version.version, when: whenText(r.version.effectiveFrom) }), href: `/policies/${r.version.policyId}/${r.version.version}` });
                  })
                }
              >
                {t('publish.confirm')}
              </button>
              <button type="button" disabled={busy} onClick={() => setConfirming(null)} data-testid="publish-back">
                {t('publish.back')}
              </button>
            </div>
          </div>
        )}
      </>
    ) : (
      <p className="muted" data-testid="workflow-message">
        {approver && maker ? t('version.makerBlocked') : t('version.waitingPublish')} {editor ? t('version.editResets') : ''}
      </p>
    );
  } else {
    const target = view.standing === 'superseded' ? view.version : view.standing === 'in_force' ? previous : null;
    body = (
      <>
        <p className="muted">{t('version.published')}</p>
        {approver && view.standing === 'scheduled' && (
          <div data-testid="cancel-schedule">
            {confirming !== 'cancel' ? (
              <button type="button" className="danger" disabled={busy} onClick={() => setConfirming('cancel')} data-testid="cancel-schedule-button">
                {t('cancel.button')}
              </button>
            ) : (
              <>
                <p>{t('cancel.confirm', { version: view.version })}</p>
                {note(t('cancel.note'), 'cancel-note')}
                <div className="row">
                  <button
                    type="button"
                    className="danger"
                    disabled={busy}
                    data-testid="cancel-schedule-confirm"
                    onClick={() =>
                      void run('cancel-schedule', { note: text, revision: view.revision }).then((r) => {
                        if (r !== null) setSuccess({ text: t('cancel.done', { version: view.version }) });
                      })
                    }
                  >
                    {t('cancel.button')}
                  </button>
                  <button type="button" disabled={busy} onClick={() => setConfirming(null)}>
                    {t('publish.back')}
                  </button>
                </div>
              </>
            )}
          </div>
        )}
        {mayRollback && target !== null && (
          <div data-testid="rollback">
            <p className="muted small">{t('rollback.explain', { version: target })}</p>
            {note(t('rollback.reason'), 'rollback-note')}
            <div className="row">
              <button
                type="button"
                disabled={busy || text.trim() === ''}
                data-testid="rollback-button"
                onClick={() =>
                  void run<{ rollback: { view: VersionView } }>('rollback', { note: text }, `/api/policies/${view.policyId}/versions/${target}/rollback`).then((r) => {
                    if (r !== null) setSuccess({ text: t('rollback.requested', { version: r.rollback.view.version }), href: `/policies/${view.policyId}/${r.rollback.view.version}` });
                  })
                }
              >
                {target === view.version ? t('rollback.toThis') : t('rollback.toPrevious', { version: target })}
              </button>
              {approver && emergencyEnabled && (
                <button
                  type="button"
                  className="danger"
                  disabled={busy || text.trim() === ''}
                  data-testid="rollback-emergency"
                  onClick={() =>
                    void run<{ version: VersionView }>('rollback', { note: text, emergency: true, confirmUndo: summary.conflicts.map((c) => c.version) }, `/api/policies/${view.policyId}/versions/${target}/rollback`).then((r) => {
                      if (r !== null) setSuccess({ text: t('publish.done', { version: r.version.version, when: whenText(r.version.effectiveFrom) }), href: `/policies/${view.policyId}/${r.version.version}` });
                    })
                  }
                >
                  {t('rollback.emergency')}
                </button>
              )}
            </div>
          </div>
        )}
      </>
    );
  }
  return (
    <div data-testid="workflow-panel">
      {success !== null && (
        <p className="notice ok" data-testid="workflow-success">
          {success.text} {success.href !== undefined && <Link href={success.href}>{t('rollback.open', { version: success.href.split('/').pop() ?? '' })}</Link>}
        </p>
      )}
      {body}
      {error !== null && (
        <p className="notice error" data-testid="workflow-error">
          {error}
        </p>
      )}
    </div>
  );
}
