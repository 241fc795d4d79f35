import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../features/shared/roles';
import { getApp } from '../../../features/shared/app-context';
import { accessLogQuery, searchAccessLog } from '../../../features/access/log';
import { json, requireRole } from '../../../features/shared/guard';
import { badRequest } from '../../../features/shared/step-response';
import { resolveStaff } from '../../../features/shared/staff-lookup';
import { listUsers } from '../../../features/auth';
import { exportFormat, exportResponse } from '../../../features/shared/export-response';
import { LANG_COOKIE, parseLang } from '../../../features/shared/i18n/lang';
import { accessLogSheet, allAccessLog } from '../../../features/access/export';

/**
 * The access log for auditors, newest first (`?actor=` (a username or a person's name)
 * `&clientId=&action=&since=&until=&before=&limit=`); `format=xlsx|csv` downloads every entry found.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.audit);
  if (!auth.ok) return auth.response;
  const { db } = await getApp();
  // `actor` may be a person's name: it is read as the username of the account it names.
  const params = new URLSearchParams(request.nextUrl.searchParams);
  const typed = params.get('actor');
  const actor = typed === null ? null : resolveStaff(typed, (await listUsers(db)).map((u) => ({ staffId: u.username, name: u.displayName })));
  if (actor !== null) params.set('actor', actor);
  const query = accessLogQuery(params);
  if (query === null) return badRequest('时间或数字格式无效', 'malformed instant or number');
  const format = exportFormat(request.nextUrl.searchParams);
  if (format !== null) return exportResponse([accessLogSheet(await allAccessLog(db, query), parseLang(request.cookies.get(LANG_COOKIE)?.value))], format, 'access-log');
  return json(await searchAccessLog(db, query));
}
