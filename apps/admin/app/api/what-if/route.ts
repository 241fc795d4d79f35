import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../features/shared/roles';
import { guardMutation } from '../../../features/shared/guard';
import { runWhatIfHttp } from '../../../features/what-if/http';

/**
 * Runs a what-if (editor, approver, auditor): the stored history replayed under a base and a
 * candidate version (or unsaved candidate content), compared over a period, optionally for a
 * team. Bad input is refused as JSON (400/404); otherwise the answer is NDJSON: progress lines,
 * then the result. Aborting the request stops the replay. Nothing is recorded.
 */
export async function POST(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.runWhatIf);
  if (!auth.ok) return auth.response;
  return runWhatIfHttp(request);
}
