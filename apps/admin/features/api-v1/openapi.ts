import { EVENTS_BODY_LIMIT } from './events';
import { DEFAULT_DECISIONS_LIMIT, MAX_DECISIONS_LIMIT } from './reads';
import { componentSchemas } from './openapi-schemas';
import type { SchemaNode } from './openapi-schemas';

/**
 * The OpenAPI 3.1 description of `/api/v1`, served at `/api/v1/openapi.json` and checked against
 * the real answers by test/e2e/api-v1.e2e.test.ts (every response of that test is validated
 * against the schema this document gives for its path, method and status).
 */

const ref = (name: string): SchemaNode => ({ $ref: `#/components/schemas/${name}` });
const jsonOf = (schema: SchemaNode): SchemaNode => ({ 'application/json': { schema } });
const reply = (description: string, schema: SchemaNode, headers?: SchemaNode): SchemaNode => ({ description, content: jsonOf(schema), ...(headers === undefined ? {} : { headers }) });
const error = (description: string, headers?: SchemaNode): SchemaNode => reply(description, ref('Error'), headers);

const AUTH_HEADER = { 'WWW-Authenticate': { description: 'Bearer realm="allot" (error="invalid_token" for a token that is not valid)', schema: { type: 'string' } } };

/** The answers every token-authenticated operation may give besides its own. */
function common(scope: 'read' | 'write'): Record<string, SchemaNode> {
  return {
    '401': error('No `Authorization: Bearer` token, or one that is malformed, unknown, wrong or revoked.', AUTH_HEADER),
    '403': error(`The token lacks the \`${scope}\` scope.`, AUTH_HEADER),
    '500': error('An unexpected server error (nothing was changed by an ingest that failed: it runs in one transaction).'),
  };
}

const IDEMPOTENCY_KEY: SchemaNode = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes a retry safe: the first answer for (token, key) is stored for 24 hours and replayed byte for byte (with `Idempotent-Replayed: true`) for the same key and the same body; the same key with another body is refused (422); while the first request runs, 409.',
  schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
};
const REPLAYED = { 'Idempotent-Replayed': { description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key', schema: { type: 'string', const: 'true' } } };

const query = (name: string, description: string, schema: SchemaNode = { type: 'string' }): SchemaNode => ({ name, in: 'query', required: false, description, schema });
const pathParam = (name: string, description: string): SchemaNode => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });

