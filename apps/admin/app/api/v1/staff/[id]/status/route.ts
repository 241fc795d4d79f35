import { apiError, internalError, isId, requireToken } from '../../../../../../features/api-v1/http';
import { getApp } from '../../../../../../features/shared/app-context';
import { json } from '../../../../../../features/shared/guard';

type Ctx = { params: Promise<{ id: string }> };

/** `GET /api/v1/staff/{id}/status` (scope `read`): the runtime's view of one staff member now; 404 when no event names them. */
export async function GET(request: Request, ctx: Ctx): Promise<Response> {
  const auth = await requireToken(request, 'read');
  if (!auth.ok) return auth.response;
  const { id } = await ctx.params;
  if (!isId(id)) return apiError(404, 'not_found', 'api.err.unknownStaff', { id: '?' });
  try {
    const { runtime } = await getApp();
    const status = await runtime.status(id);
    if (!status.known) return apiError(404, 'not_found', 'api.err.unknownStaff', { id });
    return json(status);
  } catch (error) {
    return internalError(error);
  }
}
