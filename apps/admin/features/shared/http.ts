/**
 * The app-wide API over HTTP that belongs to no feature (route files guard, then call one of
 * these): the language switch, events fed to the runtime by an administrator, and the recorded
 * decisions read through the runtime.
 */
import { NextResponse } from 'next/server';
import type { NextRequest } from 'next/server';
import { EVENTS_BODY_LIMIT, MAX_REJECTED_SHOWN, refusalAnswer } from '../api-v1';
import type { SessionUser } from '../auth';
import { isHttps } from '../auth';
import { getApp } from './app-context';
import { bodyRefusal, readBodyText, readForm } from './body-limit';
import { json } from './guard';
import { LANG_COOKIE, parseLang } from './i18n/lang';

/** Only paths of this app may be returned to (no open redirect). */
const safePath = (value: string | null): string => (typeof value === 'string' && /^\/(?!\/)[\w\-./?=&%]*$/.test(value) ? value : '/policies');

/** Switches the UI language (a cookie, form fields `lang` and `back`) and goes back to the page. */
export async function switchLangHttp(request: NextRequest): Promise<Response> {
  const read = await readForm(request);
  if (!read.ok) return read.response;
  const field = (name: string): string | null => (typeof read.fields[name] === 'string' ? (read.fields[name] as string) : null);
  const lang = parseLang(field('lang'));
  const response = new NextResponse(null, { status: 303, headers: { location: safePath(field('back')), 'cache-control': 'no-store' } });
  response.cookies.set({ name: LANG_COOKIE, value: lang, sameSite: 'lax', secure: isHttps(request), path: '/', maxAge: 365 * 24 * 3600 });
  return response;
}

/**
 * Feeds events to the runtime: a JSON array, or JSON Lines with `content-type:
 * application/x-ndjson`, read as a stream of at most 8 MiB. 422 when every line is rejected; a
 * runtime refusal answers its documented status.
 */
export async function ingestEventsHttp(request: Request): Promise<Response> {
  const ndjson = (request.headers.get('content-type') ?? '').includes('ndjson');
  const read = await readBodyText(request, EVENTS_BODY_LIMIT);
  if (!read.ok) return bodyRefusal(read);
  let input: string | unknown[] = read.text;
  if (!ndjson) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(read.text) as unknown;
    } catch {
      parsed = null;
    }
    if (!Array.isArray(parsed)) return json({ error: 'bad_request', message: { zh: '需要事件数组', en: 'expected an array of events' } }, 400);
    input = parsed;
  }
  const { runtime } = await getApp();
  try {
    const result = await runtime.ingest(input, { maxRejected: MAX_REJECTED_SHOWN });
    return json(result, result.rejectedCount > 0 && result.accepted === 0 && result.duplicates === 0 ? 422 : 200);
  } catch (error) {
    const answer = refusalAnswer(error);
    return json(answer.body, answer.status);
  }
}

/** Recorded decisions by cursor (`?staffId=&kind=&since=&after=&limit=`, at most 1000 a page), read as this user. */
export async function decisionsHttp(searchParams: URLSearchParams, user: SessionUser): Promise<Response> {
  const p = searchParams;
  const opt = (k: string): string | undefined => p.get(k) ?? undefined;
  const after = Number(p.get('after') ?? '');
  const limit = Number(p.get('limit') ?? '');
  const { runtime } = await getApp();
  const page = await runtime.decisions(
    {
      ...(opt('staffId') === undefined ? {} : { staffId: opt('staffId') }),
      ...(opt('kind') === undefined ? {} : { kind: opt('kind') }),
      ...(opt('since') === undefined ? {} : { since: opt('since') }),
      ...(Number.isSafeInteger(after) && after > 0 ? { after } : {}),
      ...(Number.isSafeInteger(limit) && limit > 0 ? { limit: Math.min(limit, 1000) } : {}),
    },
    { actor: user.username },
  );
  return json(page);
}
