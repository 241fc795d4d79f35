import type { NextRequest } from 'next/server';
import { postRepAnswer } from '../../../features/appeals/http';
import { PERMISSIONS } from '../../../features/shared/roles';
import { guardMutation } from '../../../features/shared/guard';

/** A rep acknowledges, refuses to acknowledge, or appeals a decision of her own (`{ decisionId, action, reason?, witness? }`). */
export async function POST(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.appealOwn);
  if (!auth.ok) return auth.response;
  return postRepAnswer(request, auth.user);
}
