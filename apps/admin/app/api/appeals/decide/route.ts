import type { NextRequest } from 'next/server';
import { postManagerDecision } from '../../../../features/appeals/http';
import { PERMISSIONS } from '../../../../features/shared/roles';
import { guardMutation } from '../../../../features/shared/guard';

/** A manager decides an appeal or dismisses a sanction, with a reason (`{ decisionId, outcome, reason, amountFen?, days? }`). */
export async function POST(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.decideAppeals);
  if (!auth.ok) return auth.response;
  return postManagerDecision(request, auth.user);
}
