import type { NextRequest } from 'next/server';
import { rejectHttp } from '../../../../../../../features/policies/http';
import { PERMISSIONS } from '../../../../../../../features/shared/roles';
import { guardMutation } from '../../../../../../../features/shared/guard';

/** Approver: sends a submitted version back to draft with a comment (`{ comment, revision }`). */
export async function POST(request: NextRequest, ctx: { params: Promise<{ id: string; version: string }> }): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.approve);
  if (!auth.ok) return auth.response;
  return rejectHttp(request, auth.user, await ctx.params);
}
