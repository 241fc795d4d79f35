import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../features/shared/roles';
import { ACCESS_REQUEST_ROLES } from '../../../features/access/requests';
import { guardMutation, requireRole } from '../../../features/shared/guard';
import { accessOverviewHttp, requestAccessHttp } from '../../../features/access/http';

/** The user's own requests; for an approver also the requests to decide and the grants in force. */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, ACCESS_REQUEST_ROLES);
  if (!auth.ok) return auth.response;
  return accessOverviewHttp(auth.user);
}

/** Asks to see one client's personal data: `{ clientId, reason }` → 201 with the pending request. */
export async function POST(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.requestAccess);
  if (!auth.ok) return auth.response;
  return requestAccessHttp(request, auth.user);
}
