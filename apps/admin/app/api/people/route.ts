import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../features/shared/roles';
import { requireRole } from '../../../features/shared/guard';
import { listPeopleHttp } from '../../../features/people/http';

/**
 * Every staff member with their status and this month's fines, and the allocation ring
 * (`?q=<name or id>&role=rep&sort=fines&dir=desc&page=2`, 100 a page, statuses at the runtime's time; editor, approver, auditor, admin). Names no client.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.viewPeople);
  if (!auth.ok) return auth.response;
  return listPeopleHttp(request.nextUrl.searchParams);
}
