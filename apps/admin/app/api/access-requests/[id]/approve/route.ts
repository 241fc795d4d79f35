import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../features/shared/roles';
import { getApp } from '../../../../../features/shared/app-context';
import { approveAccess, GRANT_HOURS, TEXT_MAX } from '../../../../../features/access/requests';
import { accessResponse, requestId } from '../../../../../features/access/http';
import { guardMutation, readJsonBody } from '../../../../../features/shared/guard';
import { asRecord, stringField } from '../../../../../features/shared/request-body';
import { badRequest } from '../../../../../features/shared/step-response';

/** An approver grants someone else's pending request: `{ hours?: 1–168 (default 24), comment? }`. */
export async function POST(request: NextRequest, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.approveAccess);
  if (!auth.ok) return auth.response;
  const id = requestId((await ctx.params).id);
  if (id === null) return badRequest('申请编号无效', 'invalid request id');
  const read = await readJsonBody(request);
  if (!read.ok) return read.response;
  const body = asRecord(read.value);
  const hours = body['hours'] === undefined || body['hours'] === null ? GRANT_HOURS.default : body['hours'];
  if (typeof hours !== 'number') return badRequest('时长无效', 'invalid duration');
  const { db, clock } = await getApp();
  return accessResponse(await approveAccess(db, auth.user, id, { hours, comment: stringField(body, 'comment', TEXT_MAX) }, clock.now()));
}
