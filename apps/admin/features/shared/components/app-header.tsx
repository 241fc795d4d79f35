import Link from 'next/link';
import { Suspense } from 'react';
import type { Lang } from '../i18n/lang';
import { t } from '../i18n/messages';
import { can } from '../roles';
import type { SessionUser } from '../../auth';
import { LangSwitch } from './lang-switch';

/** The top bar: app name, the pages the role may open, the language switch and sign-out. */
export function AppHeader({ lang, user }: { lang: Lang; user: SessionUser | null }) {
  return (
    <header className="app-header">
      <Link href={user !== null && !can(user.role, 'viewPolicies') ? '/clients' : '/policies'} className="brand">
        {t(lang, 'app.name')}
      </Link>
      {user !== null && (
        <nav>
          {can(user.role, 'viewPolicies') && <Link href="/policies">{t(lang, 'nav.policies')}</Link>}
          {can(user.role, 'runWhatIf') && <Link href="/what-if">{t(lang, 'nav.whatIf')}</Link>}
          {can(user.role, 'viewDecisions') && <Link href="/decisions">{t(lang, 'nav.decisions')}</Link>}
          {can(user.role, 'audit') && <Link href="/audit">{t(lang, 'nav.audit')}</Link>}
          {can(user.role, 'audit') && <Link href="/access-log">{t(lang, 'nav.accessLog')}</Link>}
          {can(user.role, 'viewPeople') && <Link href="/people">{t(lang, 'nav.people')}</Link>}
          {can(user.role, 'viewClients') && <Link href="/clients">{t(lang, 'nav.clients')}</Link>}
          {(can(user.role, 'requestAccess') || can(user.role, 'approveAccess')) && <Link href="/access-requests">{t(lang, 'nav.accessRequests')}</Link>}
          {can(user.role, 'viewReports') && <Link href="/reports/weekly">{t(lang, 'nav.reports')}</Link>}
          {can(user.role, 'manageUsers') && <Link href="/users">{t(lang, 'nav.users')}</Link>}
          {can(user.role, 'manageTokens') && <Link href="/tokens">{t(lang, 'nav.tokens')}</Link>}
        </nav>
      )}
      <div className="header-right">
        <Suspense fallback={null}>
          <LangSwitch lang={lang} />
        </Suspense>
        {user !== null && (
          <>
            <span className="who" data-testid="who">
              {user.displayName} · {t(lang, `role.${user.role}`)}
            </span>
            <Link href="/account/password" className="link-button" data-testid="change-password">
              {t(lang, 'nav.password')}
            </Link>
            <form method="post" action="/api/auth/sign-out">
              <button type="submit" className="link-button" data-testid="sign-out">
                {t(lang, 'nav.signOut')}
              </button>
            </form>
          </>
        )}
      </div>
    </header>
  );
}
