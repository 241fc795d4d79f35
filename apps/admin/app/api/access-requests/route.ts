import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../features/shared/roles';
import { getApp } from '../../../features/shared/app-context';
import { ACCESS_REQUEST_ROLES, accessOverview, requestAccess, TEXT_MAX } from '../../../features/access/requests';
import { CLIENT_ID_PATTERN } from '../../../features/clients/read';
import { guardMutation, json, readJsonBody, requireRole } from '../../../features/shared/guard';
import { asRecord, stringField } from '../../../features/shared/request-body';
import { badRequest } from '../../../features/shared/step-response';

/** The user's own requests; for an approver also the requests to decide and the grants in force. */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, ACCESS_REQUEST_ROLES);
  if (!auth.ok) return auth.response;
  const { db, clock } = await getApp();
  return json(await accessOverview(db, auth.user, clock.now()));
}

/** Asks to see one client's personal data: `{ clientId, reason }` → 201 with the pending request. */
export async function POST(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.requestAccess);
  if (!auth.ok) return auth.response;
  const read = await readJsonBody(request);
  if (!read.ok) return read.response;
  const body = asRecord(read.value);
  const clientId = stringField(body, 'clientId', 64);
  if (!CLIENT_ID_PATTERN.test(clientId)) return badRequest('客户编号无效', 'invalid client id');
  const { db, clock } = await getApp();
  const result = await requestAccess(db, auth.user, { clientId, reason: stringField(body, 'reason', TEXT_MAX + 1) }, clock.now());
  return result.ok ? json({ request: result.request }, 201) : json({ error: result.error, message: result.message }, result.status);
}
