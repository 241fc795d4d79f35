import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../features/shared/roles';
import { guardMutation, requireRole } from '../../../features/shared/guard';
import { createUserHttp, listUsersHttp } from '../../../features/users/http';

/** Every user (admin). */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.manageUsers);
  if (!auth.ok) return auth.response;
  return listUsersHttp();
}

/** Creates a user (admin): `{ username, displayName, role, password, staffId? }` (the password passes the rule of features/auth/password-rule.ts; a rep needs the staffId they are; any other account may be linked to one too, for 我的状态). */
export async function POST(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.manageUsers);
  if (!auth.ok) return auth.response;
  return createUserHttp(request);
}
