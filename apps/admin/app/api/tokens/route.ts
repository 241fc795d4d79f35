import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../features/shared/roles';
import { createToken, isTokenScopes, listTokens } from '../../../features/tokens/store';
import { getApp } from '../../../features/shared/app-context';
import { guardMutation, json, readJsonBody, requireRole } from '../../../features/shared/guard';
import { asRecord, stringField } from '../../../features/shared/request-body';
import { badRequest } from '../../../features/shared/step-response';

/** Every API token, without secrets (admin). */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, PERMISSIONS.manageTokens);
  if (!auth.ok) return auth.response;
  const { db } = await getApp();
  return json({ tokens: await listTokens(db) });
}

/** Creates a token (admin): `{ name, scopes: "read" | "read write" }` → 201 `{ token, secret }`; the secret is shown this once. */
export async function POST(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.manageTokens);
  if (!auth.ok) return auth.response;
  const read = await readJsonBody(request, 16 * 1024);
  if (!read.ok) return read.response;
  const body = asRecord(read.value);
  const name = stringField(body, 'name', 200);
  const scopes = body['scopes'];
  if (name === '' || name.length > 80 || !isTokenScopes(scopes)) return badRequest('需要名称（至多 80 字）和权限（read 或 read write）', 'a name (up to 80 characters) and scopes ("read" or "read write") are required');
  const { db, clock } = await getApp();
  return json(await createToken(db, { name, scopes, createdBy: auth.user.username }, clock.now()), 201);
}
