import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../features/shared/roles';
import { getApp } from '../../../../features/shared/app-context';
import { guardMutation, json, readJsonBody } from '../../../../features/shared/guard';
import { personDetailOf, prepareRun, replayRun } from '../../../../features/what-if/run';
import { parseWhatIfParams } from '../../../../features/what-if/request';

/**
 * One person's decisions in the period under both versions of a what-if (editor, approver,
 * auditor): the body of `POST /api/what-if` plus `staffId`. The replays are usually remembered
 * from the run the page just made. Decisions name clients by id only. Nothing is recorded.
 */
export async function POST(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.runWhatIf);
  if (!auth.ok) return auth.response;
  const read = await readJsonBody(request, 1024 * 1024);
  if (!read.ok) return read.response;
  const parsed = parseWhatIfParams(read.value, true);
  if (!parsed.ok || parsed.staffId === null) return json({ error: 'bad_request', message: { zh: `请求字段 ${parsed.ok ? 'staffId' : parsed.field} 无效`, en: `invalid field ${parsed.ok ? 'staffId' : parsed.field}` } }, 400);
  const { db, clock } = await getApp();
  const prepared = await prepareRun(db, parsed.params, clock.now());
  if (!prepared.ok) return json({ error: prepared.error, message: prepared.message, ...(prepared.details === undefined ? {} : { details: prepared.details }) }, prepared.status);
  if (!prepared.run.directory.has(parsed.staffId)) return json({ error: 'not_found', message: { zh: '历史中没有该员工', en: 'no such staff member in the history' } }, 404);
  const replayed = await replayRun(prepared.run, { signal: request.signal });
  return json({ person: personDetailOf(prepared.run, replayed, parsed.staffId) });
}
