import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../features/shared/roles';
import { getJobQueue } from '../../../../features/shared/job-queue';
import { guardMutation, json, readJsonBody } from '../../../../features/shared/guard';
import { parseWhatIfParams } from '../../../../features/what-if/request';
import { WHAT_IF_JOB, whatIfJobView } from '../../../../features/what-if';

/**
 * Starts a what-if as a job (editor, approver, auditor): the same question as `POST /api/what-if`,
 * answered 202 with the job at once; the page polls `GET /api/what-if/jobs/<id>` for progress and
 * the kept result, and `DELETE` cancels. Bad input is refused as JSON (400); a refusal found when
 * the job runs (no such version, an invalid candidate) is the job's result.
 */
export async function POST(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.runWhatIf);
  if (!auth.ok) return auth.response;
  const read = await readJsonBody(request, 1024 * 1024);
  if (!read.ok) return read.response;
  const body = read.value;
  const parsed = parseWhatIfParams(body);
  if (!parsed.ok) return json({ error: 'bad_request', message: { zh: `请求字段 ${parsed.field} 无效`, en: `invalid field ${parsed.field}` } }, 400);
  const jobs = await getJobQueue();
  const job = await jobs.submit(WHAT_IF_JOB, parsed.params, { requestedBy: auth.user.username });
  return json({ job: whatIfJobView(job) }, 202);
}
