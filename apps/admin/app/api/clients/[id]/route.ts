import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../features/shared/roles';
import { getApp } from '../../../../features/shared/app-context';
import { readClient } from '../../../../features/clients/read';
import { json, requireRole } from '../../../../features/shared/guard';

/**
 * One client: state, owner, deadlines, decisions, and the contact masked or unmasked for this
 * user (an unmasked one is written to the access log before it is sent).
 */
export async function GET(request: NextRequest, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.viewClients);
  if (!auth.ok) return auth.response;
  const { id } = await ctx.params;
  const { db, runtime, clock } = await getApp();
  const detail = await readClient({ db, runtime }, auth.user, id, clock.now());
  if (detail === null) return json({ error: 'not_found', message: { zh: '没有该客户', en: 'no such client' } }, 404);
  return json(detail);
}
