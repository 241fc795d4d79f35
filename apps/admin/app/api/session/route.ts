import type { NextRequest } from 'next/server';
import { json, requireRole } from '../../../features/shared/guard';

/** Who is signed in (any role). */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await requireRole(request, 'any');
  if (!auth.ok) return auth.response;
  return json({ user: auth.user });
}
