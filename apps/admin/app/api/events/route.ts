import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../features/shared/roles';
import { getApp } from '../../../features/shared/app-context';
import { guardMutation, json } from '../../../features/shared/guard';
import { bodyRefusal, readBodyText } from '../../../features/shared/body-limit';
import { EVENTS_BODY_LIMIT, MAX_REJECTED_SHOWN, runtimeAnswer } from '../../../features/api-v1/events';

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
  const ndjson = (request.headers.get('content-type') ?? '').includes('ndjson');
  const read = await readBodyText(request, EVENTS_BODY_LIMIT);
  if (!read.ok) return bodyRefusal(read);
  let input: string | unknown[] = read.text;
  if (!ndjson) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(read.text) as unknown;
    } catch {
      parsed = null;
    }
    if (!Array.isArray(parsed)) return json({ error: 'bad_request', message: { zh: '需要事件数组', en: 'expected an array of events' } }, 400);
    input = parsed;
  }
  const { runtime } = await getApp();
  try {
    const result = await runtime.ingest(input, { maxRejected: MAX_REJECTED_SHOWN });
    return json(result, result.rejectedCount > 0 && result.accepted === 0 && result.duplicates === 0 ? 422 : 200);
  } catch (error) {
    const answer = runtimeAnswer(error);
    if (answer === null) throw error;
    return json(answer.body, answer.status);
  }
}
