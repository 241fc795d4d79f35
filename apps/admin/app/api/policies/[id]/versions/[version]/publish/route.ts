import type { NextRequest } from 'next/server';
import { publishHttp } from '../../../../../../../features/policies/http';
import { PERMISSIONS } from '../../../../../../../features/shared/roles';
import { guardMutation } from '../../../../../../../features/shared/guard';

/** Approver: publishes an approved version through the runtime, now or at `effectiveFrom` (`{ effectiveFrom?, revision }`). */
export async function POST(request: NextRequest, ctx: { params: Promise<{ id: string; version: string }> }): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.approve);
  if (!auth.ok) return auth.response;
  return publishHttp(request, auth.user, await ctx.params);
}
