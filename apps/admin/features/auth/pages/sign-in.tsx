/** The /sign-in page: the sign-in form and what the last attempt came to. */
import { redirect } from 'next/navigation';
import { t } from '../../shared/i18n/messages';
import { getLang } from '../../shared/i18n/request-lang';
import { currentUser } from '../../shared/page-guard';

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if ((await currentUser()) !== null) redirect('/');
  const lang = await getLang();
  const q = await searchParams;
  return (
    <div className="card sign-in">
      <h1>{t(lang, 'signIn.title')}</h1>
      <p className="muted">{t(lang, 'app.tagline')}</p>
      {q['error'] === 'invalid' && <p className="notice error" data-testid="sign-in-error">{t(lang, 'signIn.invalid')}</p>}
      {q['error'] === 'locked' && <p className="notice error" data-testid="sign-in-error">{t(lang, 'signIn.locked')}</p>}
      {q['signedOut'] === '1' && <p className="notice info">{t(lang, 'signIn.signedOut')}</p>}
      <form method="post" action="/api/auth/sign-in">
        <label>
          {t(lang, 'signIn.username')}
          <input name="username" autoComplete="username" required autoFocus />
        </label>
        <label>
          {t(lang, 'signIn.password')}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit" className="primary" data-testid="sign-in-submit">
          {t(lang, 'signIn.submit')}
        </button>
      </form>
    </div>
  );
}
