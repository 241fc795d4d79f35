import type { NextRequest } from 'next/server';
import { isRole, PERMISSIONS } from '../../../../features/shared/roles';
import { getApp } from '../../../../features/shared/app-context';
import { updateUser } from '../../../../features/auth/users';
import { guardMutation, json, readJsonBody } from '../../../../features/shared/guard';
import { asRecord } from '../../../../features/shared/request-body';
import { badRequest } from '../../../../features/shared/step-response';

/** Changes a user's role or disables them (admin); their sessions end. An admin cannot lock themself out. */
export async function PATCH(request: NextRequest, ctx: { params: Promise<{ username: string }> }): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.manageUsers);
  if (!auth.ok) return auth.response;
  const { username } = await ctx.params;
  const read = await readJsonBody(request);
  if (!read.ok) return read.response;
  const body = asRecord(read.value);
  const role = body['role'];
  const disabled = body['disabled'];
  if ((role !== undefined && !isRole(role)) || (disabled !== undefined && typeof disabled !== 'boolean')) return badRequest('角色或状态无效', 'invalid role or state');
  if (role === undefined && disabled === undefined) return badRequest('需要 role 或 disabled', 'role or disabled is required');
  if (role === 'rep') return badRequest('销售账号需新建（须填写员工编号）', 'create a rep account anew: it needs the staff id it belongs to');
  if (username === auth.user.username) return badRequest('不能修改自己的角色或状态', 'you cannot change your own role or state');
  const { db } = await getApp();
  const found = await updateUser(db, username, { ...(isRole(role) ? { role } : {}), ...(typeof disabled === 'boolean' ? { disabled } : {}) });
  return found ? json({ ok: true }) : json({ error: 'not_found' }, 404);
}
