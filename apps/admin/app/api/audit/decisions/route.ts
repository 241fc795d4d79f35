import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../features/shared/roles';
import { storeDb } from '../../../../features/shared/database';
import { getApp } from '../../../../features/shared/app-context';
import { parseAuditQuery, searchDecisions } from '../../../../features/audit/search';
import { json, requireRole } from '../../../../features/shared/guard';
import { resolveStaff } from '../../../../features/shared/staff-lookup';
import { readRoster } from '../../../../features/people';
import { exportFormat, exportResponse } from '../../../../features/shared/export-response';
import { LANG_COOKIE, parseLang } from '../../../../features/shared/i18n/lang';
import { allDecisions, auditSheet } from '../../../../features/audit/export';

/**
 * The audit explorer's search (auditor): `?staffId=` (an id or a person's name) `&clientId=&kind=&rule=&from=&to=&policy=id@version&order=desc|asc&limit=&cursor=`.
 * Answers `{items: [{seq, sourceSeq, decision}], next}`; pass `next` as `cursor` for the next page.
 * The clients of every page are written to the access log (`audit.search`). With `format=xlsx`
 * or `format=csv`, every result (page after page, from `cursor`) as a download.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.audit);
  if (!auth.ok) return auth.response;
  const { db, clock } = await getApp();
  // `staffId` may be a person's name: it is read as the id of the member it names.
  const params = new URLSearchParams(request.nextUrl.searchParams);
  const typed = params.get('staffId');
  const resolved = typed === null ? null : resolveStaff(typed, await readRoster(db));
  if (resolved !== null) params.set('staffId', resolved);
  const parsed = parseAuditQuery(params);
  if (!parsed.ok) return json({ error: 'invalid_query', message: { zh: '查询条件有误', en: 'invalid filters' }, details: parsed.errors }, 400);
  const format = exportFormat(request.nextUrl.searchParams);
  if (format !== null) {
    const rows = await allDecisions(storeDb(db), parsed.query, auth.user.username, clock.now());
    return exportResponse([auditSheet(rows, parseLang(request.cookies.get(LANG_COOKIE)?.value))], format, 'audit-decisions');
  }
  return json(await searchDecisions(storeDb(db), parsed.query, auth.user.username, clock.now()));
}
