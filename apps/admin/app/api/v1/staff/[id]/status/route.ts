import { requireToken } from '../../../../../../features/api-v1/http';
import { staffStatusHttp } from '../../../../../../features/api-v1/handlers';

type Ctx = { params: Promise<{ id: string }> };

/** `GET /api/v1/staff/{id}/status` (scope `read`): the runtime's view of one staff member now; 404 when no event names them. */
export async function GET(request: Request, ctx: Ctx): Promise<Response> {
  const auth = await requireToken(request, 'read');
  if (!auth.ok) return auth.response;
  return staffStatusHttp((await ctx.params).id);
}
