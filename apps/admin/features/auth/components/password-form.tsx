'use client';

/** The password change form: the current password and the new one twice. */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiSend } from '../../shared/client-api';
import { useLang, useT } from '../../shared/components/lang-context';

/** The password change form: current password, the new one twice. */
export function PasswordForm({ required }: { required: boolean }) {
  const t = useT();
  const lang = useLang();
  const router = useRouter();
  const [fields, setFields] = useState({ current: '', next: '', repeat: '' });
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (): Promise<void> => {
    setError(null);
    if (fields.next !== fields.repeat) {
      setError(t('account.mismatch'));
      return;
    }
    setBusy(true);
    const res = await apiSend('POST', '/api/account/password', { current: fields.current, next: fields.next });
    setBusy(false);
    if (!res.ok) {
      setError(res.message[lang]);
      return;
    }
    setDone(true);
    setFields({ current: '', next: '', repeat: '' });
    if (required) router.push('/');
    else router.refresh();
  };
  return (
    <form
      className="password-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {error !== null && (
        <p className="notice error" data-testid="password-error">
          {error}
        </p>
      )}
      {done && <p className="notice info">{t('account.done')}</p>}
      <label>
        {t('account.current')}
        <input type="password" autoComplete="current-password" required value={fields.current} onChange={(e) => setFields({ ...fields, current: e.target.value })} data-testid="password-current" />
      </label>
      <label>
        {t('account.next')}
        <input type="password" autoComplete="new-password" required value={fields.next} onChange={(e) => setFields({ ...fields, next: e.target.value })} data-testid="password-next" />
      </label>
      <label>
        {t('account.repeat')}
        <input type="password" autoComplete="new-password" required value={fields.repeat} onChange={(e) => setFields({ ...fields, repeat: e.target.value })} data-testid="password-repeat" />
      </label>
      <p className="muted">{t('account.rule')}</p>
      <button type="submit" className="primary" disabled={busy} data-testid="password-submit">
        {t('account.submit')}
      </button>
    </form>
  );
}
