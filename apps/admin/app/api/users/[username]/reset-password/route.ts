import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../features/shared/roles';
import { guardMutation } from '../../../../../features/shared/guard';
import { resetPasswordHttp } from '../../../../../features/users/http';

/**
 * Admin: resets an account's password to a temporary one (`{ password }`, which must pass the
 * rule); the account's sessions end and its next sign-in must choose a new password. Not one's
 * own account (that is the password page's job).
 */
export async function POST(request: NextRequest, ctx: { params: Promise<{ username: string }> }): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.manageUsers);
  if (!auth.ok) return auth.response;
  return resetPasswordHttp(request, auth.user, (await ctx.params).username);
}
