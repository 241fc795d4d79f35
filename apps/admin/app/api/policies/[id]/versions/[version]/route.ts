import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../../features/shared/roles';
import { getApp } from '../../../../../../features/shared/app-context';
import { guardMutation, json, requireRole } from '../../../../../../features/shared/guard';
import { readAudit } from '../../../../../../features/policies/audit';
import { saveDraftHttp } from '../../../../../../features/policies/http';
import { readVersion } from '../../../../../../features/policies/read';

type Ctx = { params: Promise<{ id: string; version: string }> };

/** One version: its standing, content and audit trail (viewer and up). */
export async function GET(request: NextRequest, ctx: Ctx): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.viewPolicies);
  if (!auth.ok) return auth.response;
  const { id, version } = await ctx.params;
  const { db, clock } = await getApp();
  const found = await readVersion(db, id, version, clock.now());
  if (found === undefined) return json({ error: 'not_found' }, 404);
  return json({ version: found.view, content: found.content, audit: await readAudit(db, { policyId: id, version }) });
}

/** Editor: saves a draft (`{ content, revision }`); 409 with both versions when someone saved since. */
export async function PUT(request: NextRequest, ctx: Ctx): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.editDrafts);
  if (!auth.ok) return auth.response;
  return saveDraftHttp(request, auth.user, await ctx.params);
}
