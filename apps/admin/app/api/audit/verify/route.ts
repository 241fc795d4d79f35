import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../../features/shared/roles';
import { guardMutation } from '../../../../features/shared/guard';
import { verifyHttp } from '../../../../features/audit/http';

/**
 * Verify (auditor): `{from?, to?}` as days (`2026-02-01`, the end day included) or ISO instants.
 * Replays the whole record with `runtime.verify` and answers the period's result: `ok`, counts,
 * the seq range, and every difference (seq, decision id, what differs, chain breaks).
 */
export async function POST(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.audit);
  if (!auth.ok) return auth.response;
  return verifyHttp(request, auth.user);
}
