import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../features/shared/roles';
import { guardMutation } from '../../../../../features/shared/guard';
import { createDraftHttp } from '../../../../../features/policies/http';

/** Editor: starts a new draft from a version (`{ from }`), numbered with the next free minor version. */
export async function POST(request: NextRequest, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.editDrafts);
  if (!auth.ok) return auth.response;
  return createDraftHttp(request, auth.user, (await ctx.params).id);
}
