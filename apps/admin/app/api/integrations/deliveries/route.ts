import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../features/shared/roles';
import { requireRole } from '../../../../features/shared/guard';
import * as http from '../../../../features/integrations/http';

/** The delivery log, newest first (admin): `?endpoint=&status=&before=&limit=`. */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.manageIntegrations);
  if (!auth.ok) return auth.response;
  return http.getDeliveries(request);
}
