import type { AccessResult } from './requests';
import { json } from '../shared/guard';

/** A request id from a path segment: a positive integer, else null. */
export function requestId(segment: string): number | null {
  if (!/^\d{1,9}$/.test(segment)) return null;
  const id = Number(segment);
  return id > 0 ? id : null;
}

/** An access-request step as an HTTP response: 200 with the request, or the refusal's status and message. */
export function accessResponse(result: AccessResult): Response {
  return result.ok ? json({ request: result.request }) : json({ error: result.error, message: result.message }, result.status);
}
