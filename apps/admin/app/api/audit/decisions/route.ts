import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../features/shared/roles';
import { requireRole } from '../../../../features/shared/guard';
import { searchDecisionsHttp } from '../../../../features/audit/http';

/**
 * The audit explorer's search (auditor): `?staffId=` (an id or a person's name) `&clientId=&kind=&rule=&from=&to=&policy=id@version&order=desc|asc&limit=&cursor=`.
 * Answers `{items: [{seq, sourceSeq, decision}], next}`; pass `next` as `cursor` for the next page.
 * The clients of every page are written to the access log (`audit.search`). With `format=xlsx`
 * or `format=csv`, every result (page after page, from `cursor`) as a download.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.audit);
  if (!auth.ok) return auth.response;
  return searchDecisionsHttp(request, auth.user);
}
