import { checkPolicySemantics } from './check-policy-semantics.js';
import { checkPolicyV2 } from './check-policy-v2.js';
import { findJsonHazards } from './find-json-hazards.js';
import { isAtOrUnder } from './json-pointer.js';
import { policySchemaV2Validator, policySchemaValidator } from './policy-validator.js';
import type { AnyPolicy } from './read-policy.js';
import { translateAjvErrors } from './translate-ajv-errors.js';
import { verifyPolicy, type PolicyWarning } from './verify-policy.js';

/** One problem in a policy: where (RFC 6901 pointer; "" is the whole document) and what, in both languages. */
export interface PolicyError {
  pointer: string;
  message: { zh: string; en: string };
}

/**
 * The outcome of `validatePolicy`: the typed policy (either format) with the verifier's
 * warnings, or every problem found (at most `MAX_ERRORS`). Warnings never make a policy invalid;
 * `allot validate --strict` treats them as failures.
 */
export type PolicyValidation =
  | { ok: true; policy: AnyPolicy; errors: []; warnings: PolicyWarning[] }
  | { ok: false; errors: PolicyError[]; warnings: [] };

/** More errors than anyone reads; a garbage input could otherwise produce thousands. */
const MAX_ERRORS = 100;

function capped(errors: PolicyError[]): PolicyError[] {
  if (errors.length <= MAX_ERRORS) return errors;
  const kept = errors.slice(0, MAX_ERRORS - 1);
  const more = errors.length - kept.length;
  kept.push({ pointer: '', message: { zh: `另有 ${more} 个错误未列出`, en: `${more} more errors not shown` } });
  return kept;
}

function check(json: unknown): PolicyValidation {
  const hazards = findJsonHazards(json);
  if (hazards.fatal) return { ok: false, errors: hazards.errors, warnings: [] };
  const v2 = typeof json === 'object' && json !== null && !Array.isArray(json) && Object.prototype.hasOwnProperty.call(json, 'format');
  const validate = v2 ? policySchemaV2Validator() : policySchemaValidator();
  const schemaOk = validate(json);
  // A forbidden key is also an unknown key to the schema; say it once, the sharper way.
  const hazardAt = new Set(hazards.errors.map((e) => e.pointer));
  const schemaErrors = schemaOk ? [] : translateAjvErrors(validate.errors ?? []).filter((e) => !hazardAt.has(e.pointer));
  const errors = [...hazards.errors, ...schemaErrors];
  if (!schemaOk && errors.length === 0) {
    // Unreachable with this schema (a summary error always comes with its causes), but a
    // rejected policy must never come back as valid.
    errors.push({ pointer: validate.errors?.[0]?.instancePath ?? '', message: { zh: '不符合策略格式', en: 'does not match the policy format' } });
  }
  const blocked = (pointer: string): boolean => errors.some((e) => isAtOrUnder(e.pointer, pointer));
  errors.push(...(v2 ? checkPolicyV2(json, blocked) : checkPolicySemantics(json, blocked)));
  if (errors.length === 0) {
    const policy = json as AnyPolicy;
    return { ok: true, policy, errors: [], warnings: verifyPolicy(policy) };
  }
  return { ok: false, errors: capped(errors), warnings: [] };
}

/**
 * Validates a parsed policy file of either format: the JSON Schema (`policySchema`, or
 * `policySchemaV2` when the file says `"format": 2`), then the checks a schema cannot express
 * (prototype keys, condition safety, time zone, unique rule ids, declared codes), then the
 * verifier (`verifyPolicy`) for warnings.
 * Never throws; on success returns the same object, typed (treat it as immutable: its hash is
 * memoised). Every error names its field with a JSON Pointer and says what is wrong in zh and en.
 */
export function validatePolicy(json: unknown): PolicyValidation {
  try {
    return check(json);
  } catch {
    // Defensive: a proxy or getter in a hand-built object could throw; never propagate.
    return { ok: false, errors: [{ pointer: '', message: { zh: '无法校验该策略', en: 'the policy could not be validated' } }], warnings: [] };
  }
}
