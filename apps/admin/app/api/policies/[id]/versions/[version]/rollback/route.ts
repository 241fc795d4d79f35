import type { NextRequest } from 'next/server';
import { rollbackHttp } from '../../../../../../../features/policies/http';
import { PERMISSIONS } from '../../../../../../../features/shared/roles';
import { guardMutation } from '../../../../../../../features/shared/guard';

/** Editor or approver: asks to roll back to this version (`{ note }`); approvers, where allowed, in an emergency (`{ emergency, note, effectiveFrom? }`). */
export async function POST(request: NextRequest, ctx: { params: Promise<{ id: string; version: string }> }): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.requestRollback);
  if (!auth.ok) return auth.response;
  return rollbackHttp(request, auth.user, await ctx.params);
}
