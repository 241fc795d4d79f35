import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../../features/shared/roles';
import { getApp } from '../../../../../features/shared/app-context';
import { unlockAccount } from '../../../../../features/auth/throttle';
import { guardMutation, json } from '../../../../../features/shared/guard';

/** Clears an account's sign-in delays from every address (admin). 404 for an unknown account. */
export async function POST(request: NextRequest, ctx: { params: Promise<{ username: string }> }): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.manageUsers);
  if (!auth.ok) return auth.response;
  const { username } = await ctx.params;
  const { db } = await getApp();
  const exists = await db.selectFrom('users').select('username').where('username', '=', username).executeTakeFirst();
  if (exists === undefined) return json({ error: 'not_found' }, 404);
  return json({ ok: true, cleared: await unlockAccount(db, username) });
}
