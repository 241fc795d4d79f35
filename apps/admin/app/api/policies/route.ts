import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../features/shared/roles';
import { requireRole } from '../../../features/shared/guard';
import { listPoliciesHttp } from '../../../features/policies/http';

/** Every policy with its versions and their standing (viewer and up). */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.viewPolicies);
  if (!auth.ok) return auth.response;
  return listPoliciesHttp();
}
