import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../features/shared/roles';
import { getJobQueue } from '../../../../../features/shared/job-queue';
import { guardMutation, json, requireRole } from '../../../../../features/shared/guard';
import { WHAT_IF_JOB, whatIfJobView } from '../../../../../features/what-if';

type Params = { params: Promise<{ id: string }> };

const notFound = (): Response => json({ error: 'not_found', message: { zh: '没有该模拟任务', en: 'no such what-if job' } }, 404);

/** A what-if job's status, progress and, once done, its kept result (editor, approver, auditor). */
export async function GET(request: NextRequest, { params }: Params): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.runWhatIf);
  if (!auth.ok) return auth.response;
  const { id } = await params;
  const job = await (await getJobQueue()).get(id);
  if (job === undefined || job.kind !== WHAT_IF_JOB) return notFound();
  return json({ job: whatIfJobView(job) }, 200, { 'cache-control': 'no-store' });
}

/** Cancels a what-if job: a queued one at once, a running one at its next progress report. */
export async function DELETE(request: NextRequest, { params }: Params): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.runWhatIf);
  if (!auth.ok) return auth.response;
  const { id } = await params;
  const jobs = await getJobQueue();
  const found = await jobs.get(id);
  if (found === undefined || found.kind !== WHAT_IF_JOB) return notFound();
  const job = await jobs.cancel(id);
  return json({ job: whatIfJobView(job ?? found) });
}
