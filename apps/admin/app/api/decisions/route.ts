import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../features/shared/roles';
import { requireRole } from '../../../features/shared/guard';
import { decisionsHttp } from '../../../features/shared/http';

/** Recorded decisions, newest pages by cursor (`?staffId=&kind=&since=&after=&limit=`; auditor, admin). Reads are access-logged by the runtime. */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.viewDecisions);
  if (!auth.ok) return auth.response;
  return decisionsHttp(request.nextUrl.searchParams, auth.user);
}
