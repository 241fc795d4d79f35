import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../features/shared/roles';
import { guardMutation } from '../../../../../features/shared/guard';
import * as http from '../../../../../features/integrations/http';

/** Replays one delivery `{ id }` or a range `{ endpointId, fromId?, toId?, status? }` (admin) → `{ replayed }`. */
export async function POST(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.manageIntegrations);
  if (!auth.ok) return auth.response;
  return http.postReplay(request);
}
