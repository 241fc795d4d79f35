/**
 * Small builders for the policy JSON Schema. They keep `policy-schema.ts` readable and make
 * every field carry the same annotations: an English `title`/`description`, a Chinese
 * `x-zh` label for the admin form, and an `x-unit` hint on numbers.
 */

/** A JSON Schema node, as plain data (it is also written to `policies/schema/policy.schema.json`). */
export type JsonSchemaNode = { [keyword: string]: unknown };

/** Units the admin form shows next to a number (`x-unit`). */
export const SCHEMA_UNITS = ['fen', 'minutes', 'hours', 'months', 'days', 'count'] as const;
/** One `x-unit` value. */
export type SchemaUnit = (typeof SCHEMA_UNITS)[number];

/** Chinese annotations (`x-zh`): the label the Chinese admin form shows, and an optional hint. */
export interface ZhAnnotation {
  title: string;
  description?: string;
}

/** English title and description, plus the Chinese annotation, for one schema node. */
export interface Annotation {
  title: string;
  description?: string;
  zh: string;
  zhDescription?: string;
}

/** Spreads an annotation into schema keywords, leaving absent ones out (ajv strict mode rejects `undefined`). */
export function annotate(a: Annotation): JsonSchemaNode {
  const zh: ZhAnnotation = { title: a.zh };
  if (a.zhDescription !== undefined) zh.description = a.zhDescription;
  const node: JsonSchemaNode = { title: a.title };
  if (a.description !== undefined) node.description = a.description;
  node['x-zh'] = zh;
  return node;
}

/** Bounds and unit of an integer field. */
export interface IntegerOptions extends Annotation {
  minimum: number;
  maximum: number;
  unit?: SchemaUnit;
  /** Accept `null` too (e.g. "no cap", "all time"). */
  nullable?: boolean;
}

/** An integer field with both bounds: the bounds keep calendar arithmetic and money in safe ranges. */
export function integer(o: IntegerOptions): JsonSchemaNode {
  const node: JsonSchemaNode = {
    type: o.nullable === true ? ['integer', 'null'] : 'integer',
    ...annotate(o),
    minimum: o.minimum,
    maximum: o.maximum,
  };
  if (o.unit !== undefined) node['x-unit'] = o.unit;
  return node;
}

/** A string that must not be empty, with an upper length bound so the UI stays usable. */
export function text(a: Annotation, maxLength: number): JsonSchemaNode {
  return { type: 'string', ...annotate(a), minLength: 1, maxLength };
}

/** A closed object: only the listed properties, `required` as given. */
export function closedObject(a: Annotation, properties: Record<string, JsonSchemaNode>, required: readonly string[]): JsonSchemaNode {
  return { type: 'object', ...annotate(a), additionalProperties: false, required: [...required], properties };
}

/** A `{ zh, en }` pair of non-empty sentences. */
export function localized(a: Annotation, maxLength = 200): JsonSchemaNode {
  return closedObject(
    a,
    {
      zh: text({ title: 'Chinese', zh: '中文' }, maxLength),
      en: text({ title: 'English', zh: '英文' }, maxLength),
    },
    ['zh', 'en'],
  );
}

/** A reference to a definition; draft-07 ignores keywords beside `$ref`, so it stands alone. */
export function ref(name: string): JsonSchemaNode {
  return { $ref: `#/definitions/${name}` };
}
