import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../features/shared/roles';
import { getApp } from '../../../../../features/shared/app-context';
import { resetPassword } from '../../../../../features/auth/users';
import { passwordChangeResponse } from '../../../../../features/auth/password-http';
import { guardMutation, readJsonBody } from '../../../../../features/shared/guard';
import { asRecord } from '../../../../../features/shared/request-body';
import { badRequest } from '../../../../../features/shared/step-response';

/**
 * Admin: resets an account's password to a temporary one (`{ password }`, which must pass the
 * rule); the account's sessions end and its next sign-in must choose a new password. Not one's
 * own account (that is the password page's job).
 */
export async function POST(request: NextRequest, ctx: { params: Promise<{ username: string }> }): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.manageUsers);
  if (!auth.ok) return auth.response;
  const { username } = await ctx.params;
  const read = await readJsonBody(request, 4096);
  if (!read.ok) return read.response;
  const password = asRecord(read.value)['password'];
  if (typeof password !== 'string' || password === '') return badRequest('需要临时密码', 'a temporary password is required');
  if (username === auth.user.username) return badRequest('请在“修改密码”页面修改自己的密码', 'change your own password on the password page');
  const { db } = await getApp();
  return passwordChangeResponse(await resetPassword(db, username, password));
}
