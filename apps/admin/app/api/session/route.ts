import type { NextRequest } from 'next/server';
import { json, requireRole } from '../../../features/shared/guard';

/** Who is signed in (any role; `mustChangePassword` after an administrator's reset). */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, 'any', { allowPasswordChange: true });
  if (!auth.ok) return auth.response;
  return json({ user: auth.user });
}
