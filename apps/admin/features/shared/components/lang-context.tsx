'use client';

/** The UI language for client components, provided from the cookie the server read. */
import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import type { Lang } from '../i18n/lang';
import { t } from '../i18n/messages';
import type { MessageKey } from '../i18n/messages';

const LangContext = createContext<Lang>('zh');

/** Provides the UI language (from the cookie, read by the server) to client components. */
export function LangProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  return <LangContext.Provider value={lang}>{children}</LangContext.Provider>;
}

/** The UI language. */
export function useLang(): Lang {
  return useContext(LangContext);
}

/** `t` bound to the UI language. */
export function useT(): (key: MessageKey, vars?: Record<string, string | number>) => string {
  const lang = useLang();
  return (key, vars) => t(lang, key, vars);
}
