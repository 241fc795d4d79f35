import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../features/shared/roles';
import { guardMutation, requireRole } from '../../../../../features/shared/guard';
import * as http from '../../../../../features/integrations/http';

type Ctx = { params: Promise<{ id: string }> };

/** One endpoint (admin). */
export async function GET(request: NextRequest, ctx: Ctx): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.manageIntegrations);
  if (!auth.ok) return auth.response;
  return http.getEndpoint((await ctx.params).id);
}

/** Changes an endpoint's name, URL, filters or on/off (admin). */
export async function PATCH(request: NextRequest, ctx: Ctx): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.manageIntegrations);
  if (!auth.ok) return auth.response;
  return http.patchEndpoint(request, (await ctx.params).id);
}
