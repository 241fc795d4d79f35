import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../features/shared/roles';
import { guardMutation } from '../../../../../features/shared/guard';
import { approveAccessHttp } from '../../../../../features/access/http';

/** An approver grants someone else's pending request: `{ hours?: 1–168 (default 24), comment? }`. */
export async function POST(request: NextRequest, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.approveAccess);
  if (!auth.ok) return auth.response;
  return approveAccessHttp(request, auth.user, (await ctx.params).id);
}
