import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../lib/roles';
import { getApp } from '../../../lib/server/app-context';
import { accessLogQuery, searchAccessLog } from '../../../lib/server/clients-access-log';
import { json, requireRole } from '../../../lib/server/guard';
import { badRequest } from '../../../lib/server/step-response';

/** The access log for auditors, newest first (`?actor=&clientId=&action=&since=&until=&before=&limit=`). */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.audit);
  if (!auth.ok) return auth.response;
  const query = accessLogQuery(request.nextUrl.searchParams);
  if (query === null) return badRequest('时间或数字格式无效', 'malformed instant or number');
  const { db } = await getApp();
  return json(await searchAccessLog(db, query));
}
