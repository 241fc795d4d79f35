import type { NextRequest } from 'next/server';
import { getApp } from '../../../../../features/shared/app-context';
import { ACCESS_REQUEST_ROLES, revokeAccess, TEXT_MAX } from '../../../../../features/access/requests';
import { accessResponse, requestId } from '../../../../../features/access/http';
import { guardMutation, readJsonBody } from '../../../../../features/shared/guard';
import { asRecord, stringField } from '../../../../../features/shared/request-body';
import { badRequest } from '../../../../../features/shared/step-response';

/** Ends a grant in force now: the requester gives it up, or an approver takes it back (`{ comment? }`). */
export async function POST(request: NextRequest, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const auth = await guardMutation(request, ACCESS_REQUEST_ROLES);
  if (!auth.ok) return auth.response;
  const id = requestId((await ctx.params).id);
  if (id === null) return badRequest('申请编号无效', 'invalid request id');
  const read = await readJsonBody(request);
  if (!read.ok) return read.response;
  const body = asRecord(read.value);
  const { db, clock } = await getApp();
  return accessResponse(await revokeAccess(db, auth.user, id, { comment: stringField(body, 'comment', TEXT_MAX) }, clock.now()));
}
