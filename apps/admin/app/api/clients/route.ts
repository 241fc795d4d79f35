import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../features/shared/roles';
import { requireRole } from '../../../features/shared/guard';
import { listClientsHttp } from '../../../features/clients/http';

/**
 * Clients (`?q=&tier=&owner=&after=&limit=`): a rep only their own, everyone else all. Names and
 * phones are masked in the list for everyone; a client's own page shows them to whoever may see them.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.viewClients);
  if (!auth.ok) return auth.response;
  return listClientsHttp(request.nextUrl.searchParams, auth.user);
}
