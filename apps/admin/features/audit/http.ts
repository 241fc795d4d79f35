/**
 * The audit API over HTTP (route files guard, then call one of these): the explorer's search and
 * its download, one decision as the explorer shows it, and Verify of a period.
 */
import type { NextRequest } from 'next/server';
import type { SessionUser } from '../auth';
import { readRoster, parseBound } from '../people';
import { getApp } from '../shared/app-context';
import { storeDb } from '../shared/database';
import { exportFormat, exportResponse } from '../shared/export-response';
import { json, readJsonBody } from '../shared/guard';
import { requestLang } from '../shared/i18n/lang';
import { asRecord } from '../shared/request-body';
import { resolveStaff } from '../shared/staff-lookup';
import { allDecisions, auditSheet } from './export';
import { findAuditDecision } from './lookup';
import { parseAuditQuery, searchDecisions } from './search';
import { verifyPeriod } from './verify';
import type { VerifyPeriod } from './verify';

/**
 * The explorer's search: `?staffId=` (an id or a person's name) `&clientId=&kind=&rule=&from=&to=&policy=id@version&order=desc|asc&limit=&cursor=`;
 * 400 naming the bad filters. With `format=xlsx|csv`, every result (page after page, from `cursor`) as a download.
 */
export async function searchDecisionsHttp(request: NextRequest, user: SessionUser): Promise<Response> {
  const { db, clock } = await getApp();
  // `staffId` may be a person's name: it is read as the id of the member it names.
  const params = new URLSearchParams(request.nextUrl.searchParams);
  const typed = params.get('staffId');
  const resolved = typed === null ? null : resolveStaff(typed, await readRoster(db));
  if (resolved !== null) params.set('staffId', resolved);
  const parsed = parseAuditQuery(params);
  if (!parsed.ok) return json({ error: 'invalid_query', message: { zh: '查询条件有误', en: 'invalid filters' }, details: parsed.errors }, 400);
  const format = exportFormat(request.nextUrl.searchParams);
  if (format !== null) {
    const rows = await allDecisions(storeDb(db), parsed.query, user.username, clock.now());
    return exportResponse([auditSheet(rows, requestLang(request))], format, 'audit-decisions');
  }
  return json(await searchDecisions(storeDb(db), parsed.query, user.username, clock.now()));
}

/** One decision as the explorer shows it, its read written to the access log; 404 for an unknown id. */
export async function auditDecisionHttp(user: SessionUser, id: string): Promise<Response> {
  const view = await findAuditDecision(await getApp(), id, user.username);
  if (view === null) return json({ error: 'not_found', message: { zh: '没有这个决定', en: 'no such decision' } }, 404);
  return json(view);
}

/** Verify of `{from?, to?}` (days, the end day included, or ISO instants); 400 naming the bad bounds. */
export async function verifyHttp(request: Request, user: SessionUser): Promise<Response> {
  const read = await readJsonBody(request, 4096);
  if (!read.ok) return read.response;
  const body = asRecord(read.value);
  const period: VerifyPeriod = {};
  const errors: string[] = [];
  for (const name of ['from', 'to'] as const) {
    const v = body[name];
    if (v === undefined || v === null || v === '') continue;
    const at = typeof v === 'string' ? parseBound(v.trim(), name === 'to') : null;
    if (at === null) errors.push(name);
    else period[name] = at;
  }
  if (period.from !== undefined && period.to !== undefined && period.from.getTime() >= period.to.getTime()) errors.push('to');
  if (errors.length > 0) {
    return json({ error: 'invalid_period', message: { zh: '期间格式有误（YYYY-MM-DD，结束不早于开始）', en: 'bad period (YYYY-MM-DD, the end not before the start)' }, details: errors }, 400);
  }
  const { db, runtime, clock } = await getApp();
  return json(await verifyPeriod(runtime, storeDb(db), period, user.username, clock.now()));
}
