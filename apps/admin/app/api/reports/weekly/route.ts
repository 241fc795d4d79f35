import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../features/shared/roles';
import { requireRole } from '../../../../features/shared/guard';
import { weeklyReportHttp } from '../../../../features/reports/http';

/**
 * The weekly report (seed W1) of one week (`?week=YYYY-MM-DD`, a Monday; default the last
 * complete week) as JSON with the weeks available, or with `format=csv` as a CSV download
 * (UTF-8 with BOM, headers in the UI language), or with `format=xlsx` as a formatted workbook.
 * Editor, approver, auditor.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.viewReports);
  if (!auth.ok) return auth.response;
  return weeklyReportHttp(request);
}
