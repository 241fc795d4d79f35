import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../features/shared/roles';
import { guardMutation } from '../../../../features/shared/guard';
import { updateUserHttp } from '../../../../features/users/http';

/**
 * Changes a user's role, disables them, or links the account to a staff id (`staffId`: the id of
 * the event history, or null to unlink; a rep always keeps one) (admin); their sessions end. An
 * admin cannot lock themself out.
 */
export async function PATCH(request: NextRequest, ctx: { params: Promise<{ username: string }> }): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.manageUsers);
  if (!auth.ok) return auth.response;
  return updateUserHttp(request, auth.user, (await ctx.params).username);
}
