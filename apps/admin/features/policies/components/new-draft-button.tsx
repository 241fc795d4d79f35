'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiSend } from '../../shared/client-api';
import { useLang } from '../../shared/components/lang-context';

/** Starts a new draft from a version and opens it in the editor. */
export function NewDraftButton({ policyId, from, label }: { policyId: string; from: string; label: string }) {
  const router = useRouter();
  const lang = useLang();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const create = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    const res = await apiSend<{ version: { version: string } }>('POST', `/api/policies/${policyId}/drafts`, { from });
    setBusy(false);
    if (res.ok) router.push(`/policies/${policyId}/${res.body.version.version}/edit`);
    else setError(res.message[lang]);
  };
  return (
    <span>
      <button type="button" className="primary" onClick={() => void create()} disabled={busy} data-testid="new-draft">
        {label}
      </button>
      {error !== null && <span className="notice error">{error}</span>}
    </span>
  );
}
