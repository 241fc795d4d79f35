import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../features/shared/roles';
import { requireRole } from '../../../../features/shared/guard';
import { readPersonHttp } from '../../../../features/people/http';

/**
 * One staff member: status, fines this month and by month, their decisions newest first
 * (`?before=<seq>&limit=`), and the allocation ring (editor, approver, auditor, admin). The
 * decisions name clients by id only; the read is written to the access log. With
 * `format=xlsx|csv`, the person's fines (every one, and by month) as a download.
 */
export async function GET(request: NextRequest, ctx: { params: Promise<{ staffId: string }> }): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.viewPeople);
  if (!auth.ok) return auth.response;
  return readPersonHttp(request, auth.user, (await ctx.params).staffId);
}
