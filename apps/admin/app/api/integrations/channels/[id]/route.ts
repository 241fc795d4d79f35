import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../features/shared/roles';
import { guardMutation } from '../../../../../features/shared/guard';
import * as http from '../../../../../features/integrations/http';

type Ctx = { params: Promise<{ id: string }> };

/** Turns a channel on/off or resumes it (admin): `{ enabled?, resume? }`. */
export async function PATCH(request: NextRequest, ctx: Ctx): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.manageIntegrations);
  if (!auth.ok) return auth.response;
  return http.patchChannel(request, (await ctx.params).id);
}
