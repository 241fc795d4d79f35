/**
 * The browser's calls to the app's route handlers with a JSON body, and their answers with the
 * message in both languages.
 */
import type { Localized } from './i18n/lang';

/** A JSON API answer: the body, or the error with its message in both languages (and the bad field, when the handler names one). */
export type ApiResult<T> = { ok: true; status: number; body: T } | { ok: false; status: number; error: string; message: Localized; details?: unknown; field?: string };

/**
 * Calls one of the app's route handlers with a JSON body. Same-origin `fetch` sends the `Origin`
 * header the handlers require and the session cookie.
 */
export async function apiSend<T>(method: 'POST' | 'PUT' | 'PATCH' | 'GET', url: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    const m = error instanceof Error ? error.message : String(error);
    return { ok: false, status: 0, error: 'network', message: { zh: `网络错误：${m}`, en: `network error: ${m}` } };
  }
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (res.ok) return { ok: true, status: res.status, body: data as T };
  const message = (data['message'] as Localized | undefined) ?? { zh: `请求失败（${res.status}）`, en: `request failed (${res.status})` };
  return {
    ok: false,
    status: res.status,
    error: String(data['error'] ?? res.status),
    message,
    ...(data['details'] === undefined ? {} : { details: data['details'] }),
    ...(typeof data['field'] === 'string' ? { field: data['field'] } : {}),
  };
}
