import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../features/shared/roles';
import { guardMutation } from '../../../../../features/shared/guard';
import { rejectAccessHttp } from '../../../../../features/access/http';

/** An approver rejects someone else's pending request: `{ comment? }`. */
export async function POST(request: NextRequest, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.approveAccess);
  if (!auth.ok) return auth.response;
  return rejectAccessHttp(request, auth.user, (await ctx.params).id);
}
