import { requireToken } from '../../../../../../../features/api-v1/http';
import { publishedVersionHttp } from '../../../../../../../features/api-v1/handlers';

type Ctx = { params: Promise<{ id: string; version: string }> };

/** `GET /api/v1/policies/{id}/versions/{version}` (scope `read`): a published version's content, hash, status and effective time; 404 for drafts and unknown versions. */
export async function GET(request: Request, ctx: Ctx): Promise<Response> {
  const auth = await requireToken(request, 'read');
  if (!auth.ok) return auth.response;
  return publishedVersionHttp(await ctx.params);
}
