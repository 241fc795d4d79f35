import { apiError, internalError, requireToken } from '../../../../../../../features/api-v1/http';
import { readPublishedVersion } from '../../../../../../../features/api-v1/reads';
import { getApp } from '../../../../../../../features/shared/app-context';
import { json } from '../../../../../../../features/shared/guard';

type Ctx = { params: Promise<{ id: string; version: string }> };

/** `GET /api/v1/policies/{id}/versions/{version}` (scope `read`): a published version's content, hash, status and effective time; 404 for drafts and unknown versions. */
export async function GET(request: Request, ctx: Ctx): Promise<Response> {
  const auth = await requireToken(request, 'read');
  if (!auth.ok) return auth.response;
  const { id, version } = await ctx.params;
  try {
    const { db, clock } = await getApp();
    const found = await readPublishedVersion(db, id, version, clock.now());
    if (found === undefined) return apiError(404, 'not_found', 'api.err.unknownVersion', { id, version });
    return json(found);
  } catch (error) {
    return internalError(error);
  }
}
