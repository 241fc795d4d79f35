import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../features/shared/roles';
import { guardMutation, requireRole } from '../../../features/shared/guard';
import { createTokenHttp, listTokensHttp } from '../../../features/tokens/http';

/** Every API token, without secrets (admin). */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.manageTokens);
  if (!auth.ok) return auth.response;
  return listTokensHttp();
}

/** Creates a token (admin): `{ name, scopes: "read" | "read write" }` → 201 `{ token, secret }`; the secret is shown this once. */
export async function POST(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.manageTokens);
  if (!auth.ok) return auth.response;
  return createTokenHttp(request, auth.user);
}
