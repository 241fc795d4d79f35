import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../features/shared/roles';
import { getApp } from '../../../features/shared/app-context';
import { listClients } from '../../../features/clients/read';
import { json, requireRole } from '../../../features/shared/guard';

/**
 * Clients (`?q=&tier=&owner=&after=&limit=`): a rep only their own, everyone else all. Names and
 * phones are masked in the list for everyone; a client's own page shows them to whoever may see them.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.viewClients);
  if (!auth.ok) return auth.response;
  const p = request.nextUrl.searchParams;
  const opt = (k: string): string | undefined => p.get(k)?.trim().slice(0, 64) || undefined;
  const limit = Number(p.get('limit') ?? '');
  const { db } = await getApp();
  const page = await listClients(db, auth.user, {
    ...(opt('q') === undefined ? {} : { q: opt('q') }),
    ...(opt('tier') === undefined ? {} : { tier: opt('tier') }),
    ...(opt('owner') === undefined ? {} : { owner: opt('owner') }),
    ...(opt('after') === undefined ? {} : { after: opt('after') }),
    ...(Number.isSafeInteger(limit) && limit > 0 ? { limit } : {}),
  });
  return json(page);
}
