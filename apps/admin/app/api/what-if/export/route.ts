import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../features/shared/roles';
import { guardMutation, json, readJsonBody } from '../../../../features/shared/guard';
import { exportResponse } from '../../../../features/shared/export-response';
import { LANG_COOKIE, parseLang } from '../../../../features/shared/i18n/lang';
import { asRecord } from '../../../../features/shared/request-body';
import { whatIfSheets } from '../../../../features/what-if/export';
import type { WhatIfResult } from '../../../../features/what-if/types';

/**
 * A what-if run the page holds, as a download: `{ result, format: 'xlsx' | 'csv' }` → a workbook
 * (totals with period, mode and decision counts; per week; per person) or the per-person
 * sheet as CSV. Editor, approver, auditor (those who run what-if).
 */
export async function POST(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.runWhatIf);
  if (!auth.ok) return auth.response;
  const read = await readJsonBody(request, 8 * 1024 * 1024);
  if (!read.ok) return read.response;
  const body = asRecord(read.value);
  const result = asRecord(body['result']);
  const format = body['format'] === 'csv' ? 'csv' : body['format'] === 'xlsx' ? 'xlsx' : null;
  if (format === null || typeof result['policyId'] !== 'string' || typeof result['totals'] !== 'object' || !Array.isArray(result['people']) || !Array.isArray(result['weeks'])) {
    return json({ error: 'bad_request', message: { zh: '须提供模拟结果和格式(xlsx 或 csv)', en: 'a what-if result and a format (xlsx or csv) are required' } }, 400);
  }
  const sheets = whatIfSheets(result as unknown as WhatIfResult, parseLang(request.cookies.get(LANG_COOKIE)?.value));
  const r = result as unknown as WhatIfResult;
  const name = `what-if-${r.policyId}-${String(r.base?.version)}-vs-${String(r.candidate?.version)}`;
  return exportResponse(format === 'csv' ? [sheets[2] as (typeof sheets)[number]] : sheets, format, name);
}
