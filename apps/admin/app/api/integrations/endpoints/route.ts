import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../features/shared/roles';
import { guardMutation, requireRole } from '../../../../features/shared/guard';
import * as http from '../../../../features/integrations/http';

/** Every webhook endpoint with its delivery counts (admin). */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.manageIntegrations);
  if (!auth.ok) return auth.response;
  return http.getEndpoints();
}

/** Adds an endpoint (admin): `{ name, url, secret?, filters?: { kinds, rules, staff, workflow }, enabled? }` → 201 `{ endpoint, secret }`; the secret is shown this once. */
export async function POST(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.manageIntegrations);
  if (!auth.ok) return auth.response;
  return http.postEndpoint(request, auth.user);
}
