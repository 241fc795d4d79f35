/**
 * The top bar: navigation for the user's role, what waits in the inbox, the language switch and
 * sign-out.
 */
import Link from 'next/link';
import { Suspense } from 'react';
import type { Lang } from '../i18n/lang';
import { t } from '../i18n/messages';
import { can } from '../roles';
import type { SessionUser } from '../../auth';
import { LangSwitch } from './lang-switch';

/** What waits for the user, counted in the top bar (null: the role has no inbox). */
export interface HeaderCounts {
  toApprove: number;
  accessRequests: number;
  returned: number;
}

/**
 * The top bar: app name, the pages the role may open, the inbox counts, the language switch and
 * sign-out. Under 600 px the navigation folds behind a menu button (a checkbox and its label: no
 * script needed).
 */
export function AppHeader({ lang, user, counts = null }: { lang: Lang; user: SessionUser | null; counts?: HeaderCounts | null }) {
  return (
    <header className="app-header">
      <Link href={user !== null && !can(user.role, 'viewPolicies') ? (user.staffId !== null ? '/me' : '/clients') : '/policies'} className="brand">
        {t(lang, 'app.name')}
      </Link>
      {user !== null && (
        <input type="checkbox" id="nav-toggle" className="nav-toggle" aria-label={t(lang, 'nav.menu')} />
      )}
      {user !== null && (
        <label htmlFor="nav-toggle" className="nav-toggle-label" data-testid="nav-toggle">
          ☰ {t(lang, 'nav.menu')}
        </label>
      )}
      {user !== null && (
        <nav>
          {user.staffId !== null && <Link href="/me">{t(lang, 'nav.me')}</Link>}
          {can(user.role, 'viewPolicies') && <Link href="/policies">{t(lang, 'nav.policies')}</Link>}
          {can(user.role, 'runWhatIf') && <Link href="/what-if">{t(lang, 'nav.whatIf')}</Link>}
          {can(user.role, 'viewDecisions') && <Link href="/decisions">{t(lang, 'nav.decisions')}</Link>}
          {can(user.role, 'audit') && <Link href="/audit">{t(lang, 'nav.audit')}</Link>}
          {can(user.role, 'audit') && <Link href="/access-log">{t(lang, 'nav.accessLog')}</Link>}
          {can(user.role, 'viewPeople') && <Link href="/people">{t(lang, 'nav.people')}</Link>}
          {can(user.role, 'viewClients') && <Link href="/clients">{t(lang, 'nav.clients')}</Link>}
          {(can(user.role, 'requestAccess') || can(user.role, 'approveAccess')) && <Link href="/access-requests">{t(lang, 'nav.accessRequests')}</Link>}
          {can(user.role, 'viewReports') && <Link href="/reports/weekly">{t(lang, 'nav.reports')}</Link>}
          {can(user.role, 'importBooks') && <Link href="/imports">{t(lang, 'nav.imports')}</Link>}
          {(can(user.role, 'appealOwn') || can(user.role, 'decideAppeals')) && <Link href="/appeals">{t(lang, 'nav.appeals')}</Link>}
          {can(user.role, 'manageUsers') && <Link href="/users">{t(lang, 'nav.users')}</Link>}
          {can(user.role, 'manageTokens') && <Link href="/tokens">{t(lang, 'nav.tokens')}</Link>}
          {can(user.role, 'manageIntegrations') && <Link href="/integrations">{t(lang, 'nav.integrations')}</Link>}
        </nav>
      )}
      {user !== null && counts !== null && (
        <nav className="inbox-counts" data-testid="inbox-counts">
          {can(user.role, 'approve') && (
            <Link href="/inbox" data-testid="count-to-approve" data-count={counts.toApprove}>
              {t(lang, 'inbox.toApprove')} <span className="badge submitted">{counts.toApprove}</span>
            </Link>
          )}
          {can(user.role, 'approveAccess') && (
            <Link href="/access-requests" data-testid="count-access-requests" data-count={counts.accessRequests}>
              {t(lang, 'inbox.accessRequests')} <span className="badge submitted">{counts.accessRequests}</span>
            </Link>
          )}
          {can(user.role, 'editDrafts') && (
            <Link href="/inbox" data-testid="count-returned" data-count={counts.returned}>
              {t(lang, 'inbox.returned')} <span className="badge submitted">{counts.returned}</span>
            </Link>
          )}
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
