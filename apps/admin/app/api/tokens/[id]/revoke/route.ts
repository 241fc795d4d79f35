import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../features/shared/roles';
import { guardMutation } from '../../../../../features/shared/guard';
import { revokeTokenHttp } from '../../../../../features/tokens/http';

type Ctx = { params: Promise<{ id: string }> };

/** Revokes a token (admin): refused by `/api/v1` from the next request on. Revoking again changes nothing. */
export async function POST(request: NextRequest, ctx: Ctx): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.manageTokens);
  if (!auth.ok) return auth.response;
  return revokeTokenHttp((await ctx.params).id);
}
