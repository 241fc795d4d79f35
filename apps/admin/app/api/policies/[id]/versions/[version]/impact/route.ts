import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../../../features/shared/roles';
import { requireRole } from '../../../../../../../features/shared/guard';
import { impactHttp } from '../../../../../../../features/policies/http';

/**
 * The impact of a version as its approval page shows it (editor, approver, auditor): the what-if
 * with the what-if page's defaults (base the version in force, the 90 days up to the latest
 * event, allocations as recorded), its breakdown by kind and rule, and the what-if link; the same
 * numbers as the page and as `POST /api/what-if` with those parameters. `impact` is null, with a
 * `message`, when there is nothing to compare (no version in force, no history).
 */
export async function GET(request: NextRequest, ctx: { params: Promise<{ id: string; version: string }> }): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.viewImpact);
  if (!auth.ok) return auth.response;
  return impactHttp(await ctx.params);
}
