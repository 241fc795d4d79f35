import type { NextRequest } from 'next/server';
import { isRole, PERMISSIONS } from '../../../features/shared/roles';
import { getApp } from '../../../features/shared/app-context';
import { createUser, listUsers, USERNAME_PATTERN } from '../../../features/auth/users';
import { passwordMessage, passwordProblem } from '../../../features/auth/password-rule';
import { guardMutation, json, readJsonBody, requireRole } from '../../../features/shared/guard';
import { asRecord, stringField } from '../../../features/shared/request-body';
import { badRequest } from '../../../features/shared/step-response';

/** Every user (admin). */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.manageUsers);
  if (!auth.ok) return auth.response;
  const { db } = await getApp();
  return json({ users: await listUsers(db) });
}

/** Creates a user (admin): `{ username, displayName, role, password, staffId? }` (the password passes the rule of features/auth/password-rule.ts; a rep needs the staffId they are; any other account may be linked to one too, for 我的状态). */
export async function POST(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.manageUsers);
  if (!auth.ok) return auth.response;
  const read = await readJsonBody(request);
  if (!read.ok) return read.response;
  const body = asRecord(read.value);
  const username = stringField(body, 'username', 40).toLowerCase();
  const displayName = stringField(body, 'displayName', 80);
  const role = body['role'];
  const password = typeof body['password'] === 'string' ? body['password'] : '';
  const staffId = stringField(body, 'staffId', 64);
  if (role === 'rep' && staffId === '') return badRequest('销售账号需填写员工编号', 'a rep account needs the staff id it belongs to');
  if (!USERNAME_PATTERN.test(username) || displayName === '' || !isRole(role)) {
    return badRequest('用户名（小写字母数字）、姓名、角色必填', 'username (lower-case letters, digits), name and role are required');
  }
  const problem = passwordProblem(password, { username, displayName });
  if (problem !== null) return json({ error: 'password_rule', problem, message: passwordMessage(problem) }, 400);
  const { db } = await getApp();
  const exists = await db.selectFrom('users').select('username').where('username', '=', username).executeTakeFirst();
  if (exists !== undefined) return json({ error: 'conflict', message: { zh: '用户名已存在', en: 'username taken' } }, 409);
  await createUser(db, { username, displayName, role, password, staffId: staffId === '' ? null : staffId });
  return json({ user: { username, displayName, role, staffId: staffId === '' ? null : staffId } }, 201);
}
