import type { NextRequest } from 'next/server';
import { diffPolicies } from '../../../../../features/policies/diff';
import { PERMISSIONS } from '../../../../../features/shared/roles';
import { getApp } from '../../../../../features/shared/app-context';
import { json, requireRole } from '../../../../../features/shared/guard';
import { readVersion } from '../../../../../features/policies/read';

/** Two versions compared rule by rule (`?a=1.0.0&b=1.1.0`; viewer and up). */
export async function GET(request: NextRequest, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.viewPolicies);
  if (!auth.ok) return auth.response;
  const { id } = await ctx.params;
  const a = request.nextUrl.searchParams.get('a') ?? '';
  const b = request.nextUrl.searchParams.get('b') ?? '';
  const { db, clock } = await getApp();
  const [left, right] = await Promise.all([readVersion(db, id, a, clock.now()), readVersion(db, id, b, clock.now())]);
  if (left === undefined || right === undefined) return json({ error: 'not_found' }, 404);
  return json({ a: left.view, b: right.view, diff: diffPolicies(left.content, right.content) });
}
