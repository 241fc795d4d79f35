import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../features/shared/roles';
import { guardMutation } from '../../../../../features/shared/guard';
import { unlockHttp } from '../../../../../features/users/http';

/** Clears an account's sign-in delays from every address (admin). 404 for an unknown account. */
export async function POST(request: NextRequest, ctx: { params: Promise<{ username: string }> }): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.manageUsers);
  if (!auth.ok) return auth.response;
  return unlockHttp((await ctx.params).username);
}
