import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../features/shared/roles';
import { requireRole } from '../../../../../features/shared/guard';
import { diffHttp } from '../../../../../features/policies/http';

/** Two versions compared rule by rule (`?a=1.0.0&b=1.1.0`; viewer and up). */
export async function GET(request: NextRequest, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.viewPolicies);
  if (!auth.ok) return auth.response;
  return diffHttp(request.nextUrl.searchParams, (await ctx.params).id);
}
