import type { NextRequest } from 'next/server';
import { internalError, requireToken } from '../../../../features/api-v1/http';
import { parseDecisionQuery } from '../../../../features/api-v1/reads';
import { getApp } from '../../../../features/shared/app-context';
import { json } from '../../../../features/shared/guard';

/**
 * `GET /api/v1/decisions` (scope `read`): recorded decisions in the order they were made,
 * filtered by `staffId`, `clientId`, `kind`, `rule`, `since`, `until`; a page of `limit` (≤ 1000)
 * after the cursor `after` (the previous page's `next`). The read is access-logged as `token:<id>`.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireToken(request, 'read');
  if (!auth.ok) return auth.response;
  const query = parseDecisionQuery(request.nextUrl.searchParams);
  if (!query.ok) return query.response;
  try {
    const { runtime } = await getApp();
    return json(await runtime.decisions(query.filter, { actor: auth.token.actor }));
  } catch (error) {
    return internalError(error);
  }
}
