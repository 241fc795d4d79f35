import { openApiDocument } from '../../../../features/api-v1/openapi';

/** Built from constants and the engine's schemas only, so it is rendered once at build time. */
export const dynamic = 'force-static';

/** `GET /api/v1/openapi.json`: the OpenAPI 3.1 document of the API. Public: it describes the API and holds no data. */
export function GET(): Response {
  return new Response(JSON.stringify(openApiDocument(), null, 2), { headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300' } });
}
