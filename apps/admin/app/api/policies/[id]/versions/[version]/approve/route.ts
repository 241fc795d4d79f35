import type { NextRequest } from 'next/server';
import { approveHttp } from '../../../../../../../features/policies/http';
import { PERMISSIONS } from '../../../../../../../features/shared/roles';
import { guardMutation } from '../../../../../../../features/shared/guard';

/** Approver: approves a submitted version it did not make (`{ comment, revision }`). */
export async function POST(request: NextRequest, ctx: { params: Promise<{ id: string; version: string }> }): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.approve);
  if (!auth.ok) return auth.response;
  return approveHttp(request, auth.user, await ctx.params);
}
