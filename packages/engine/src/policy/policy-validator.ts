import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import { policySchema } from './policy-schema.js';
import { policySchemaV2 } from './policy-v2-schema.js';

/**
 * The compiled policy schema. Compiled lazily (an app that only hashes or replays never pays
 * for it) and once per process, because compiling generates code and is the slow part.
 */
let compiled: ValidateFunction | undefined;
let compiledV2: ValidateFunction | undefined;

/**
 * Returns ajv's validator for `policySchema`: strict mode (a typo in the schema fails loudly),
 * every error collected (policies are small and validated off the hot path; the caller caps the
 * list), `verbose` so a message can read the failing field's bounds and unit, and no `$data`.
 */
export function policySchemaValidator(): ValidateFunction {
  if (compiled !== undefined) return compiled;
  compiled = makeAjv().compile(policySchema);
  return compiled;
}

/** The same for format 2 (`policySchemaV2`). */
export function policySchemaV2Validator(): ValidateFunction {
  if (compiledV2 !== undefined) return compiledV2;
  compiledV2 = makeAjv().compile(policySchemaV2);
  return compiledV2;
}

function makeAjv(): Ajv {
  const ajv = new Ajv({
    strict: true,
    // The condition schema dispatches on `if: { required: ["all"] }`, which names a property that
    // the `if` schema itself does not declare; that is the point, not a typo.
    strictRequired: false,
    // Nullable numbers are written `type: ["integer", "null"]`, which Monaco also understands.
    allowUnionTypes: true,
    allErrors: true,
    verbose: true,
    $data: false,
    ownProperties: true,
    // Shared parts (title, clause, conditions) stay functions instead of being copied into every
    // use: half the generated code, and a faster first compile in the browser.
    inlineRefs: false,
    // The engine prints nothing; strict-mode problems throw instead of logging.
    logger: false,
  });
  // Annotation keywords read by the admin form; they do not validate anything.
  ajv.addKeyword({ keyword: 'x-unit', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'x-zh', schemaType: 'object' });
  return ajv;
}
