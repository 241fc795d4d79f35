import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../features/shared/roles';
import { guardMutation } from '../../../../../features/shared/guard';
import * as http from '../../../../../features/integrations/http';

type Ctx = { params: Promise<{ username: string }> };

/** How one person is told (admin): `{ channel?: id | null, lang?: "zh" | "en", email?, mobile? }`. */
export async function PATCH(request: NextRequest, ctx: Ctx): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.manageIntegrations);
  if (!auth.ok) return auth.response;
  return http.patchRecipient(request, (await ctx.params).username);
}
