import type { NextRequest } from 'next/server';
import { getApp } from '../../../../features/shared/app-context';
import { changePassword } from '../../../../features/auth/users';
import { SESSION_COOKIE } from '../../../../features/auth/sessions';
import { passwordChangeResponse } from '../../../../features/auth/password-http';
import { guardMutation, readJsonBody } from '../../../../features/shared/guard';
import { asRecord } from '../../../../features/shared/request-body';
import { badRequest } from '../../../../features/shared/step-response';

/**
 * The signed-in user changes her password (`{ current, next }`), also right after an
 * administrator's reset; her other sessions end. 403 for a wrong current password, 400 when the
 * new one breaks the rule (features/auth/password-rule.ts).
 */
export async function POST(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, 'any', { allowPasswordChange: true });
  if (!auth.ok) return auth.response;
  const read = await readJsonBody(request, 4096);
  if (!read.ok) return read.response;
  const body = asRecord(read.value);
  const current = body['current'];
  const next = body['next'];
  if (typeof current !== 'string' || typeof next !== 'string' || current === '' || next === '') return badRequest('需要当前密码和新密码', 'the current and the new password are required');
  const { db } = await getApp();
  return passwordChangeResponse(await changePassword(db, auth.user.username, { current, next, keepSessionId: request.cookies.get(SESSION_COOKIE)?.value }));
}