function paths(): Record<string, SchemaNode> {
  return {
    '/events': {
      post: {
        operationId: 'postEvents',
        summary: 'Send a batch of events',
        description:
          'A JSON array of events (`application/json`) or JSON Lines (`application/x-ndjson`, `application/jsonl` or `text/plain`). Every line is validated: bad lines are reported in `rejected` (line number and field) and skipped, good lines are stored and applied in time order, events whose id is already stored with the same content are skipped (`duplicates`) — so re-sending a batch changes nothing.',
        security: [{ bearerAuth: ['write'] }],
        parameters: [IDEMPOTENCY_KEY],
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { type: 'array', items: ref('Event') } },
            'application/x-ndjson': { schema: { type: 'string', description: 'JSON Lines: one Event object per line; blank lines are skipped' } },
          },
        },
        responses: {
          '200': reply('At least one line was kept or was already stored; bad lines are listed in `rejected`.', ref('IngestResult'), REPLAYED),
          '400': error('The body is not JSON (application/json), not an array, not UTF-8, or the Idempotency-Key is malformed.'),
          ...common('write'),
          '409': error('A request with this Idempotency-Key is still running, or no policy is published yet.'),
          '413': error(`The body is larger than ${EVENTS_BODY_LIMIT} bytes: split the batch.`),
          '415': error('The Content-Type is neither JSON nor JSON Lines.'),
          '422': {
            description: 'No line was valid (nothing stored; `rejected` names every line), or the Idempotency-Key was used with another body.',
            content: jsonOf({ oneOf: [ref('IngestFailure'), ref('Error')] }),
            headers: REPLAYED,
          },
        },
      },
    },
    '/decisions': {
      get: {
        operationId: 'listDecisions',
        summary: 'Read recorded decisions',
        description:
          'Decisions in the order they were made. Walk the pages with `after`: pass each page\'s `next` until it is null. Every read is written to the access log as `token:<id>`.',
        security: [{ bearerAuth: ['read'] }],
        parameters: [
          query('staffId', 'decisions about this staff member'),
          query('clientId', 'decisions about this client'),
          query('kind', 'one decision kind, e.g. staff.fined'),
          query('rule', 'one rule id, e.g. F1'),
          query('since', 'decisions at or after this instant (ISO-8601 with offset)', { type: 'string', format: 'date-time' }),
          query('until', 'decisions before this instant', { type: 'string', format: 'date-time' }),
          query('inForce', 'true: only decisions in force (leave out every decision a decision.superseded names, and the decision.superseded decisions themselves)', { type: 'boolean' }),
          query('after', 'the cursor: the `next` of the previous page', { type: 'integer', minimum: 0 }),
          query('limit', `page size (default ${DEFAULT_DECISIONS_LIMIT})`, { type: 'integer', minimum: 1, maximum: MAX_DECISIONS_LIMIT }),
        ],
        responses: {
          '200': reply('One page.', ref('DecisionPage')),
          '400': error('A parameter is unknown or malformed (`field` names it).'),
          ...common('read'),
        },
      },
    },
    '/staff/{id}/status': {
      get: {
        operationId: 'staffStatus',
        summary: "A staff member's standing now",
        security: [{ bearerAuth: ['read'] }],
        parameters: [pathParam('id', 'the staff id of the events (staffId)')],
        responses: { '200': reply('Pauses, bans, fines and whether the ring would give them the next lead.', ref('StaffStatus')), '404': error('No event or decision names this staff member.'), ...common('read') },
      },
    },
    '/allocate': {
      post: {
        operationId: 'allocate',
        summary: 'Allocate a client now',
        description: 'Records a `lead.allocate` event at the current time and answers with the allocation decision. Every call allocates again: send an Idempotency-Key to retry safely.',
        security: [{ bearerAuth: ['write'] }],
        parameters: [IDEMPOTENCY_KEY],
        requestBody: { required: true, content: jsonOf(ref('AllocateRequest')) },
        responses: {
          '200': reply('The decision.', ref('AllocateResult'), REPLAYED),
          '400': error('The body is not a JSON object, or a field is wrong (`field` names it).'),
          ...common('write'),
          '409': error('No policy is in force, or a request with this Idempotency-Key is still running.'),
          '413': error('The body is larger than 16 KiB.'),
          '422': error('The Idempotency-Key was used with another body.'),
        },
      },
    },
    '/policies/{id}/versions/{version}': {
      get: {
        operationId: 'policyVersion',
        summary: 'A published policy version',
        description: 'The content every decision citing this id, version and hash was made under. Drafts and versions awaiting approval are not served.',
        security: [{ bearerAuth: ['read'] }],
        parameters: [pathParam('id', 'policy id, e.g. sales-resource'), pathParam('version', 'semantic version, e.g. 1.0.0')],
        responses: { '200': reply('The version.', ref('PolicyVersion')), '404': error('No published version with this id and version.'), ...common('read') },
      },
    },
    '/clients/{id}/contact': {
      put: {
        operationId: 'putClientContact',
        summary: "Store a client's name and phone (write-only)",
        description:
          "Personal data (seed A1) is kept outside the append-only event log, so it can be corrected or erased; this replaces the stored name and phone. No endpoint of this API ever returns personal data: people see it in the admin app under the access rules (a rep's own clients, approved requests, every view logged).",
        security: [{ bearerAuth: ['write'] }],
        parameters: [pathParam('id', 'the clientId of the events')],
        requestBody: { required: true, content: jsonOf(ref('ContactRequest')) },
        responses: {
          '200': reply('Stored.', ref('ContactResult')),
          '400': error('The body is not a JSON object, or the name or phone is wrong (`field` names it).'),
          ...common('write'),
          '413': error('The body is larger than 16 KiB.'),
        },
      },
    },
    '/openapi.json': {
      get: { operationId: 'openapi', summary: 'This document', security: [], responses: { '200': reply('The OpenAPI 3.1 document.', { type: 'object', required: ['openapi', 'paths'] }) } },
    },
  };
}

/** The OpenAPI 3.1 document of `/api/v1`. */
export function openApiDocument(): SchemaNode {
  return {
    openapi: '3.1.0',
    info: {
      title: 'allot HTTP API',
      version: '1.0.0',
      description:
        'For a CRM to send events and read decisions. Authenticate with an API token created by an administrator on the admin app\'s "API tokens" page: `Authorization: Bearer allot_<id>.<secret>`. Cookies are not accepted, so the API has no cross-site request surface. Errors are JSON `{ error, message: { zh, en }, ... }`. Guide: docs/api.md.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearerAuth: [] }],
    paths: paths(),
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'allot_<id>.<secret>',
          description: 'An API token. Scopes: `read` (GET endpoints) or `read write` (also POST and PUT).',
        },
      },
      schemas: componentSchemas(),
    },
  };
}
