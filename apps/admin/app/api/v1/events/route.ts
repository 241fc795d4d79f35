import { requireToken } from '../../../../features/api-v1/http';
import { eventsHttp } from '../../../../features/api-v1/handlers';

/**
 * `POST /api/v1/events` (scope `write`): a batch of events as a JSON array or JSON Lines; bad
 * lines are reported by line and field and skipped, good ones kept, events already stored skipped
 * (idempotent by id); `Idempotency-Key` replays the first answer. Token only: no cookie is read,
 * so there is no cross-site request to refuse (see features/api-v1/http.ts).
 */
export async function POST(request: Request): Promise<Response> {
  const auth = await requireToken(request, 'write');
  if (!auth.ok) return auth.response;
  return eventsHttp(request, auth.token);
}
