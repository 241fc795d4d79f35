import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../features/shared/roles';
import { guardMutation } from '../../../../features/shared/guard';
import { personHttp } from '../../../../features/what-if/http';

/**
 * One person's decisions in the period under both versions of a what-if (editor, approver,
 * auditor): the body of `POST /api/what-if` plus `staffId`. The replays are usually remembered
 * from the run the page just made. Decisions name clients by id only. Nothing is recorded.
 */
export async function POST(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.runWhatIf);
  if (!auth.ok) return auth.response;
  return personHttp(request);
}
