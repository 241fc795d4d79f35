import type { NextRequest } from 'next/server';
import { changePasswordHttp } from '../../../../features/auth/http';
import { guardMutation } from '../../../../features/shared/guard';

/**
 * The signed-in user changes her password (`{ current, next }`), also right after an
 * administrator's reset; her other sessions end. 403 for a wrong current password, 400 when the
 * new one breaks the rule (features/auth/password-rule.ts).
 */
export async function POST(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, 'any', { allowPasswordChange: true });
  if (!auth.ok) return auth.response;
  return changePasswordHttp(request, auth.user);
}
