import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../features/shared/roles';
import { getApp } from '../../../../../features/shared/app-context';
import { findAuditDecision } from '../../../../../features/audit/lookup';
import { json, requireRole } from '../../../../../features/shared/guard';

/**
 * One decision as the explorer shows it (auditor): its fields, explanation, policy version,
 * hash and clause, cause events and downstream. The read is written to the access log.
 */
export async function GET(request: NextRequest, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.audit);
  if (!auth.ok) return auth.response;
  const { id } = await ctx.params;
  const view = await findAuditDecision(await getApp(), id, auth.user.username);
  if (view === null) return json({ error: 'not_found', message: { zh: '没有这个决定', en: 'no such decision' } }, 404);
  return json(view);
}
