/**
 * The /account/password page: every signed-in user changes her own password (also right after a
 * reset).
 */
import { PasswordForm } from '../components/password-form';
import { t } from '../../shared/i18n/messages';
import { getLang } from '../../shared/i18n/request-lang';
import { requirePageUser } from '../../shared/page-guard';

/** /account/password: every signed-in user changes her own password (also right after a reset). */
export default async function PasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser('any', { allowPasswordChange: true });
  const lang = await getLang();
  const q = await searchParams;
  const required = user.mustChangePassword || q['required'] === '1';
  return (
    <div className="card sign-in">
      <h1>{t(lang, 'account.title')}</h1>
      <p className="muted">
        {user.displayName} ({user.username})
      </p>
      {required && <p className="notice warn">{t(lang, 'account.required')}</p>}
      <PasswordForm required={required} />
    </div>
  );
}
