import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../features/shared/roles';
import { getApp } from '../../../features/shared/app-context';
import { json, requireRole } from '../../../features/shared/guard';

/** Recorded decisions, newest pages by cursor (`?staffId=&kind=&since=&after=&limit=`; auditor, admin). Reads are access-logged by the runtime. */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.viewDecisions);
  if (!auth.ok) return auth.response;
  const p = request.nextUrl.searchParams;
  const opt = (k: string): string | undefined => p.get(k) ?? undefined;
  const after = Number(p.get('after') ?? '');
  const limit = Number(p.get('limit') ?? '');
  const { runtime } = await getApp();
  const page = await runtime.decisions(
    {
      ...(opt('staffId') === undefined ? {} : { staffId: opt('staffId') }),
      ...(opt('kind') === undefined ? {} : { kind: opt('kind') }),
      ...(opt('since') === undefined ? {} : { since: opt('since') }),
      ...(Number.isSafeInteger(after) && after > 0 ? { after } : {}),
      ...(Number.isSafeInteger(limit) && limit > 0 ? { limit: Math.min(limit, 1000) } : {}),
    },
    { actor: auth.user.username },
  );
  return json(page);
}
