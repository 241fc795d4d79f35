import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../features/shared/roles';
import { getApp } from '../../../../../features/shared/app-context';
import { guardMutation, readJsonBody } from '../../../../../features/shared/guard';
import { createDraft } from '../../../../../features/policies/drafts';
import { asRecord, stringField } from '../../../../../features/shared/request-body';
import { badRequest, stepResponse } from '../../../../../features/shared/step-response';

/** Editor: starts a new draft from a version (`{ from }`), numbered with the next free minor version. */
export async function POST(request: NextRequest, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.editDrafts);
  if (!auth.ok) return auth.response;
  const { id } = await ctx.params;
  const read = await readJsonBody(request);
  if (!read.ok) return read.response;
  const from = stringField(asRecord(read.value), 'from', 64);
  if (from === '') return badRequest('缺少基础版本', 'missing "from" version');
  const { db, clock } = await getApp();
  return stepResponse(await createDraft(db, auth.user, id, from, clock.now()), 'version');
}
