import type { NextRequest } from 'next/server';
import { submitHttp } from '../../../../../../../features/policies/http';
import { PERMISSIONS } from '../../../../../../../features/shared/roles';
import { guardMutation } from '../../../../../../../features/shared/guard';

/** Editor: submits a valid draft for approval with a note (`{ note, revision }`). */
export async function POST(request: NextRequest, ctx: { params: Promise<{ id: string; version: string }> }): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.editDrafts);
  if (!auth.ok) return auth.response;
  return submitHttp(request, auth.user, await ctx.params);
}
