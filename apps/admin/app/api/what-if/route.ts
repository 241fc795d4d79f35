import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../features/shared/roles';
import { getApp } from '../../../features/shared/app-context';
import { guardMutation, json, readJsonBody } from '../../../features/shared/guard';
import { prepareRun } from '../../../features/what-if/run';
import { parseWhatIfParams } from '../../../features/what-if/request';
import { whatIfStream } from '../../../features/what-if/stream';

/**
 * Runs a what-if (editor, approver, auditor): the stored history replayed under a base and a
 * candidate version (or unsaved candidate content), compared over a period, optionally for a
 * team. Bad input is refused as JSON (400/404); otherwise the answer is NDJSON: progress lines,
 * then the result. Aborting the request stops the replay. Nothing is recorded.
 */
export async function POST(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.runWhatIf);
  if (!auth.ok) return auth.response;
  const read = await readJsonBody(request, 1024 * 1024);
  if (!read.ok) return read.response;
  const parsed = parseWhatIfParams(read.value);
  if (!parsed.ok) return json({ error: 'bad_request', message: { zh: `请求字段 ${parsed.field} 无效`, en: `invalid field ${parsed.field}` } }, 400);
  const { db, clock } = await getApp();
  const prepared = await prepareRun(db, parsed.params, clock.now());
  if (!prepared.ok) return json({ error: prepared.error, message: prepared.message, ...(prepared.details === undefined ? {} : { details: prepared.details }) }, prepared.status);
  return new Response(whatIfStream(prepared.run, request.signal), {
    status: 200,
    headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
  });
}
