import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../features/shared/roles';
import { guardMutation } from '../../../../features/shared/guard';
import { submitJobHttp } from '../../../../features/what-if/http';

/**
 * Starts a what-if as a job (editor, approver, auditor): the same question as `POST /api/what-if`,
 * answered 202 with the job at once; the page polls `GET /api/what-if/jobs/<id>` for progress and
 * the kept result, and `DELETE` cancels. Bad input is refused as JSON (400); a refusal found when
 * the job runs (no such version, an invalid candidate) is the job's result.
 */
export async function POST(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.runWhatIf);
  if (!auth.ok) return auth.response;
  return submitJobHttp(request, auth.user);
}
