'use client';

/**
 * The users page's body: the accounts, creating one, changing a role, state or staff id, resetting
 * a password, clearing sign-in delays.
 */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiSend } from '../../shared/client-api';
import { ROLES } from '../../shared/roles';
import type { Role } from '../../shared/roles';
import { useLang, useT } from '../../shared/components/lang-context';

/** A user row as the page passes it. */
export interface UserRow {
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  /** The staff id the account is linked to (我的状态), or null. */
  staffId: string | null;
  /** Waiting out sign-in delays from some address (features/auth/throttle.ts). */
  throttled: boolean;
}

/** The admin's user list: change a role, link a staff id, disable or enable, unlock sign-in, reset a password, create a user. */
export function UserAdmin({ users, self }: { users: readonly UserRow[]; self: string }) {
  const t = useT();
  const lang = useLang();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState({ username: '', displayName: '', role: 'viewer' as Role, password: '', staffId: '' });
  const others = users.filter((u) => u.username !== self);
  const [reset, setReset] = useState({ username: others[0]?.username ?? '', password: '' });
  const [notice, setNotice] = useState<string | null>(null);
  const send = async (method: 'POST' | 'PATCH', url: string, body: unknown): Promise<boolean> => {
    setError(null);
    setNotice(null);
    const res = await apiSend(method, url, body);
    if (res.ok) router.refresh();
    else setError(res.message[lang]);
    return res.ok;
  };
  return (
    <>
      {error !== null && <p className="notice error">{error}</p>}
      {notice !== null && <p className="notice ok">{notice}</p>}
      <div className="table-scroll">
        <table>
          <tbody>
            {users.map((u) => (
              <tr key={u.username}>
                <td>{u.username}</td>
                <td>{u.displayName}</td>
                <td>
                  <select value={u.role} disabled={u.username === self} onChange={(e) => void send('PATCH', `/api/users/${u.username}`, { role: e.target.value })}>
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`role.${r}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    aria-label={t('users.staffId')}
                    placeholder={t('users.staffId')}
                    defaultValue={u.staffId ?? ''}
                    size={8}
                    data-testid={`staff-id-${u.username}`}
                    onBlur={(e) => {
                      const v = e.target.value.trim();
                      if (v !== (u.staffId ?? '')) void send('PATCH', `/api/users/${u.username}`, { staffId: v === '' ? null : v });
                    }}
                  />
                </td>
                <td>
                  <label>
                    <input type="checkbox" checked={!u.disabled} disabled={u.username === self} onChange={(e) => void send('PATCH', `/api/users/${u.username}`, { disabled: !e.target.checked })} />{' '}
                    {t('users.active')}
                  </label>
                </td>
                <td data-testid={`sign-in-state-${u.username}`}>
                  {u.throttled ? (
                    <>
                      <span className="badge warn">{t('users.throttled')}</span>{' '}
                      <button type="button" data-testid={`unlock-${u.username}`} onClick={() => void send('POST', `/api/users/${u.username}/unlock`, {})}>
                        {t('users.unlock')}
                      </button>
                    </>
                  ) : (
                    <span className="muted">{t('users.signInOk')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('users.reset')}</h2>
      <p className="muted">{t('users.resetHelp')}</p>
      <div className="row">
        <select aria-label={t('users.resetWho')} value={reset.username} onChange={(e) => setReset({ ...reset, username: e.target.value })} data-testid="reset-user">
          {others.map((u) => (
            <option key={u.username} value={u.username}>
              {u.username} · {u.displayName}
            </option>
          ))}
        </select>
        <input type="password" autoComplete="new-password" placeholder={t('users.tempPassword')} value={reset.password} onChange={(e) => setReset({ ...reset, password: e.target.value })} data-testid="reset-password" />
        <button
          type="button"
          data-testid="reset-submit"
          onClick={() =>
            void send('POST', `/api/users/${reset.username}/reset-password`, { password: reset.password }).then((ok) => {
              if (ok) {
                setNotice(t('users.resetDone', { user: reset.username }));
                setReset({ ...reset, password: '' });
              }
            })
          }
        >
          {t('users.reset')}
        </button>
      </div>
      <h2>{t('users.new')}</h2>
      <div className="row">
        <input placeholder={t('signIn.username')} value={draft.username} onChange={(e) => setDraft({ ...draft, username: e.target.value })} />
        <input placeholder={t('users.name')} value={draft.displayName} onChange={(e) => setDraft({ ...draft, displayName: e.target.value })} />
        <select value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as Role })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
        <input placeholder={t('users.staffId')} value={draft.staffId} size={8} onChange={(e) => setDraft({ ...draft, staffId: e.target.value })} />
        <input type="password" placeholder={t('signIn.password')} value={draft.password} onChange={(e) => setDraft({ ...draft, password: e.target.value })} />
        <button type="button" className="primary" onClick={() => void send('POST', '/api/users', draft)}>
          {t('users.create')}
        </button>
      </div>
    </>
  );
}
