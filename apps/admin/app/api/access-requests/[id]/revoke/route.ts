import type { NextRequest } from 'next/server';
import { ACCESS_REQUEST_ROLES } from '../../../../../features/access/requests';
import { guardMutation } from '../../../../../features/shared/guard';
import { revokeAccessHttp } from '../../../../../features/access/http';

/** Ends a grant in force now: the requester gives it up, or an approver takes it back (`{ comment? }`). */
export async function POST(request: NextRequest, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const auth = await guardMutation(request, ACCESS_REQUEST_ROLES);
  if (!auth.ok) return auth.response;
  return revokeAccessHttp(request, auth.user, (await ctx.params).id);
}
