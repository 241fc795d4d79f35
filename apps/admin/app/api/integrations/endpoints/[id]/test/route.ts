import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../../features/shared/roles';
import { guardMutation } from '../../../../../../features/shared/guard';
import * as http from '../../../../../../features/integrations/http';

type Ctx = { params: Promise<{ id: string }> };

/** Sends a test event to the endpoint (admin) → 202 `{ deliveryId }`; its outcome shows in the delivery log. */
export async function POST(request: NextRequest, ctx: Ctx): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.manageIntegrations);
  if (!auth.ok) return auth.response;
  return http.postTestEvent((await ctx.params).id, auth.user);
}
