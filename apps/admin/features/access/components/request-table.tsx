'use client';

/**
 * Access requests as a table, with what the viewer may do with each row: give up an own grant,
 * decide someone else's request, or revoke a grant in force.
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiSend } from '../../shared/client-api';
import { formatInstant } from '../../shared/format';
import type { AccessRequestView } from '../requests';
import { useLang, useT } from '../../shared/components/lang-context';

/** What the viewer may do with the rows: give up their own grants, decide others' requests, or revoke grants in force. */
export type AccessTableMode = 'mine' | 'decide' | 'inForce';

/** A list of access requests with the actions the mode allows (each a route handler; the server checks again). */
export function AccessRequestTable({ rows, mode, defaultHours, names = {} }: { rows: readonly AccessRequestView[]; mode: AccessTableMode; defaultHours: number; names?: Readonly<Record<string, string>> }) {
  const t = useT();
  const lang = useLang();
  const router = useRouter();
  const [hours, setHours] = useState<Record<number, string>>({});
  const [comment, setComment] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const act = async (id: number, step: 'approve' | 'reject' | 'revoke'): Promise<void> => {
    setError(null);
    const body: Record<string, unknown> = { comment: comment[id] ?? '' };
    if (step === 'approve') body['hours'] = Number(hours[id] ?? defaultHours);
    const res = await apiSend('POST', `/api/access-requests/${id}/${step}`, body);
    if (res.ok) router.refresh();
    else setError(res.message[lang]);
  };
  if (rows.length === 0) return <p className="muted">{t('clients.access.none')}</p>;
  return (
    <>
      {error !== null && <p className="notice error">{error}</p>}
      <table data-testid={`access-${mode}`} className="stack">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('clients.search')}</th>
            {mode !== 'mine' && <th>{t('clients.access.requester')}</th>}
            <th>{t('clients.reason')}</th>
            <th>{t('clients.access.requestedAt')}</th>
            <th>{t('clients.access.status')}</th>
            <th>{t('clients.access.decidedBy')}</th>
            <th>{t('clients.access.expiresAt')}</th>
            <th>{t('clients.access.comment')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-request={r.id}>
              <td data-label="#">{r.id}</td>
              <td data-label={t('clients.search')}>
                <Link href={`/clients/${encodeURIComponent(r.clientId)}`}>{r.clientId}</Link>
              </td>
              {mode !== 'mine' && (
                <td data-label={t('clients.access.requester')}>
                  {names[r.username] ?? r.username}
                  {names[r.username] !== undefined && <span className="small-id">{r.username}</span>}
                </td>
              )}
              <td data-label={t('clients.reason')}>{r.reason}</td>
              <td data-label={t('clients.access.requestedAt')}>{formatInstant(r.requestedAt, lang)}</td>
              <td data-label={t('clients.access.status')}>{t(`clients.access.status.${r.status}`)}</td>
              <td data-label={t('clients.access.decidedBy')} className={r.decidedBy === null ? 'empty' : undefined}>{r.decidedBy === null ? '—' : (names[r.decidedBy] ?? r.decidedBy)}</td>
              <td data-label={t('clients.access.expiresAt')} className={r.expiresAt === null ? 'empty' : undefined}>{formatInstant(r.expiresAt, lang)}</td>
              <td data-label={t('clients.access.comment')} className={r.comment === null || r.comment === '' ? 'empty' : undefined}>{r.comment ?? ''}</td>
              <td>
                {mode === 'decide' && (
                  <span className="row">
                    <label>
                      {t('clients.access.hours')}{' '}
                      <input type="number" inputMode="numeric" min={1} max={168} style={{ width: '5em' }} value={hours[r.id] ?? String(defaultHours)} onChange={(e) => setHours({ ...hours, [r.id]: e.target.value })} />
                    </label>
                    <input placeholder={t('clients.access.comment')} value={comment[r.id] ?? ''} onChange={(e) => setComment({ ...comment, [r.id]: e.target.value })} />
                    <button type="button" className="primary" onClick={() => void act(r.id, 'approve')}>
                      {t('clients.access.approve')}
                    </button>
                    <button type="button" onClick={() => void act(r.id, 'reject')}>
                      {t('clients.access.reject')}
                    </button>
                  </span>
                )}
                {mode !== 'decide' && r.status === 'approved' && (
                  <button type="button" onClick={() => void act(r.id, 'revoke')}>
                    {t('clients.access.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
