import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../features/shared/roles';
import { guardMutation } from '../../../../features/shared/guard';
import { exportHttp } from '../../../../features/what-if/http';

/**
 * A what-if run the page holds, as a download: `{ result, format: 'xlsx' | 'csv' }` → a workbook
 * (totals with period, mode and decision counts; per week; per person) or the per-person
 * sheet as CSV. Editor, approver, auditor (those who run what-if).
 */
export async function POST(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.runWhatIf);
  if (!auth.ok) return auth.response;
  return exportHttp(request);
}
