/**
 * The tokens API over HTTP (route files guard, then call one of these): the list without secrets,
 * creating a token (its secret shown this once) and revoking one.
 */
import type { SessionUser } from '../auth';
import { getApp } from '../shared/app-context';
import { json, readJsonBody } from '../shared/guard';
import { asRecord, stringField } from '../shared/request-body';
import { badRequest } from '../shared/step-response';
import { createToken, isTokenScopes, listTokens, revokeToken } from './store';

/** Every API token, without secrets. */
export async function listTokensHttp(): Promise<Response> {
  const { db } = await getApp();
  return json({ tokens: await listTokens(db) });
}

/** Creates a token: `{ name, scopes: "read" | "read write" }` → 201 `{ token, secret }`. */
export async function createTokenHttp(request: Request, user: SessionUser): Promise<Response> {
  const read = await readJsonBody(request, 16 * 1024);
  if (!read.ok) return read.response;
  const body = asRecord(read.value);
  const name = stringField(body, 'name', 200);
  const scopes = body['scopes'];
  if (name === '' || name.length > 80 || !isTokenScopes(scopes)) return badRequest('需要名称（至多 80 字）和权限（read 或 read write）', 'a name (up to 80 characters) and scopes ("read" or "read write") are required');
  const { db, clock } = await getApp();
  return json(await createToken(db, { name, scopes, createdBy: user.username }, clock.now()), 201);
}

/** Revokes a token (again changes nothing); 404 for an unknown one. */
export async function revokeTokenHttp(id: string): Promise<Response> {
  const { db, clock } = await getApp();
  const token = await revokeToken(db, id, clock.now());
  if (token === undefined) return json({ error: 'not_found', message: { zh: '没有此令牌', en: 'no such token' } }, 404);
  return json({ token });
}
