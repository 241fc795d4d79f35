'use client';

/** Starts a new draft from a version and opens it in the editor. */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiSend } from '../../shared/client-api';
import { useLang, useT } from '../../shared/components/lang-context';

/**
 * Starts a new draft from a version and opens it in the editor. When later scheduled versions
 * are not part of that version (`scheduled`), it first says so and offers a draft from the
 * newest scheduled one instead.
 */
export function NewDraftButton({ policyId, from, label, scheduled = [] }: { policyId: string; from: string; label: string; scheduled?: { version: string; when: string }[] }) {
  const router = useRouter();
  const lang = useLang();
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [warn, setWarn] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const create = async (base: string): Promise<void> => {
    setBusy(true);
    setError(null);
    const res = await apiSend<{ version: { version: string } }>('POST', `/api/policies/${policyId}/drafts`, { from: base });
    setBusy(false);
    if (res.ok) router.push(`/policies/${policyId}/${res.body.version.version}/edit`);
    else setError(res.message[lang]);
  };
  const newest = scheduled[scheduled.length - 1];
  return (
    <span>
      <button type="button" className="primary" onClick={() => (scheduled.length > 0 ? setWarn(true) : void create(from))} disabled={busy} data-testid="new-draft">
        {label}
      </button>
      {warn && newest !== undefined && (
        <span className="notice warn" data-testid="new-draft-warning" style={{ display: 'block', marginTop: 8 }}>
          {scheduled.map((s) => t('scheduled.draftWarn', { version: s.version, when: s.when, from })).join(' ')}{' '}
          <button type="button" className="primary" disabled={busy} onClick={() => void create(newest.version)} data-testid="new-draft-from-scheduled">
            {t('scheduled.draftFromScheduled', { version: newest.version })}
          </button>{' '}
          <button type="button" disabled={busy} onClick={() => void create(from)} data-testid="new-draft-anyway">
            {t('scheduled.draftAnyway', { from })}
          </button>
        </span>
      )}
      {error !== null && <span className="notice error">{error}</span>}
    </span>
  );
}
