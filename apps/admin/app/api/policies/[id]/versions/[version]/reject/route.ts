import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../../../features/shared/roles';
import { getApp } from '../../../../../../../features/shared/app-context';
import { guardMutation, readJson } from '../../../../../../../features/shared/guard';
import { rejectVersion } from '../../../../../../../features/policies/approval';
import { asRecord, intField, stringField } from '../../../../../../../features/shared/request-body';
import { badRequest, stepResponse } from '../../../../../../../features/shared/step-response';

/** Approver: sends a submitted version back to draft with a comment (`{ comment, revision }`). */
export async function POST(request: NextRequest, ctx: { params: Promise<{ id: string; version: string }> }): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.approve);
  if (!auth.ok) return auth.response;
  const { id, version } = await ctx.params;
  const body = asRecord(await readJson(request));
  const revision = intField(body, 'revision');
  if (revision === null) return badRequest('需要 revision', 'revision is required');
  const args = { comment: stringField(body, 'comment', 2000), revision };
  const { db, runtime, clock } = await getApp();
  return stepResponse(await rejectVersion({ db, runtime, user: auth.user, now: clock.now() }, { policyId: id, version }, args));
}
