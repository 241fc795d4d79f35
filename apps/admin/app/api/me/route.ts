import type { NextRequest } from 'next/server';
import { getApp } from '../../../features/shared/app-context';
import { json, requireRole } from '../../../features/shared/guard';
import { readMyStatus } from '../../../features/me/status';

/**
 * 我的状态 as JSON, for the signed-in user's own staff id (any role; 403 `not_linked` when the
 * account has none). The status, sanctions with their rule, clause and cause events, fines this
 * month and last, and the running clocks, all judged at one stated instant.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, 'any');
  if (!auth.ok) return auth.response;
  if (auth.user.staffId === null) return json({ error: 'not_linked', message: { zh: '账号未关联员工编号', en: 'the account is not linked to a staff id' } }, 403);
  return json(await readMyStatus(await getApp(), auth.user.staffId, auth.user.username));
}
