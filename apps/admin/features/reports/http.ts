/**
 * The reports API over HTTP (the route file guards, then calls this): the weekly report as JSON,
 * or as a CSV or .xlsx download.
 */
import type { NextRequest } from 'next/server';
import { getApp } from '../shared/app-context';
import { json } from '../shared/guard';
import { requestLang } from '../shared/i18n/lang';
import { defaultWeek, findWeek, listWeeks, weeklyReport } from './weekly';
import { weeklyCsv, weeklyCsvName, weeklyXlsx } from './weekly-csv';

/** A download the browser saves under `filename`, never cached. */
function download(body: BodyInit, contentType: string, filename: string): Response {
  return new Response(body, { headers: { 'content-type': contentType, 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' } });
}

/**
 * The weekly report of one week (`?week=YYYY-MM-DD`, a Monday; default the last complete week)
 * as JSON with the weeks available; `format=csv` or `format=xlsx` as a download. 400 for a week
 * not named by its Monday, 404 while there are no events.
 */
export async function weeklyReportHttp(request: NextRequest): Promise<Response> {
  const p = request.nextUrl.searchParams;
  const { db, runtime, clock } = await getApp();
  const ctx = { db, runtime, clock };
  const weeks = await listWeeks(ctx);
  const asked = p.get('week');
  const week = asked === null || asked === '' ? defaultWeek(weeks) : await findWeek(ctx, asked);
  if (week === null) return json({ error: 'bad_week', message: { zh: '周须以周一的日期表示（YYYY-MM-DD）', en: 'a week is named by its Monday (YYYY-MM-DD)' } }, 400);
  if (week === undefined) return json({ error: 'no_data', message: { zh: '还没有任何事件', en: 'no events yet' } }, 404);
  const report = await weeklyReport(ctx, week);
  const lang = requestLang(request);
  if (p.get('format') === 'xlsx') return download(Buffer.from(await weeklyXlsx(report, lang)), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', weeklyCsvName(report, 'xlsx'));
  if (p.get('format') === 'csv') return download(weeklyCsv(report, lang), 'text/csv; charset=utf-8', weeklyCsvName(report));
  return json({ ...report, weeks });
}
