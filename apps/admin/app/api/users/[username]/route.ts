import type { NextRequest } from 'next/server';
import { isRole, PERMISSIONS } from '../../../../features/shared/roles';
import { getApp } from '../../../../features/shared/app-context';
import { updateUser } from '../../../../features/auth/users';
import { guardMutation, json, readJsonBody } from '../../../../features/shared/guard';
import { asRecord } from '../../../../features/shared/request-body';
import { badRequest } from '../../../../features/shared/step-response';

/** A staff id as the event history writes them. */
const STAFF_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * Changes a user's role, disables them, or links the account to a staff id (`staffId`: the id of
 * the event history, or null to unlink; a rep always keeps one) (admin); their sessions end. An
 * admin cannot lock themself out.
 */
export async function PATCH(request: NextRequest, ctx: { params: Promise<{ username: string }> }): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.manageUsers);
  if (!auth.ok) return auth.response;
  const { username } = await ctx.params;
  const read = await readJsonBody(request);
  if (!read.ok) return read.response;
  const body = asRecord(read.value);
  const role = body['role'];
  const disabled = body['disabled'];
  const rawStaff = body['staffId'];
  const staffId = rawStaff === undefined ? undefined : rawStaff === null || rawStaff === '' ? null : typeof rawStaff === 'string' && STAFF_ID_PATTERN.test(rawStaff.trim()) ? rawStaff.trim() : false;
  if (staffId === false) return badRequest('员工编号格式不正确（字母、数字，至多 64 位）', 'staffId: letters and digits, at most 64 characters');
  if ((role !== undefined && !isRole(role)) || (disabled !== undefined && typeof disabled !== 'boolean')) return badRequest('角色或状态无效', 'invalid role or state');
  if (role === undefined && disabled === undefined && staffId === undefined) return badRequest('需要 role、disabled 或 staffId', 'role, disabled or staffId is required');
  if (role === 'rep') return badRequest('销售账号需新建（须填写员工编号）', 'create a rep account anew: it needs the staff id it belongs to');
  if (username === auth.user.username && (role !== undefined || disabled !== undefined)) return badRequest('不能修改自己的角色或状态', 'you cannot change your own role or state');
  const { db } = await getApp();
  if (staffId === null) {
    const current = await db.selectFrom('users').select('role').where('username', '=', username).executeTakeFirst();
    if (current?.role === 'rep') return badRequest('销售账号必须关联员工编号', 'a rep account must stay linked to a staff id');
  }
  const found = await updateUser(db, username, { ...(isRole(role) ? { role } : {}), ...(typeof disabled === 'boolean' ? { disabled } : {}), ...(staffId === undefined ? {} : { staffId }) });
  return found ? json({ ok: true }) : json({ error: 'not_found' }, 404);
}
