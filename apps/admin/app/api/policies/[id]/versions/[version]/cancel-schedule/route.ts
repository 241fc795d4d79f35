import type { NextRequest } from 'next/server';
import { cancelScheduleHttp } from '../../../../../../../features/policies/http';
import { PERMISSIONS } from '../../../../../../../features/shared/roles';
import { guardMutation } from '../../../../../../../features/shared/guard';

/** Approver: cancels this version's scheduled publication (`{ note?, revision }`); it goes back to approved. */
export async function POST(request: NextRequest, ctx: { params: Promise<{ id: string; version: string }> }): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.approve);
  if (!auth.ok) return auth.response;
  return cancelScheduleHttp(request, auth.user, await ctx.params);
}
