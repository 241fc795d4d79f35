import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../../../features/shared/roles';
import { getApp } from '../../../../../../../features/shared/app-context';
import { guardMutation, readJson } from '../../../../../../../features/shared/guard';
import { submitDraft } from '../../../../../../../features/policies/approval';
import { asRecord, intField, stringField } from '../../../../../../../features/shared/request-body';
import { badRequest, stepResponse } from '../../../../../../../features/shared/step-response';

/** Editor: submits a valid draft for approval with a note (`{ note, revision }`). */
export async function POST(request: NextRequest, ctx: { params: Promise<{ id: string; version: string }> }): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.editDrafts);
  if (!auth.ok) return auth.response;
  const { id, version } = await ctx.params;
  const body = asRecord(await readJson(request));
  const revision = intField(body, 'revision');
  if (revision === null) return badRequest('需要 revision', 'revision is required');
  const args = { note: stringField(body, 'note', 2000), revision };
  const { db, runtime, clock } = await getApp();
  return stepResponse(await submitDraft({ db, runtime, user: auth.user, now: clock.now() }, { policyId: id, version }, args));
}
