import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../features/shared/roles';
import { getApp } from '../../../../features/shared/app-context';
import { json, requireRole } from '../../../../features/shared/guard';
import { readPerson } from '../../../../features/people/detail';
import { readRing } from '../../../../features/people/ring';
import { statusAt } from '../../../../features/shared/clock';
import { finesSheets, personFines } from '../../../../features/people/fines-export';
import { exportFormat, exportResponse } from '../../../../features/shared/export-response';
import { LANG_COOKIE, parseLang } from '../../../../features/shared/i18n/lang';

/**
 * One staff member: status, fines this month and by month, their decisions newest first
 * (`?before=<seq>&limit=`), and the allocation ring (editor, approver, auditor, admin). The
 * decisions name clients by id only; the read is written to the access log. With
 * `format=xlsx|csv`, the person's fines (every one, and by month) as a download.
 */
export async function GET(request: NextRequest, ctx: { params: Promise<{ staffId: string }> }): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.viewPeople);
  if (!auth.ok) return auth.response;
  const { staffId } = await ctx.params;
  const p = request.nextUrl.searchParams;
  const before = Number(p.get('before') ?? '');
  const limit = Number(p.get('limit') ?? '');
  const { db, runtime, clock } = await getApp();
  const person = await readPerson({ db, runtime, clock }, staffId, {
    actor: auth.user.username,
    ...(Number.isSafeInteger(before) && before > 0 ? { before } : {}),
    ...(Number.isSafeInteger(limit) && limit > 0 ? { limit } : {}),
  });
  if (person === null) return json({ error: 'not_found', message: { zh: '没有这位员工', en: 'no such staff member' } }, 404);
  const format = exportFormat(p);
  if (format !== null) {
    const fines = await personFines(runtime, staffId, auth.user.username);
    const lang = parseLang(request.cookies.get(LANG_COOKIE)?.value);
    return exportResponse(finesSheets(staffId, person.member?.name ?? null, fines, person.finesByMonth, lang), format, `fines-${staffId}`);
  }
  // One clock: the status and the ring at the runtime's time (`asOf`), as on the list.
  return json({ ...person, status: statusAt(person.status, person.asOf), ring: await readRing(runtime, new Date(person.asOf)) });
}
