'use client';

/**
 * A rep's answer to a decision of hers: acknowledge, refuse to acknowledge, or appeal with a
 * reason.
 */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiSend } from '../../shared/client-api';
import { useLang, useT } from '../../shared/components/lang-context';

/** A rep's answer to a decision of hers: acknowledge, refuse to acknowledge, or appeal with a reason (POST /api/appeals). */
export function AnswerForm({ decisionId, canAppeal, canAcknowledge }: { decisionId: string; canAppeal: boolean; canAcknowledge: boolean }) {
  const t = useT();
  const lang = useLang();
  const router = useRouter();
  const [reason, setReason] = useState('');
  const [witness, setWitness] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (action: 'appeal' | 'acknowledge' | 'refuse'): Promise<void> => {
    setBusy(true);
    setMessage(null);
    const res = await apiSend('POST', '/api/appeals', { decisionId, action, reason, witness });
    setBusy(false);
    if (res.ok) {
      setMessage({ error: false, text: t('appeals.sent') });
      setReason('');
      router.refresh();
    } else {
      setMessage({ error: true, text: res.message[lang] });
    }
  };
  return (
    <div data-testid="answer-form">
      {canAppeal && (
        <div className="row">
          <label style={{ flex: 1 }}>
            {t('appeals.reasonRequired')}
            <textarea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="appeal-reason" style={{ width: '100%' }} />
          </label>
          <button type="button" className="primary" disabled={busy || reason.trim() === ''} onClick={() => void send('appeal')} data-testid="appeal-submit">
            {t('appeals.appeal')}
          </button>
        </div>
      )}
      {canAcknowledge && (
        <div className="row">
          <button type="button" disabled={busy} onClick={() => void send('acknowledge')} data-testid="acknowledge">
            {t('appeals.acknowledge')}
          </button>
          <label>
            {t('appeals.witness')} <input value={witness} maxLength={64} onChange={(e) => setWitness(e.target.value)} />
          </label>
          <button type="button" disabled={busy} onClick={() => void send('refuse')} data-testid="refuse">
            {t('appeals.refuse')}
          </button>
        </div>
      )}
      {message !== null && <p className={message.error ? 'notice error' : 'notice'} data-testid="answer-message">{message.text}</p>}
    </div>
  );
}
