'use client';

/**
 * The form that asks to see a client's personal data with a reason, on a client's page (its id
 * fixed) or on the requests page (the id typed).
 */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiSend } from '../../shared/client-api';
import { useLang, useT } from '../../shared/components/lang-context';

/** Asks to see a client's personal data with a reason; the client id is fixed (a client's page) or typed (the requests page). */
export function RequestAccessForm({ clientId }: { clientId?: string }) {
  const t = useT();
  const lang = useLang();
  const router = useRouter();
  const [client, setClient] = useState(clientId ?? '');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (): Promise<void> => {
    setBusy(true);
    setMessage(null);
    const res = await apiSend('POST', '/api/access-requests', { clientId: client.trim(), reason });
    setBusy(false);
    if (res.ok) {
      setMessage({ error: false, text: t('clients.requestSent') });
      setReason('');
      router.refresh();
    } else {
      setMessage({ error: true, text: res.message[lang] });
    }
  };
  return (
    <div className="row" data-testid="request-access">
      {clientId === undefined && (
        <label>
          {t('clients.search')} <input value={client} onChange={(e) => setClient(e.target.value)} data-testid="request-client" />
        </label>
      )}
      <label>
        {t('clients.reason')} <input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} data-testid="request-reason" />
      </label>
      <button type="button" className="primary" disabled={busy || reason.trim() === '' || client.trim() === ''} onClick={() => void send()}>
        {t('clients.requestAccess')}
      </button>
      {message !== null && <p className={message.error ? 'notice error' : 'notice'}>{message.text}</p>}
    </div>
  );
}
