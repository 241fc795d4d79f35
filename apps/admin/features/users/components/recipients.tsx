'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiSend } from '../../shared/client-api';
import { useLang, useT } from '../../shared/components/lang-context';
import type { MessageKey } from '../../shared/i18n/messages';

/** A notification channel a person can be put on. */
export interface ChannelOption {
  id: string;
  kind: 'wecom' | 'dingtalk' | 'email';
  name: string;
  enabled: boolean;
}

/** How one person is told, as stored. */
export interface RecipientRow {
  username: string;
  displayName: string;
  channel: string | null;
  lang: 'zh' | 'en';
  email: string | null;
  mobile: string | null;
}

/** The label of each field the API can name in an error. */
const FIELD_LABELS: Record<string, MessageKey> = { channel: 'users.notifyChannel', lang: 'users.notifyLang', email: 'users.email', mobile: 'users.mobile' };

/** One person's form: channel, language, e-mail and mobile, saved with `PATCH /api/integrations/recipients/{username}`. */
function RecipientForm({ row, channels }: { row: RecipientRow; channels: readonly ChannelOption[] }) {
  const t = useT();
  const lang = useLang();
  const router = useRouter();
  const [value, setValue] = useState({ channel: row.channel ?? '', lang: row.lang, email: row.email ?? '', mobile: row.mobile ?? '' });
  const [error, setError] = useState<{ field: string | null; text: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const u = row.username;
  const save = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    setSaved(false);
    const res = await apiSend('PATCH', `/api/integrations/recipients/${encodeURIComponent(u)}`, {
      channel: value.channel === '' ? null : value.channel,
      lang: value.lang,
      email: value.email.trim() === '' ? null : value.email.trim(),
      mobile: value.mobile.replace(/[\s-]/g, '') === '' ? null : value.mobile.replace(/[\s-]/g, ''),
    });
    setBusy(false);
    if (res.ok) {
      setSaved(true);
      router.refresh();
      return;
    }
    const field = res.field ?? null;
    const label = field !== null && FIELD_LABELS[field] !== undefined ? t(FIELD_LABELS[field]) : field;
    setError({ field, text: label === null ? res.message[lang] : `${label}${lang === 'zh' ? '：' : ': '}${res.message[lang]}` });
  };
  const invalid = (field: string): boolean => error?.field === field;
  return (
    <tr data-testid={`notify-row-${u}`}>
      <td>
        {u}
        <div className="muted small">{row.displayName}</div>
      </td>
      <td>
        <select aria-label={t('users.notifyChannel')} aria-invalid={invalid('channel')} value={value.channel} onChange={(e) => setValue({ ...value, channel: e.target.value })} data-testid={`notify-channel-${u}`}>
          <option value="">{t('users.notifyNone')}</option>
          {channels.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} · {t(`int.kind.${c.kind}`)}
              {c.enabled ? '' : ` ${t('users.notifyOff')}`}
            </option>
          ))}
        </select>
      </td>
      <td>
        <select aria-label={t('users.notifyLang')} aria-invalid={invalid('lang')} value={value.lang} onChange={(e) => setValue({ ...value, lang: e.target.value === 'en' ? 'en' : 'zh' })} data-testid={`notify-lang-${u}`}>
          <option value="zh">{t('users.lang.zh')}</option>
          <option value="en">{t('users.lang.en')}</option>
        </select>
      </td>
      <td>
        <input type="email" aria-label={t('users.email')} aria-invalid={invalid('email')} placeholder={t('users.email')} value={value.email} size={18} onChange={(e) => setValue({ ...value, email: e.target.value })} data-testid={`notify-email-${u}`} />
      </td>
      <td>
        <input type="tel" aria-label={t('users.mobile')} aria-invalid={invalid('mobile')} placeholder={t('users.mobile')} value={value.mobile} size={12} onChange={(e) => setValue({ ...value, mobile: e.target.value })} data-testid={`notify-mobile-${u}`} />
      </td>
      <td>
        <button type="button" disabled={busy} onClick={() => void save()} data-testid={`notify-save-${u}`}>
          {t('users.notifySave')}
        </button>
        {saved && (
          <span className="badge ok" data-testid={`notify-saved-${u}`}>
            {t('users.notifySaved', { user: u })}
          </span>
        )}
        {error !== null && (
          <p className="notice error" role="alert" data-testid={`notify-error-${u}`} data-field={error.field ?? ''}>
            {error.text}
          </p>
        )}
      </td>
    </tr>
  );
}

/** The users page's notification settings: one small form per user. */
export function RecipientsAdmin({ rows, channels }: { rows: readonly RecipientRow[]; channels: readonly ChannelOption[] }) {
  const t = useT();
  return (
    <>
      <p className="muted">{t('users.notifyHelp')}</p>
      {channels.length === 0 && <p className="notice">{t('users.notifyNoChannels')}</p>}
      <div className="table-scroll">
        <table data-testid="notify-table">
          <thead>
            <tr>
              <th>{t('signIn.username')}</th>
              <th>{t('users.notifyChannel')}</th>
              <th>{t('users.notifyLang')}</th>
              <th>{t('users.email')}</th>
              <th>{t('users.mobile')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <RecipientForm key={r.username} row={r} channels={channels} />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
