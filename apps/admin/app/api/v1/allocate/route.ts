import { requireToken } from '../../../../features/api-v1/http';
import { allocateHttp } from '../../../../features/api-v1/handlers';

/**
 * `POST /api/v1/allocate` (scope `write`): `{ clientId, mode? }` asks the runtime to allocate the
 * client now under the policy in force (a `lead.allocate` event); answers `{ decision }`, the
 * `lead.allocated` or `lead.unallocated` decision (null when allocation is switched off).
 * Each call allocates again, so a retry should carry an `Idempotency-Key`.
 */
export async function POST(request: Request): Promise<Response> {
  const auth = await requireToken(request, 'write');
  if (!auth.ok) return auth.response;
  return allocateHttp(request, auth.token);
}
