'use client';

/**
 * The API tokens page's body: the tokens, creating one (its secret shown once) and revoking one.
 */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiSend } from '../../shared/client-api';
import { formatInstant } from '../../shared/format';
import { useLang, useT } from '../../shared/components/lang-context';

/** A token row as the page passes it (features/tokens/store.ts `TokenView`; never the secret). */
export interface TokenRow {
  id: string;
  name: string;
  scopes: 'read' | 'read write';
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The admin's API tokens: the list, revoke, and create — which shows the new secret once. */
export function TokenAdmin({ tokens }: { tokens: readonly TokenRow[] }) {
  const t = useT();
  const lang = useLang();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<TokenRow['scopes']>('read');
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);

  const create = async (): Promise<void> => {
    setError(null);
    setBusy(true);
    const res = await apiSend<{ secret: string }>('POST', '/api/tokens', { name, scopes });
    setBusy(false);
    if (!res.ok) return setError(res.message[lang]);
    setSecret(res.body.secret);
    setCopied(false);
    setName('');
    router.refresh();
  };
  const revoke = async (row: TokenRow): Promise<void> => {
    if (!window.confirm(t('api.revokeConfirm', { name: row.name }))) return;
    setError(null);
    const res = await apiSend('POST', `/api/tokens/${encodeURIComponent(row.id)}/revoke`, {});
    if (res.ok) router.refresh();
    else setError(res.message[lang]);
  };
  const copy = async (): Promise<void> => {
    if (secret === null) return;
    await navigator.clipboard.writeText(secret).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  const scopeLabel = (s: TokenRow['scopes']): string => t(s === 'read' ? 'api.scope.read' : 'api.scope.readWrite');

  return (
    <>
      {error !== null && <p className="notice error">{error}</p>}
      {secret !== null && (
        <div className="notice" data-testid="token-secret-box">
          <p>{t('api.secretOnce')}</p>
          <div className="row">
            <code data-testid="token-secret">{secret}</code>
            <button type="button" onClick={() => void copy()}>
              {copied ? t('api.copied') : t('api.copy')}
            </button>
            <button type="button" onClick={() => setSecret(null)}>
              {t('api.dismiss')}
            </button>
          </div>
        </div>
      )}
      {tokens.length === 0 ? (
        <p className="muted">{t('api.none')}</p>
      ) : (
        <table data-testid="tokens">
          <thead>
            <tr>
              <th>{t('api.name')}</th>
              <th>{t('api.id')}</th>
              <th>{t('api.scopes')}</th>
              <th>{t('api.createdBy')}</th>
              <th>{t('api.createdAt')}</th>
              <th>{t('api.lastUsed')}</th>
              <th>{t('api.revoked')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.map((row) => (
              <tr key={row.id} className={row.revokedAt === null ? undefined : 'muted'}>
                <td>{row.name}</td>
                <td>
                  <code>{row.id}</code>
                </td>
                <td>{scopeLabel(row.scopes)}</td>
                <td>{row.createdBy}</td>
                <td>{formatInstant(row.createdAt, lang)}</td>
                <td>{row.lastUsedAt === null ? t('api.never') : formatInstant(row.lastUsedAt, lang)}</td>
                <td>{row.revokedAt === null ? t('api.active') : formatInstant(row.revokedAt, lang)}</td>
                <td>
                  {row.revokedAt === null && (
                    <button type="button" className="danger" onClick={() => void revoke(row)}>
                      {t('api.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('api.new')}</h2>
      <div className="row">
        <input placeholder={t('api.name')} value={name} maxLength={80} onChange={(e) => setName(e.target.value)} data-testid="token-name" />
        <select value={scopes} onChange={(e) => setScopes(e.target.value === 'read write' ? 'read write' : 'read')} data-testid="token-scopes">
          <option value="read">{t('api.scope.read')}</option>
          <option value="read write">{t('api.scope.readWrite')}</option>
        </select>
        <button type="button" className="primary" disabled={busy || name.trim() === ''} onClick={() => void create()} data-testid="token-create">
          {t('api.create')}
        </button>
      </div>
    </>
  );
}
