import type { NextRequest } from 'next/server';
import { PERMISSIONS } from '../../../features/shared/roles';
import { getApp } from '../../../features/shared/app-context';
import { guardMutation, json, readJson } from '../../../features/shared/guard';

/**
 * Feeds events to the runtime (admin, for integrations): a JSON array of events, or JSON Lines
 * with `content-type: application/x-ndjson`. Answers with the runtime's ingest result: what was
 * accepted, what was rejected (by line) and the decisions made, each citing its policy version.
 */
export async function POST(request: NextRequest): Promise<Response> {
  const auth = await guardMutation(request, PERMISSIONS.ingestEvents);
  if (!auth.ok) return auth.response;
  const ndjson = (request.headers.get('content-type') ?? '').includes('ndjson');
  const input = ndjson ? await request.text() : await readJson(request, 8 * 1024 * 1024);
  if (!ndjson && !Array.isArray(input)) return json({ error: 'bad_request', message: { zh: '需要事件数组', en: 'expected an array of events' } }, 400);
  const { runtime } = await getApp();
  const result = await runtime.ingest(input as string | unknown[]);
  return json(result, result.rejected.length > 0 && result.accepted === 0 && result.duplicates === 0 ? 422 : 200);
}
