import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../features/shared/roles';
import { getApp } from '../../../features/shared/app-context';
import { json, requireRole } from '../../../features/shared/guard';
import { listPeople, pagePeople, PEOPLE_SORTS, selectPeople } from '../../../features/people/list';
import type { PeopleSort } from '../../../features/people/list';
import { readRing } from '../../../features/people/ring';
import { statusAt } from '../../../features/shared/clock';
import { matchStaff } from '../../../features/shared/staff-lookup';

/**
 * Every staff member with their status and this month's fines, and the allocation ring
 * (`?q=<name or id>&role=rep&sort=fines&dir=desc&page=2`, 100 a page, statuses at the runtime's time; editor, approver, auditor, admin). Names no client.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.viewPeople);
  if (!auth.ok) return auth.response;
  const p = request.nextUrl.searchParams;
  const sort = (PEOPLE_SORTS as readonly string[]).includes(p.get('sort') ?? '') ? (p.get('sort') as PeopleSort) : 'joined';
  const { db, runtime, clock } = await getApp();
  const list = await listPeople({ db, runtime, clock });
  // One clock: statuses and the ring at the runtime's time (`asOf`), as the pages show them.
  const people = matchStaff(p.get('q') ?? '', list.people.map((r) => ({ ...r, status: statusAt(r.status, list.asOf) })));
  const ring = await readRing(runtime, new Date(list.asOf));
  const paged = pagePeople(selectPeople(people, { role: p.get('role') ?? undefined, sort, desc: p.get('dir') === 'desc' }), p.get('page'));
  return json({ ...list, people: paged.rows, page: paged.page, pages: paged.pages, total: paged.total, ring });
}
