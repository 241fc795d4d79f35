import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../features/shared/roles';
import { guardMutation, requireRole } from '../../../../features/shared/guard';
import * as http from '../../../../features/integrations/http';

/** Every notification channel (admin). */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.manageIntegrations);
  if (!auth.ok) return auth.response;
  return http.getChannels();
}

/** Adds a channel (admin): `{ kind: "wecom" | "dingtalk" | "email", name, url?, secret? }` → 201 `{ channel }`. */
export async function POST(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.manageIntegrations);
  if (!auth.ok) return auth.response;
  return http.postChannel(request, auth.user);
}
