/**
 * The people API over HTTP (route files guard, then call one of these): the roster with statuses,
 * fines and the ring, and one staff member with their decisions, or their fines as a download.
 */
import type { NextRequest } from 'next/server';
import type { SessionUser } from '../auth';
import { getApp } from '../shared/app-context';
import { statusAt } from '../shared/clock';
import { exportFormat, exportResponse } from '../shared/export-response';
import { json } from '../shared/guard';
import { requestLang } from '../shared/i18n/lang';
import { matchStaff } from '../shared/staff-lookup';
import { readPerson } from './detail';
import { finesSheets, personFines } from './fines-export';
import { listPeople, pagePeople, PEOPLE_SORTS, selectPeople } from './list';
import type { PeopleSort } from './list';
import { readRing } from './ring';

/** A whole positive number from a query parameter, else undefined. */
function positiveParam(p: URLSearchParams, name: string): number | undefined {
  const n = Number(p.get(name) ?? '');
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** Every staff member with their status and this month's fines, and the ring (`?q=&role=&sort=&dir=&page=`, 100 a page). */
export async function listPeopleHttp(searchParams: URLSearchParams): Promise<Response> {
  const p = searchParams;
  const sort = (PEOPLE_SORTS as readonly string[]).includes(p.get('sort') ?? '') ? (p.get('sort') as PeopleSort) : 'joined';
  const { db, runtime, clock } = await getApp();
  const list = await listPeople({ db, runtime, clock });
  // One clock: statuses and the ring at the runtime's time (`asOf`), as the pages show them.
  const people = matchStaff(p.get('q') ?? '', list.people.map((r) => ({ ...r, status: statusAt(r.status, list.asOf) })));
  const ring = await readRing(runtime, new Date(list.asOf));
  const paged = pagePeople(selectPeople(people, { role: p.get('role') ?? undefined, sort, desc: p.get('dir') === 'desc' }), p.get('page'));
  return json({ ...list, people: paged.rows, page: paged.page, pages: paged.pages, total: paged.total, ring });
}

/** One staff member (`?before=<seq>&limit=`), the read access-logged; 404 for an unknown one; `format=xlsx|csv` downloads their fines. */
export async function readPersonHttp(request: NextRequest, user: SessionUser, staffId: string): Promise<Response> {
  const p = request.nextUrl.searchParams;
  const before = positiveParam(p, 'before');
  const limit = positiveParam(p, 'limit');
  const { db, runtime, clock } = await getApp();
  const person = await readPerson({ db, runtime, clock }, staffId, {
    actor: user.username,
    ...(before === undefined ? {} : { before }),
    ...(limit === undefined ? {} : { limit }),
  });
  if (person === null) return json({ error: 'not_found', message: { zh: '没有这位员工', en: 'no such staff member' } }, 404);
  const format = exportFormat(p);
  if (format !== null) {
    const fines = await personFines(runtime, staffId, user.username);
    return exportResponse(finesSheets(staffId, person.member?.name ?? null, fines, person.finesByMonth, requestLang(request)), format, `fines-${staffId}`);
  }
  // One clock: the status and the ring at the runtime's time (`asOf`), as on the list.
  return json({ ...person, status: statusAt(person.status, person.asOf), ring: await readRing(runtime, new Date(person.asOf)) });
}
