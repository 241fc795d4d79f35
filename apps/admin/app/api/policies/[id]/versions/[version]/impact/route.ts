import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../../../features/shared/roles';
import { getApp } from '../../../../../../../features/shared/app-context';
import { json, requireRole } from '../../../../../../../features/shared/guard';
import { computeImpact } from '../../../../../../../features/policies/impact';
import { readVersion } from '../../../../../../../features/policies/read';

/** The what-if of a version against the one in force over the last 90 days of history (editor, approver, auditor). */
export async function GET(request: NextRequest, ctx: { params: Promise<{ id: string; version: string }> }): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.viewImpact);
  if (!auth.ok) return auth.response;
  const { id, version } = await ctx.params;
  const { db, clock } = await getApp();
  const found = await readVersion(db, id, version, clock.now());
  if (found === undefined) return json({ error: 'not_found' }, 404);
  const impact = await computeImpact(db, id, { version, hash: found.view.hash, content: found.content }, clock.now());
  return json({ impact });
}
