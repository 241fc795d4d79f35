import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../features/shared/roles';
import { guardMutation, requireRole } from '../../../../../features/shared/guard';
import { cancelJobHttp, jobHttp } from '../../../../../features/what-if/http';

type Params = { params: Promise<{ id: string }> };

/** A what-if job's status, progress and, once done, its kept result (editor, approver, auditor). */
export async function GET(request: NextRequest, { params }: Params): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.runWhatIf);
  if (!auth.ok) return auth.response;
  return jobHttp((await params).id);
}

/** Cancels a what-if job: a queued one at once, a running one at its next progress report. */
export async function DELETE(request: NextRequest, { params }: Params): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.runWhatIf);
  if (!auth.ok) return auth.response;
  return cancelJobHttp((await params).id);
}
