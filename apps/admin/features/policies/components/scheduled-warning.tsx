'use client';

/**
 * The scheduled versions a publication or rollback leaves out, and (for approvers) a button that
 * cancels a schedule.
 */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiSend } from '../../shared/client-api';
import { useLang, useT } from '../../shared/components/lang-context';
import type { Localized } from '../../shared/i18n/lang';

/**
 * The scheduled versions this version (or the rollback offered here) leaves out, each with what
 * would be undone, and — for approvers — a button that cancels that schedule (audited; the
 * version goes back to approved).
 */
export function ScheduledWarning({ policyId, conflicts, canCancel }: { policyId: string; conflicts: { version: string; revision: number; message: Localized }[]; canCancel: boolean }) {
  const t = useT();
  const lang = useLang();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancel = async (version: string, revision: number): Promise<void> => {
    setBusy(true);
    setError(null);
    const res = await apiSend('POST', `/api/policies/${policyId}/versions/${version}/cancel-schedule`, { revision, note: 'cancelled from the warning of a version that leaves it out' });
    setBusy(false);
    if (!res.ok) setError(res.message[lang]);
    else router.refresh();
  };
  return (
    <div className="notice warn" data-testid="scheduled-warning">
      <strong>{t('scheduled.warnTitle')}</strong>
      {conflicts.map((c) => (
        <p key={c.version} style={{ margin: '6px 0' }} data-version={c.version}>
          {c.message[lang]}{' '}
          {canCancel && (
            <button type="button" className="danger" disabled={busy} onClick={() => void cancel(c.version, c.revision)} data-testid={`cancel-scheduled-${c.version}`}>
              {t('scheduled.cancelIt', { version: c.version })}
            </button>
          )}
        </p>
      ))}
      {error !== null && <span className="notice error">{error}</span>}
    </div>
  );
}
