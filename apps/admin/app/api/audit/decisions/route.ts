import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../features/shared/roles';
import { storeDb } from '../../../../features/shared/database';
import { getApp } from '../../../../features/shared/app-context';
import { parseAuditQuery, searchDecisions } from '../../../../features/audit/search';
import { json, requireRole } from '../../../../features/shared/guard';

/**
 * The audit explorer's search (auditor): `?staffId=&clientId=&kind=&rule=&from=&to=&policy=id@version&order=desc|asc&limit=&cursor=`.
 * Answers `{items: [{seq, sourceSeq, decision}], next}`; pass `next` as `cursor` for the next page.
 * The clients of every page are written to the access log (`audit.search`).
 */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.audit);
  if (!auth.ok) return auth.response;
  const parsed = parseAuditQuery(request.nextUrl.searchParams);
  if (!parsed.ok) return json({ error: 'invalid_query', message: { zh: '查询条件有误', en: 'invalid filters' }, details: parsed.errors }, 400);
  const { db, clock } = await getApp();
  return json(await searchDecisions(storeDb(db), parsed.query, auth.user.username, clock.now()));
}
