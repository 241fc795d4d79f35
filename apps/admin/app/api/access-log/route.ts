import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../features/shared/roles';
import { getApp } from '../../../features/shared/app-context';
import { accessLogQuery, searchAccessLog } from '../../../features/access/log';
import { json, requireRole } from '../../../features/shared/guard';
import { badRequest } from '../../../features/shared/step-response';

/** The access log for auditors, newest first (`?actor=&clientId=&action=&since=&until=&before=&limit=`). */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.audit);
  if (!auth.ok) return auth.response;
  const query = accessLogQuery(request.nextUrl.searchParams);
  if (query === null) return badRequest('时间或数字格式无效', 'malformed instant or number');
  const { db } = await getApp();
  return json(await searchAccessLog(db, query));
}
