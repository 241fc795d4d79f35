import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../features/shared/roles';
import { guardMutation } from '../../../features/shared/guard';
import { ingestEventsHttp } from '../../../features/shared/http';

/**
 * Feeds events to the runtime (admin, for integrations): a JSON array of events, or JSON Lines
 * with `content-type: application/x-ndjson`, read as a stream of at most 8 MiB. Answers with
 * the runtime's ingest result: what was accepted, the first 100 rejected lines (by line;
 * `rejectedCount` counts them all) and the decisions made, each citing its policy version. A
 * runtime refusal (no policy published yet: 409) answers its documented status.
 */
export async function POST(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.ingestEvents);
  if (!auth.ok) return auth.response;
  return ingestEventsHttp(request);
}
