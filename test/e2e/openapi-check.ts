import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';

/**
 * Validates real answers against an OpenAPI 3.1 document: the schema it gives for one path
 * template, method, status and `application/json`. The document is loaded whole (its refs
 * point into `#/components/schemas`), with ajv's JSON Schema 2020-12 class, the dialect of
 * OpenAPI 3.1, in strict mode, so a typo in the document fails here too.
 */
export interface ResponseChecker {
  /** Every problem of `body` as the answer of `method path` with `status` (empty: it conforms). */
  check(path: string, method: string, status: number, body: unknown): string[];
}

const DOC_ID = 'https://allot.invalid/api/v1/openapi.json';
const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([zZ]|[+-]\d\d:\d\d)$/;

/** JSON pointer escaping of one token. */
const escape = (token: string): string => token.replace(/~/g, '~0').replace(/\//g, '~1');

/** Builds a checker over a served document. */
export function responseChecker(doc: Record<string, unknown>): ResponseChecker {
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true, logger: false });
  // The document's own top-level fields, and the engine's annotation keywords (x-unit, x-zh).
  ajv.addVocabulary(['openapi', 'info', 'servers', 'security', 'paths', 'components', 'webhooks', 'jsonSchemaDialect', 'tags', 'externalDocs']);
  ajv.addKeyword({ keyword: 'x-unit', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'x-zh', schemaType: 'object' });
  ajv.addFormat('date-time', { type: 'string', validate: (s: string) => INSTANT.test(s) && Number.isFinite(Date.parse(s)) });
  ajv.addSchema(doc, DOC_ID);
  const cache = new Map<string, ValidateFunction>();
  return {
    check(path, method, status, body) {
      const paths = doc['paths'] as Record<string, Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>>;
      const op = paths[path]?.[method.toLowerCase()];
      if (op === undefined) return [`the document has no ${method} ${path}`];
      const response = op.responses?.[String(status)];
      if (response === undefined) return [`the document has no ${status} answer for ${method} ${path}`];
      if (response.content?.['application/json'] === undefined) return [`${method} ${path} ${status} has no application/json schema`];
      const pointer = ['paths', path, method.toLowerCase(), 'responses', String(status), 'content', 'application/json', 'schema'].map(escape).join('/');
      let validate = cache.get(pointer);
      if (validate === undefined) {
        validate = ajv.compile({ $ref: `${DOC_ID}#/${pointer}` });
        cache.set(pointer, validate);
      }
      if (validate(body)) return [];
      return (validate.errors ?? []).slice(0, 10).map((e) => `${method} ${path} ${status}: ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
    },
  };
}
