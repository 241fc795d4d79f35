'use client';

/**
 * The manager's form that sets a sanction aside without an appeal (`decision.dismissed`), with a
 * required reason.
 */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiSend } from '../../shared/client-api';
import { useLang, useT } from '../../shared/components/lang-context';

/** The manager sets a sanction aside without an appeal (`decision.dismissed`): its decision id and a required reason. */
export function DismissForm() {
  const t = useT();
  const lang = useLang();
  const router = useRouter();
  const [decisionId, setDecisionId] = useState('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (): Promise<void> => {
    setBusy(true);
    setMessage(null);
    const res = await apiSend('POST', '/api/appeals/decide', { decisionId: decisionId.trim(), outcome: 'dismissed', reason });
    setBusy(false);
    if (res.ok) {
      setMessage({ error: false, text: t('appeals.sent') });
      setDecisionId('');
      setReason('');
      router.refresh();
    } else {
      setMessage({ error: true, text: res.message[lang] });
    }
  };
  return (
    <div data-testid="dismiss-form">
      <div className="row">
        <label>
          {t('appeals.decision')} <input value={decisionId} maxLength={200} onChange={(e) => setDecisionId(e.target.value)} data-testid="dismiss-decision" />
        </label>
        <label style={{ flex: 1 }}>
          {t('appeals.reasonRequired')} <input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} data-testid="dismiss-reason" style={{ width: '100%' }} />
        </label>
        <button type="button" disabled={busy || decisionId.trim() === '' || reason.trim() === ''} onClick={() => void send()} data-testid="dismiss">
          {t('appeals.dismiss')}
        </button>
      </div>
      {message !== null && <p className={message.error ? 'notice error' : 'notice'}>{message.text}</p>}
    </div>
  );
}
