'use client';

/** The manager's decision on a pending appeal, with a required reason. */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiSend } from '../../shared/client-api';
import { useLang, useT } from '../../shared/components/lang-context';

/** The manager's decision on a pending appeal, or a dismissal: a reason is required (POST /api/appeals/decide). */
export function DecideForm({ decisionId, kind, pending }: { decisionId: string; kind: string; pending: boolean }) {
  const t = useT();
  const lang = useLang();
  const router = useRouter();
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState('');
  const [days, setDays] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fine = kind === 'staff.fined';
  const ban = kind === 'staff.banned' || kind === 'staff.hotline_banned';
  const send = async (outcome: 'upheld' | 'overturned' | 'reduced' | 'dismissed'): Promise<void> => {
    setBusy(true);
    setError(null);
    const body: Record<string, unknown> = { decisionId, outcome, reason };
    if (outcome === 'reduced' && fine) body['amountFen'] = Math.round(Number(amount) * 100);
    if (outcome === 'reduced' && ban) body['days'] = Number(days);
    const res = await apiSend('POST', '/api/appeals/decide', body);
    setBusy(false);
    if (res.ok) router.refresh();
    else setError(res.message[lang]);
  };
  const noReason = reason.trim() === '';
  return (
    <div data-testid={`decide-${decisionId}`}>
      <label style={{ display: 'block' }}>
        {t('appeals.reasonRequired')}
        <textarea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="decide-reason" style={{ width: '100%' }} />
      </label>
      <span className="row">
        {pending && (
          <>
            <button type="button" disabled={busy || noReason} onClick={() => void send('upheld')} data-testid="uphold">
              {t('appeals.uphold')}
            </button>
            <button type="button" className="primary" disabled={busy || noReason} onClick={() => void send('overturned')} data-testid="overturn">
              {t('appeals.overturn')}
            </button>
            {(fine || ban) && (
              <>
                <label>
                  {fine ? t('appeals.amountYuan') : t('appeals.days')}{' '}
                  <input type="number" min={fine ? 0.01 : 1} step={fine ? 0.01 : 1} style={{ width: '6em' }} value={fine ? amount : days} onChange={(e) => (fine ? setAmount(e.target.value) : setDays(e.target.value))} data-testid="reduce-to" />
                </label>
                <button type="button" disabled={busy || noReason || (fine ? amount === '' : days === '')} onClick={() => void send('reduced')} data-testid="reduce">
                  {t('appeals.reduce')}
                </button>
              </>
            )}
          </>
        )}
        {!pending && (
          <button type="button" disabled={busy || noReason} onClick={() => void send('dismissed')} data-testid="dismiss">
            {t('appeals.dismiss')}
          </button>
        )}
      </span>
      {error !== null && <p className="notice error">{error}</p>}
    </div>
  );
}
