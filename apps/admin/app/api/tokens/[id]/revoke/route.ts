import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../features/shared/roles';
import { revokeToken } from '../../../../../features/tokens/store';
import { getApp } from '../../../../../features/shared/app-context';
import { guardMutation, json } from '../../../../../features/shared/guard';

type Ctx = { params: Promise<{ id: string }> };

/** Revokes a token (admin): refused by `/api/v1` from the next request on. Revoking again changes nothing. */
export async function POST(request: NextRequest, ctx: Ctx): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.manageTokens);
  if (!auth.ok) return auth.response;
  const { id } = await ctx.params;
  const { db, clock } = await getApp();
  const token = await revokeToken(db, id, clock.now());
  if (token === undefined) return json({ error: 'not_found', message: { zh: '没有此令牌', en: 'no such token' } }, 404);
  return json({ token });
}
