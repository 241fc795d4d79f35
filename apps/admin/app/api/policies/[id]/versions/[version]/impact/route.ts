import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../../../features/shared/roles';
import { getApp } from '../../../../../../../features/shared/app-context';
import { json, requireRole } from '../../../../../../../features/shared/guard';
import { readVersion } from '../../../../../../../features/policies/read';
import { approvalImpact } from '../../../../../../../features/what-if';

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
  const { id, version } = await ctx.params;
  const { db, clock } = await getApp();
  const found = await readVersion(db, id, version, clock.now());
  if (found === undefined) return json({ error: 'not_found' }, 404);
  const impact = await approvalImpact(db, id, version, clock.now());
  return json(impact.ok ? { impact: impact.impact } : { impact: null, message: impact.message });
}
