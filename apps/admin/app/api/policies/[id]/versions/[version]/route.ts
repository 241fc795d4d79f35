import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../../features/shared/roles';
import { guardMutation, requireRole } from '../../../../../../features/shared/guard';
import { readVersionHttp, saveDraftHttp } from '../../../../../../features/policies/http';

type Ctx = { params: Promise<{ id: string; version: string }> };

/** One version: its standing, content and audit trail (viewer and up). */
export async function GET(request: NextRequest, ctx: Ctx): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.viewPolicies);
  if (!auth.ok) return auth.response;
  return readVersionHttp(await ctx.params);
}

/** Editor: saves a draft (`{ content, revision }`); 409 with both versions when someone saved since. */
export async function PUT(request: NextRequest, ctx: Ctx): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.editDrafts);
  if (!auth.ok) return auth.response;
  return saveDraftHttp(request, auth.user, await ctx.params);
}
