import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import type { Localized } from '../shared/i18n/lang';

/**
 * The password rule (docs/security.md "Passwords"): at least {@link MIN_CODE_POINTS} and at most
 * {@link MAX_CODE_POINTS} characters, counted in Unicode code points (an emoji or a Chinese
 * character is one); not containing the username; not one character or a short run repeated;
 * and not guessable: zxcvbn-ts (`@zxcvbn-ts/core` with its common-passwords dictionary, the
 * username, the display name and the app's own words as user inputs) must score it at least
 * {@link MIN_SCORE} of 4.
 */

export const MIN_CODE_POINTS = 10;
export const MAX_CODE_POINTS = 128;
/** zxcvbn's score: 3 is "safely unguessable: moderate protection from offline slow-hash scenario". */
export const MIN_SCORE = 3;

/** Why a password was refused. */
export type PasswordProblem = 'too_short' | 'too_long' | 'contains_username' | 'repeats' | 'too_common';

let estimator: ZxcvbnFactory | undefined;
const zxcvbn = (): ZxcvbnFactory => (estimator ??= new ZxcvbnFactory({ dictionary: { ...dictionary }, graphs: adjacencyGraphs }));

/** Words of this app a password must not lean on. */
const APP_WORDS = ['allot', 'admin', 'password', 'sales', 'resource'];

/** The first problem of `password` for the account `username` (display name `displayName`), or null. */
export function passwordProblem(password: string, account: { username: string; displayName?: string }): PasswordProblem | null {
  const points = [...password];
  if (points.length < MIN_CODE_POINTS) return 'too_short';
  if (points.length > MAX_CODE_POINTS) return 'too_long';
  const folded = password.toLowerCase();
  const username = account.username.trim().toLowerCase();
  if (username.length >= 3 && folded.includes(username)) return 'contains_username';
  if (new Set(points).size <= 3 || /^(.{1,6}?)\1+.{0,2}$/su.test(password)) return 'repeats';
  const result = zxcvbn().check(password, [username, ...(account.displayName === undefined ? [] : [account.displayName]), ...APP_WORDS]);
  if (result.score < MIN_SCORE) return 'too_common';
  return null;
}

/** The refusal's message in both languages. */
export function passwordMessage(problem: PasswordProblem): Localized {
  switch (problem) {
    case 'too_short':
      return { zh: `密码至少 ${MIN_CODE_POINTS} 个字符`, en: `the password needs at least ${MIN_CODE_POINTS} characters` };
    case 'too_long':
      return { zh: `密码最多 ${MAX_CODE_POINTS} 个字符`, en: `the password may have at most ${MAX_CODE_POINTS} characters` };
    case 'contains_username':
      return { zh: '密码不能包含用户名', en: 'the password must not contain the username' };
    case 'repeats':
      return { zh: '密码不能是重复的字符或片段', en: 'the password must not be a repeated character or run' };
    case 'too_common':
      return { zh: '密码太常见或太容易猜到，请换一个更长、更少见的密码', en: 'the password is too common or easy to guess; choose a longer, less common one' };
  }
}
