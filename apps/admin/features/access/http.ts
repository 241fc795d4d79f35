/**
 * The access API over HTTP (route files guard, then call one of these): the user's requests and
 * an approver's queue, asking for a client's personal data, approving, rejecting and revoking a
 * grant, and the access log with its download.
 */
import type { NextRequest } from 'next/server';
import type { SessionUser } from '../auth';
import { listUsers } from '../auth';
import { CLIENT_ID_PATTERN } from '../clients';
import { getApp } from '../shared/app-context';
import { exportFormat, exportResponse } from '../shared/export-response';
import { json, readJsonBody } from '../shared/guard';
import { requestLang } from '../shared/i18n/lang';
import { asRecord, stringField } from '../shared/request-body';
import { resolveStaff } from '../shared/staff-lookup';
import { badRequest } from '../shared/step-response';
import { accessLogSheet, allAccessLog } from './export';
import { accessLogQuery, searchAccessLog } from './log';
import { accessOverview, approveAccess, GRANT_HOURS, rejectAccess, requestAccess, revokeAccess, TEXT_MAX } from './requests';
import type { AccessResult } from './requests';

/** A request id from a path segment: a positive integer, else null. */
function requestId(segment: string): number | null {
  if (!/^\d{1,9}$/.test(segment)) return null;
  const id = Number(segment);
  return id > 0 ? id : null;
}

/** An access-request step as an HTTP response: 200 with the request, or the refusal's status and message. */
function accessResponse(result: AccessResult): Response {
  return result.ok ? json({ request: result.request }) : json({ error: result.error, message: result.message }, result.status);
}

/** The user's own requests; for an approver also the requests to decide and the grants in force. */
export async function accessOverviewHttp(user: SessionUser): Promise<Response> {
  const { db, clock } = await getApp();
  return json(await accessOverview(db, user, clock.now()));
}

/** Asks to see one client's personal data: `{ clientId, reason }` → 201 with the pending request. */
export async function requestAccessHttp(request: Request, user: SessionUser): Promise<Response> {
  const read = await readJsonBody(request);
  if (!read.ok) return read.response;
  const body = asRecord(read.value);
  const clientId = stringField(body, 'clientId', 64);
  if (!CLIENT_ID_PATTERN.test(clientId)) return badRequest('客户编号无效', 'invalid client id');
  const { db, clock } = await getApp();
  const result = await requestAccess(db, user, { clientId, reason: stringField(body, 'reason', TEXT_MAX + 1) }, clock.now());
  return result.ok ? json({ request: result.request }, 201) : json({ error: result.error, message: result.message }, result.status);
}

/** The step on one request: its id from the path segment (400 when malformed), then its body as a record. */
async function stepInput(request: Request, segment: string): Promise<{ ok: true; id: number; body: Record<string, unknown> } | { ok: false; response: Response }> {
  const id = requestId(segment);
  if (id === null) return { ok: false, response: badRequest('申请编号无效', 'invalid request id') };
  const read = await readJsonBody(request);
  if (!read.ok) return read;
  return { ok: true, id, body: asRecord(read.value) };
}

/** An approver grants someone else's pending request: `{ hours?: 1–168 (default 24), comment? }`. */
export async function approveAccessHttp(request: Request, user: SessionUser, segment: string): Promise<Response> {
  const input = await stepInput(request, segment);
  if (!input.ok) return input.response;
  const { id, body } = input;
  const hours = body['hours'] === undefined || body['hours'] === null ? GRANT_HOURS.default : body['hours'];
  if (typeof hours !== 'number') return badRequest('时长无效', 'invalid duration');
  const { db, clock } = await getApp();
  return accessResponse(await approveAccess(db, user, id, { hours, comment: stringField(body, 'comment', TEXT_MAX) }, clock.now()));
}

/** A step that takes a comment only (`{ comment? }`): reject or revoke. */
async function commentStep(request: Request, user: SessionUser, segment: string, step: typeof rejectAccess): Promise<Response> {
  const input = await stepInput(request, segment);
  if (!input.ok) return input.response;
  const { db, clock } = await getApp();
  return accessResponse(await step(db, user, input.id, { comment: stringField(input.body, 'comment', TEXT_MAX) }, clock.now()));
}

/** An approver rejects someone else's pending request: `{ comment? }`. */
export async function rejectAccessHttp(request: Request, user: SessionUser, segment: string): Promise<Response> {
  return commentStep(request, user, segment, rejectAccess);
}

/** Ends a grant in force now: the requester gives it up, or an approver takes it back (`{ comment? }`). */
export async function revokeAccessHttp(request: Request, user: SessionUser, segment: string): Promise<Response> {
  return commentStep(request, user, segment, revokeAccess);
}

/**
 * The access log, newest first (`?actor=` (a username or a person's name)
 * `&clientId=&action=&since=&until=&before=&limit=`); `format=xlsx|csv` downloads every entry found.
 */
export async function accessLogHttp(request: NextRequest): Promise<Response> {
  const { db } = await getApp();
  // `actor` may be a person's name: it is read as the username of the account it names.
  const params = new URLSearchParams(request.nextUrl.searchParams);
  const typed = params.get('actor');
  const actor = typed === null ? null : resolveStaff(typed, (await listUsers(db)).map((u) => ({ staffId: u.username, name: u.displayName })));
  if (actor !== null) params.set('actor', actor);
  const query = accessLogQuery(params);
  if (query === null) return badRequest('时间或数字格式无效', 'malformed instant or number');
  const format = exportFormat(request.nextUrl.searchParams);
  if (format !== null) return exportResponse([accessLogSheet(await allAccessLog(db, query), requestLang(request))], format, 'access-log');
  return json(await searchAccessLog(db, query));
}
