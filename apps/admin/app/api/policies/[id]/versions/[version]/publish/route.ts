import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../../../features/shared/roles';
import { getApp } from '../../../../../../../features/shared/app-context';
import { guardMutation, readJson } from '../../../../../../../features/shared/guard';
import { publishVersion } from '../../../../../../../features/policies/approval';
import { asRecord, instantField, intField } from '../../../../../../../features/shared/request-body';
import { badRequest, stepResponse } from '../../../../../../../features/shared/step-response';

/** Approver: publishes an approved version through the runtime, now or at `effectiveFrom` (`{ effectiveFrom?, revision }`). */
export async function POST(request: NextRequest, ctx: { params: Promise<{ id: string; version: string }> }): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.approve);
  if (!auth.ok) return auth.response;
  const { id, version } = await ctx.params;
  const body = asRecord(await readJson(request));
  const revision = intField(body, 'revision');
  const effectiveFrom = instantField(body, 'effectiveFrom');
  if (revision === null || effectiveFrom === undefined) return badRequest('需要 revision；生效时间须为带时区的时间', 'revision is required; effectiveFrom must be an ISO-8601 instant with offset');
  const args = { effectiveFrom, revision };
  const { db, runtime, clock } = await getApp();
  return stepResponse(await publishVersion({ db, runtime, user: auth.user, now: clock.now() }, { policyId: id, version }, args));
}
