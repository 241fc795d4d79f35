import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../../features/shared/roles';
import { guardMutation } from '../../../../../../features/shared/guard';
import * as http from '../../../../../../features/integrations/http';

type Ctx = { params: Promise<{ id: string }> };

/** Resumes a paused endpoint (admin): the deliveries that waited go out. */
export async function POST(request: NextRequest, ctx: Ctx): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.manageIntegrations);
  if (!auth.ok) return auth.response;
  return http.postResume((await ctx.params).id);
}
