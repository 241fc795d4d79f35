import type { NextRequest } from 'next/server';
import { LANG_COOKIE, parseLang } from '../../../../features/shared/i18n/lang';
import { PERMISSIONS } from '../../../../features/shared/roles';
import { getApp } from '../../../../features/shared/app-context';
import { json, requireRole } from '../../../../features/shared/guard';
import { defaultWeek, findWeek, listWeeks, weeklyReport } from '../../../../features/reports/weekly';
import { weeklyCsv, weeklyCsvName, weeklyXlsx } from '../../../../features/reports/weekly-csv';

/**
 * The weekly report (seed W1) of one week (`?week=YYYY-MM-DD`, a Monday; default the last
 * complete week) as JSON with the weeks available, or with `format=csv` as a CSV download
 * (UTF-8 with BOM, headers in the UI language), or with `format=xlsx` as a formatted workbook.
 * Editor, approver, auditor.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.viewReports);
  if (!auth.ok) return auth.response;
  const p = request.nextUrl.searchParams;
  const { db, runtime, clock } = await getApp();
  const ctx = { db, runtime, clock };
  const weeks = await listWeeks(ctx);
  const asked = p.get('week');
  const week = asked === null || asked === '' ? defaultWeek(weeks) : await findWeek(ctx, asked);
  if (week === null) return json({ error: 'bad_week', message: { zh: '周须以周一的日期表示（YYYY-MM-DD）', en: 'a week is named by its Monday (YYYY-MM-DD)' } }, 400);
  if (week === undefined) return json({ error: 'no_data', message: { zh: '还没有任何事件', en: 'no events yet' } }, 404);
  const report = await weeklyReport(ctx, week);
  const lang = parseLang(request.cookies.get(LANG_COOKIE)?.value);
  if (p.get('format') === 'xlsx') {
    return new Response(Buffer.from(await weeklyXlsx(report, lang)), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${weeklyCsvName(report, 'xlsx')}"`,
        'cache-control': 'no-store',
      },
    });
  }
  if (p.get('format') === 'csv') {
    return new Response(weeklyCsv(report, lang), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${weeklyCsvName(report)}"`,
        'cache-control': 'no-store',
      },
    });
  }
  return json({ ...report, weeks });
}
