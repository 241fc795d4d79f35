import { sql } from 'kysely';
import type { RawBuilder, SqlBool } from 'kysely';

/**
 * `column in (the strings of a list)`, with the list as one JSON parameter: the same query text
 * for any length (one plan), and no driver-specific array encoding (pg and PGlite differ).
 * `column` is a name fixed by code.
 */
export function inJsonList(column: string, values: readonly string[]): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} in (select json_array_elements_text(${JSON.stringify(values)}::json))`;
}
