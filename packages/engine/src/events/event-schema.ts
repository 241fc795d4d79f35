import { EVENT_TYPE_SPECS } from './event-fields.js';
import type { FieldSpec } from './event-fields.js';
import { EVENT_TYPES } from './event-types.js';

/**
 * The same shape `parseInstant` accepts. A pattern cannot rule out impossible dates (Feb 30)
 * or offsets above 23:59; `validateEvent` does, so it stays the authority.
 */
const INSTANT_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$';

type Schema = Record<string, unknown>;

function fieldSchema(field: FieldSpec, type: string): Schema {
  switch (field.kind) {
    case 'id':
      return { type: 'string', minLength: 1 };
    case 'text':
      return { type: 'string' };
    case 'instant':
      return {
        type: 'string',
        pattern: INSTANT_PATTERN,
        description: 'ISO-8601 date-time with an offset (Z or ±hh:mm), e.g. 2026-03-01T09:30:00+08:00',
      };
    case 'fen':
      return {
        type: 'integer',
        minimum: 0,
        maximum: Number.MAX_SAFE_INTEGER,
        description: 'Money in integer fen (1元 = 100 fen)',
      };
    case 'days':
      return { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Calendar days' };
    case 'count':
      return { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'A positive count' };
    case 'enum':
      return { type: 'string', enum: [...field.values] };
    case 'eventType':
      return { const: type };
    case 'code':
      return {
        type: 'string',
        pattern: '^[A-Za-z][A-Za-z0-9_]{0,31}$',
        description:
          field.values.length > 0
            ? `A ${field.list ?? ''} code the policy in force declares (default: ${field.values.join(', ')})`
            : `A ${field.list ?? ''} code the policy in force declares`,
      };
  }
}

function branch(type: string): Schema {
  const spec = EVENT_TYPE_SPECS.get(type);
  if (spec === undefined) throw new Error(`no field table for event type "${type}"`);
  const properties: Schema = {};
  for (const field of spec.fields) properties[field.name] = fieldSchema(field, type);
  return {
    title: type,
    type: 'object',
    required: spec.fields.filter((f) => f.required).map((f) => f.name),
    properties,
    additionalProperties: false,
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * JSON Schema (draft-07) of one input event (SPEC §3): `oneOf` a branch per event type, each
 * with `const` `type` and no additional properties. Self-contained (no `$ref`), so it can be
 * embedded as-is in an OpenAPI document. Built from the same field table as `validateEvent`;
 * the validator remains the authority on calendar validity of instants. Deeply frozen: clone
 * it (`structuredClone`) before handing it to a tool that edits schemas.
 */
export const eventSchema: Readonly<Record<string, unknown>> = deepFreeze({
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'allot event',
  description: 'One line of an allot events file (JSON Lines): an input event of SPEC §3.',
  type: 'object',
  required: ['id', 'type', 'at'],
  oneOf: EVENT_TYPES.map(branch),
});
