import type { NextRequest } from 'next/server';
import { requireRole } from '../../../features/shared/guard';
import { myStatusHttp } from '../../../features/me/http';

/**
 * 我的状态 as JSON, for the signed-in user's own staff id (any role; 403 `not_linked` when the
 * account has none). The status, sanctions with their rule, clause and cause events, fines this
 * month and last, and the running clocks, all judged at one stated instant.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, 'any');
  if (!auth.ok) return auth.response;
  return myStatusHttp(auth.user);
}
