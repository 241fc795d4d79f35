'use client';

/** The language switch: one click to the other language. */
import { usePathname, useSearchParams } from 'next/navigation';
import type { Lang } from '../i18n/lang';
import { t } from '../i18n/messages';

/** One click to the other language: a form post that sets the cookie and comes back here. */
export function LangSwitch({ lang }: { lang: Lang }) {
  const path = usePathname();
  const query = useSearchParams().toString();
  return (
    <form method="post" action="/api/lang" className="lang-switch">
      <input type="hidden" name="lang" value={lang === 'zh' ? 'en' : 'zh'} />
      <input type="hidden" name="back" value={query === '' ? path : `${path}?${query}`} />
      <button type="submit" className="link-button" data-testid="switch-lang">
        {t(lang, 'nav.switchLang')}
      </button>
    </form>
  );
}
