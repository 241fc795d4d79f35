/** The UI language of a page request, from its cookie. */
import { cookies } from 'next/headers';
import { LANG_COOKIE, parseLang } from './lang';
import type { Lang } from './lang';

/** The UI language of the page request (the `allot_lang` cookie; Chinese by default). */
export async function getLang(): Promise<Lang> {
  return parseLang((await cookies()).get(LANG_COOKIE)?.value);
}
