import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../features/shared/roles';
import { getApp } from '../../../features/shared/app-context';
import { json, requireRole } from '../../../features/shared/guard';
import { listPolicies } from '../../../features/policies/read';

/** Every policy with its versions and their standing (viewer and up). */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.viewPolicies);
  if (!auth.ok) return auth.response;
  const { db, clock } = await getApp();
  return json({ policies: await listPolicies(db, clock.now()) });
}
