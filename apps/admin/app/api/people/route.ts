import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../features/shared/roles';
import { getApp } from '../../../features/shared/app-context';
import { json, requireRole } from '../../../features/shared/guard';
import { listPeople, PEOPLE_SORTS, selectPeople } from '../../../features/people/list';
import type { PeopleSort } from '../../../features/people/list';
import { readRing } from '../../../features/people/ring';

/**
 * Every staff member with their status and this month's fines, and the allocation ring
 * (`?role=rep&sort=fines&dir=desc`; editor, approver, auditor, admin). Names no client.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.viewPeople);
  if (!auth.ok) return auth.response;
  const p = request.nextUrl.searchParams;
  const sort = (PEOPLE_SORTS as readonly string[]).includes(p.get('sort') ?? '') ? (p.get('sort') as PeopleSort) : 'joined';
  const { db, runtime, clock } = await getApp();
  const list = await listPeople({ db, runtime, clock });
  const ring = await readRing(runtime, clock.now());
  return json({ ...list, people: selectPeople(list.people, { role: p.get('role') ?? undefined, sort, desc: p.get('dir') === 'desc' }), ring });
}
