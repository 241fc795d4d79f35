/** The UI languages and their cookie: Chinese first, English one click away; a sentence in both. */

/** The UI languages: Chinese first, English one click away. */
export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** The cookie that remembers the UI language. */
export const LANG_COOKIE = 'allot_lang';

/** Chinese unless the value says English. */
export function parseLang(value: string | undefined | null): Lang {
  return value === 'en' ? 'en' : 'zh';
}

/** The UI language a request carries in its cookie (Chinese by default). */
export function requestLang(request: { cookies: { get(name: string): { value: string } | undefined } }): Lang {
  return parseLang(request.cookies.get(LANG_COOKIE)?.value);
}

/** A sentence in both UI languages. */
export interface Localized {
  zh: string;
  en: string;
}

/** Picks the sentence for the language. */
export function pick(text: Localized, lang: Lang): string {
  return text[lang];
}
