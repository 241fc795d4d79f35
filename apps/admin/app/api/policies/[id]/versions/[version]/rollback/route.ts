import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../../../features/shared/roles';
import { getApp } from '../../../../../../../features/shared/app-context';
import { guardMutation, readJson } from '../../../../../../../features/shared/guard';
import { rollbackTo } from '../../../../../../../features/policies/approval';
import { asRecord, instantField, stringField } from '../../../../../../../features/shared/request-body';
import { badRequest, stepResponse } from '../../../../../../../features/shared/step-response';

/** Approver: publishes this earlier version's content again as a new version (`{ effectiveFrom?, note }`). */
export async function POST(request: NextRequest, ctx: { params: Promise<{ id: string; version: string }> }): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.approve);
  if (!auth.ok) return auth.response;
  const { id, version } = await ctx.params;
  const body = asRecord(await readJson(request));
  const effectiveFrom = instantField(body, 'effectiveFrom');
  if (effectiveFrom === undefined) return badRequest('生效时间须为带时区的时间', 'effectiveFrom must be an ISO-8601 instant with offset');
  const args = { effectiveFrom, note: stringField(body, 'note', 2000) };
  const { db, runtime, clock } = await getApp();
  return stepResponse(await rollbackTo({ db, runtime, user: auth.user, now: clock.now() }, { policyId: id, version }, args));
}
