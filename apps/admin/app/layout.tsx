import type { ReactNode } from 'react';
import { AppHeader } from '../features/shared/components/app-header';
import { LangProvider } from '../features/shared/components/lang-context';
import { t } from '../features/shared/i18n/messages';
import { getLang } from '../features/shared/i18n/request-lang';
import { currentUser } from '../features/shared/page-guard';
import { getApp } from '../features/shared/app-context';
import { can } from '../features/shared/roles';
import { inboxCounts } from '../features/policies';
import './globals.css';

/** Page metadata. */
export async function generateMetadata() {
  return { title: t(await getLang(), 'app.name') };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const lang = await getLang();
  const user = await currentUser();
  const counts = user !== null && (can(user.role, 'inbox') || can(user.role, 'approveAccess')) ? await inboxCounts((await getApp()).db, user) : null;
  return (
    <html lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <body>
        <LangProvider lang={lang}>
          <AppHeader lang={lang} user={user} counts={counts} />
          <main className="page">{children}</main>
        </LangProvider>
      </body>
    </html>
  );
}
