/**
 * The users API over HTTP (route files guard, then call one of these): the accounts, creating
 * one, changing its role, state or linked staff id, resetting its password and clearing its
 * sign-in delays. The accounts themselves are stored by `auth`.
 */
import type { SessionUser } from '../auth';
import { createUser, listUsers, passwordChangeResponse, passwordMessage, passwordProblem, resetPassword, unlockAccount, updateUser, USERNAME_PATTERN } from '../auth';
import { getApp } from '../shared/app-context';
import type { AdminDb } from '../shared/database';
import { json, readJsonBody } from '../shared/guard';
import { asRecord, stringField } from '../shared/request-body';
import { isRole } from '../shared/roles';
import { badRequest } from '../shared/step-response';

/** A staff id as the event history writes them. */
const STAFF_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

/** Whether an account of this name exists. */
async function accountExists(db: AdminDb, username: string): Promise<boolean> {
  return (await db.selectFrom('users').select('username').where('username', '=', username).executeTakeFirst()) !== undefined;
}

/** Every user. */
export async function listUsersHttp(): Promise<Response> {
  const { db } = await getApp();
  return json({ users: await listUsers(db) });
}

/** Creates a user: `{ username, displayName, role, password, staffId? }` → 201; 400 naming the rule broken, 409 for a name taken. */
export async function createUserHttp(request: Request): Promise<Response> {
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
  if (await accountExists(db, username)) return json({ error: 'conflict', message: { zh: '用户名已存在', en: 'username taken' } }, 409);
  await createUser(db, { username, displayName, role, password, staffId: staffId === '' ? null : staffId });
  return json({ user: { username, displayName, role, staffId: staffId === '' ? null : staffId } }, 201);
}

/**
 * Changes a user's role, disables them, or links the account to a staff id (`{ role?, disabled?,
 * staffId? }`; `staffId` null unlinks, a rep always keeps one); their sessions end. The signed-in
 * admin cannot change their own role or state.
 */
export async function updateUserHttp(request: Request, user: SessionUser, username: string): Promise<Response> {
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
  if (username === user.username && (role !== undefined || disabled !== undefined)) return badRequest('不能修改自己的角色或状态', 'you cannot change your own role or state');
  const { db } = await getApp();
  if (staffId === null) {
    const current = await db.selectFrom('users').select('role').where('username', '=', username).executeTakeFirst();
    if (current?.role === 'rep') return badRequest('销售账号必须关联员工编号', 'a rep account must stay linked to a staff id');
  }
  const found = await updateUser(db, username, { ...(isRole(role) ? { role } : {}), ...(typeof disabled === 'boolean' ? { disabled } : {}), ...(staffId === undefined ? {} : { staffId }) });
  return found ? json({ ok: true }) : json({ error: 'not_found' }, 404);
}

/** Resets another account's password to a temporary one (`{ password }`, which must pass the rule); its sessions end. */
export async function resetPasswordHttp(request: Request, user: SessionUser, username: string): Promise<Response> {
  const read = await readJsonBody(request, 4096);
  if (!read.ok) return read.response;
  const password = asRecord(read.value)['password'];
  if (typeof password !== 'string' || password === '') return badRequest('需要临时密码', 'a temporary password is required');
  if (username === user.username) return badRequest('请在“修改密码”页面修改自己的密码', 'change your own password on the password page');
  const { db } = await getApp();
  return passwordChangeResponse(await resetPassword(db, username, password));
}

/** Clears an account's sign-in delays from every address; 404 for an unknown account. */
export async function unlockHttp(username: string): Promise<Response> {
  const { db } = await getApp();
  if (!(await accountExists(db, username))) return json({ error: 'not_found' }, 404);
  return json({ ok: true, cleared: await unlockAccount(db, username) });
}
