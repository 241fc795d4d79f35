import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../features/shared/roles';
import { requireRole } from '../../../../../features/shared/guard';
import { auditDecisionHttp } from '../../../../../features/audit/http';

/**
 * One decision as the explorer shows it (auditor): its fields, explanation, policy version,
 * hash and clause, cause events and downstream. The read is written to the access log.
 */
export async function GET(request: NextRequest, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.audit);
  if (!auth.ok) return auth.response;
  return auditDecisionHttp(auth.user, (await ctx.params).id);
}
