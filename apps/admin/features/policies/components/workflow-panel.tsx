'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiSend } from '../../shared/client-api';
import { can } from '../../shared/roles';
import type { Role } from '../../shared/roles';
import type { VersionView } from '../read';
import { useLang, useT } from '../../shared/components/lang-context';

/** Props of {@link WorkflowPanel}. */
export interface WorkflowPanelProps {
  view: VersionView;
  role: Role;
  /** The user created or edited this version (so may not approve or publish it). */
  maker: boolean;
}

/** `datetime-local` (the browser's zone) → ISO-8601 with offset, or undefined when empty. */
const toInstant = (local: string): string | undefined => (local === '' ? undefined : new Date(local).toISOString());

/**
 * The maker-checker steps available to this user for this version: submit (editor), approve or
 * reject (approver, not the maker), publish now or scheduled (approver), roll back to a
 * superseded version (approver). The server checks everything again.
 */
export function WorkflowPanel({ view, role, maker }: WorkflowPanelProps) {
  const t = useT();
  const lang = useLang();
  const router = useRouter();
  const [text, setText] = useState('');
  const [mode, setMode] = useState<'now' | 'at'>('now');
  const [at, setAt] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/policies/${view.policyId}/versions/${view.version}`;

  const run = async (step: string, body: Record<string, unknown>): Promise<void> => {
    setBusy(true);
    setError(null);
    const res = await apiSend('POST', `${base}/${step}`, body);
    setBusy(false);
    if (!res.ok) {
      setError(res.message[lang]);
      return;
    }
    setText('');
    router.refresh();
  };
  const effective = (): string | null => (mode === 'at' ? (toInstant(at) ?? null) : null);

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
      {mode === 'at' && <input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} data-testid="publish-at" />}
    </div>
  );

  let body: React.ReactNode;
  const approver = can(role, 'approve');
  const editor = can(role, 'editDrafts');
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
          <button type="button" className="danger" disabled={busy} onClick={() => void run('reject', { comment: text, revision: view.revision })} data-testid="reject-button">
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
        {when}
        <button type="button" className="primary" disabled={busy || (mode === 'at' && at === '')} onClick={() => void run('publish', { effectiveFrom: effective(), revision: view.revision })} data-testid="publish-button">
          {t('version.publish')}
        </button>
      </>
    ) : (
      <p className="muted" data-testid="workflow-message">
        {approver && maker ? t('version.makerBlocked') : t('version.waitingPublish')} {editor ? t('version.editResets') : ''}
      </p>
    );
  } else {
    body = (
      <>
        <p className="muted">{t('version.published')}</p>
        {approver && view.standing === 'superseded' && (
          <>
            {note(t('version.comment'), 'rollback-note')}
            {when}
            <button type="button" disabled={busy} onClick={() => void run('rollback', { effectiveFrom: effective(), note: text })} data-testid="rollback-button">
              {t('version.rollback')}
            </button>
          </>
        )}
      </>
    );
  }
  return (
    <div data-testid="workflow-panel">
      {body}
      {error !== null && (
        <p className="notice error" data-testid="workflow-error">
          {error}
        </p>
      )}
    </div>
  );
}
