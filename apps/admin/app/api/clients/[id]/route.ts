import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../features/shared/roles';
import { getApp } from '../../../../features/shared/app-context';
import { FORBIDDEN, readClient } from '../../../../features/clients/read';
import { json, requireRole } from '../../../../features/shared/guard';

/**
 * One client: state, owner, deadlines, decisions, and the contact masked or unmasked for this
 * user (an unmasked one is written to the access log before it is sent). A rep gets 403 for a
 * client that is not theirs, or its contact alone under an approved request.
 */
export async function GET(request: NextRequest, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.viewClients);
  if (!auth.ok) return auth.response;
  const { id } = await ctx.params;
  const { db, runtime, clock } = await getApp();
  const detail = await readClient({ db, runtime }, auth.user, id, clock.now());
  if (detail === null) return json({ error: 'not_found', message: { zh: '没有该客户', en: 'no such client' } }, 404);
  if (detail === FORBIDDEN) return json({ error: 'forbidden', message: { zh: '只能查看自己的客户', en: 'you may open your own clients only' } }, 403);
  return json(detail);
}
