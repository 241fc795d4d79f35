import { cookies } from 'next/headers';
import { LANG_COOKIE, parseLang } from '../i18n/lang';
import type { Lang } from '../i18n/lang';

/** The UI language of the page request (the `allot_lang` cookie; Chinese by default). */
export async function getLang(): Promise<Lang> {
  return parseLang((await cookies()).get(LANG_COOKIE)?.value);
}
