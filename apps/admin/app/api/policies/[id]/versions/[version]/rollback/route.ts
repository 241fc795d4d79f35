import type { NextRequest } from 'next/server';
import { rollbackHttp } from '../../../../../../../features/policies/http';
import { PERMISSIONS } from '../../../../../../../features/shared/roles';
import { guardMutation } from '../../../../../../../features/shared/guard';

/** Approver: publishes this earlier version's content again as a new version (`{ effectiveFrom?, note }`). */
export async function POST(request: NextRequest, ctx: { params: Promise<{ id: string; version: string }> }): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.approve);
  if (!auth.ok) return auth.response;
  return rollbackHttp(request, auth.user, await ctx.params);
}
