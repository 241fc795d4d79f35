import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../features/shared/roles';
import { requireRole } from '../../../../features/shared/guard';
import { readClientHttp } from '../../../../features/clients/http';

/**
 * One client: state, owner, deadlines, decisions, and the contact masked or unmasked for this
 * user (an unmasked one is written to the access log before it is sent). A rep gets 403 for a
 * client that is not theirs, or its contact alone under an approved request.
 */
export async function GET(request: NextRequest, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.viewClients);
  if (!auth.ok) return auth.response;
  return readClientHttp(auth.user, (await ctx.params).id);
}
