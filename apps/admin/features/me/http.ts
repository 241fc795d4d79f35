/**
 * 我的状态 over HTTP (the route file guards, then calls this): the signed-in user's own status as
 * JSON, for the staff id the account is linked to.
 */
import type { SessionUser } from '../auth';
import { getApp } from '../shared/app-context';
import { json } from '../shared/guard';
import { readMyStatus } from './status';

/** The user's own status, sanctions, fines and clocks; 403 `not_linked` when the account has no staff id. */
export async function myStatusHttp(user: SessionUser): Promise<Response> {
  if (user.staffId === null) return json({ error: 'not_linked', message: { zh: '账号未关联员工编号', en: 'the account is not linked to a staff id' } }, 403);
  return json(await readMyStatus(await getApp(), user.staffId, user.username));
}
