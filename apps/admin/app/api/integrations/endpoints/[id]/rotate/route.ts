import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../../features/shared/roles';
import { guardMutation } from '../../../../../../features/shared/guard';
import * as http from '../../../../../../features/integrations/http';

type Ctx = { params: Promise<{ id: string }> };

/** Rotates the secret (admin): `{ overlapHours? }` → `{ endpoint, secret }`; the previous secret also signs until the overlap ends. */
export async function POST(request: NextRequest, ctx: Ctx): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.manageIntegrations);
  if (!auth.ok) return auth.response;
  return http.postRotate(request, (await ctx.params).id);
}
