import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../features/shared/roles';
import { requireRole } from '../../../features/shared/guard';
import { accessLogHttp } from '../../../features/access/http';

/**
 * The access log for auditors, newest first (`?actor=` (a username or a person's name)
 * `&clientId=&action=&since=&until=&before=&limit=`); `format=xlsx|csv` downloads every entry found.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.audit);
  if (!auth.ok) return auth.response;
  return accessLogHttp(request);
}
