import { requireToken } from '../../../../../../features/api-v1/http';
import { putContactHttp } from '../../../../../../features/api-v1/handlers';

type Ctx = { params: Promise<{ id: string }> };

/**
 * `PUT /api/v1/clients/{id}/contact` (scope `write`): `{ name, phone }`, the client's personal
 * data (seed A1), stored outside the event log so it can be corrected or erased. Write-only: the
 * answer repeats neither field, and no `/api/v1` endpoint returns personal data — a CRM token
 * is not a person the access rules (own clients, approved requests, access log) can apply to.
 */
export async function PUT(request: Request, ctx: Ctx): Promise<Response> {
  const auth = await requireToken(request, 'write');
  if (!auth.ok) return auth.response;
  return putContactHttp(request, auth.token, (await ctx.params).id);
}
