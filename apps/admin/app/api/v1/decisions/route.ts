import type { NextRequest } from 'next/server';
import { requireToken } from '../../../../features/api-v1/http';
import { decisionsHttp } from '../../../../features/api-v1/handlers';

/**
 * `GET /api/v1/decisions` (scope `read`): recorded decisions in the order they were made,
 * filtered by `staffId`, `clientId`, `kind`, `rule`, `since`, `until`; a page of `limit` (≤ 1000)
 * after the cursor `after` (the previous page's `next`). The read is access-logged as `token:<id>`.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireToken(request, 'read');
  if (!auth.ok) return auth.response;
  return decisionsHttp(request.nextUrl.searchParams, auth.token);
}
