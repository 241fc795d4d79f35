import { describeValue } from './describe-value.js';
import { COMMON_FIELDS, EVENT_TYPE_SPECS, FORBIDDEN_KEYS } from './event-fields.js';
import type { EventCodes, EventTypeSpec, FieldSpec } from './event-fields.js';
import type { AllotEvent, EventError } from './event-types.js';
import { isInstant } from './is-instant.js';

/** The outcome of checking one event: the clean event, or every problem found on its line. */
export type EventValidation = { ok: true; event: AllotEvent } | { ok: false; errors: EventError[] };

const INSTANT_EXAMPLE = 'e.g. "2026-03-01T09:30:00+08:00"';
const FEN_RULE = 'must be a non-negative integer number of fen (1元 = 100 fen)';
const COMMON_BY_NAME: ReadonlyMap<string, FieldSpec> = new Map(COMMON_FIELDS.map((f): [string, FieldSpec] => [f.name, f]));
const isEnumerableOwn = Object.prototype.propertyIsEnumerable;

const CODE_SHAPE = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;
const LIST_NAMES = { tiers: 'tier', forms: 'form', incidents: 'incident' } as const;

/** The problem with a code field: not a code, or one the policy in force does not declare. */
function codeProblem(spec: FieldSpec, value: unknown, codes: EventCodes | undefined): string | null {
  const list = spec.list ?? 'incidents';
  const given = codes?.[list];
  const fromPolicy = given !== undefined && given !== null;
  // null: any well-formed code; undefined (no policy): the default codes, if the list has any.
  const declared: readonly string[] | ReadonlySet<string> | null = given === null ? null : fromPolicy ? given : spec.values.length > 0 ? spec.values : null;
  const known = declared === null ? '' : [...declared].map((v) => JSON.stringify(v)).join(', ');
  if (typeof value !== 'string' || !CODE_SHAPE.test(value)) {
    return declared === null || known === '' ? `must be a code (a letter, then letters, digits or _), got ${describeValue(value)}` : `must be one of ${known}, got ${describeValue(value)}`;
  }
  if (declared === null) return null;
  if (Array.isArray(declared) ? declared.includes(value) : (declared as ReadonlySet<string>).has(value)) return null;
  if (!fromPolicy) return `must be one of ${known}, got ${describeValue(value)}`;
  return `undeclared ${LIST_NAMES[list]} code ${describeValue(value)}: the policy in force declares ${known === '' ? 'none' : known}`;
}

const isWellFormed = (String.prototype as unknown as { isWellFormed: (this: string) => boolean }).isWellFormed;

/**
 * A NUL or a lone surrogate cannot be stored as text (PostgreSQL refuses NUL; UTF-8 has no
 * surrogates), so a string holding one is refused here, on its line and field.
 */
function characterProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  return isWellFormed.call(value) ? null : 'must not contain a lone surrogate (half of a UTF-16 pair: not a character)';
}

/** The problem with `value` as the field `spec`, or null when it is fine. Allocates nothing on success. */
function fieldProblem(spec: FieldSpec, value: unknown, codes?: EventCodes): string | null {
  switch (spec.kind) {
    case 'id':
      if (typeof value !== 'string' || value.length === 0) return `must be a non-empty string, got ${describeValue(value)}`;
      return characterProblem(value);
    case 'text':
      return typeof value === 'string' ? characterProblem(value) : `must be a string, got ${describeValue(value)}`;
    case 'instant':
      if (typeof value !== 'string') return `must be an ISO-8601 date-time string with offset (${INSTANT_EXAMPLE}), got ${describeValue(value)}`;
      return isInstant(value) ? null : `${describeValue(value)} is not an ISO-8601 date-time with offset (${INSTANT_EXAMPLE})`;
    case 'fen':
      return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? null : `${FEN_RULE}, got ${describeValue(value)}`;
    case 'days':
      return typeof value === 'number' && Number.isSafeInteger(value) && value > 0
        ? null
        : `must be a positive integer number of days, got ${describeValue(value)}`;
    case 'count':
      return typeof value === 'number' && Number.isSafeInteger(value) && value > 0
        ? null
        : `must be a positive integer, got ${describeValue(value)}`;
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value)
        ? null
        : `must be one of ${spec.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(value)}`;
    case 'eventType':
      if (typeof value !== 'string') return `must be a string naming an event type, got ${describeValue(value)}`;
      return EVENT_TYPE_SPECS.has(value) ? null : `unknown event type ${describeValue(value)}`;
    case 'code':
      return codeProblem(spec, value, codes);
  }
}

/**
 * Reports the first forbidden key nested anywhere inside `value` (one error per top-level
 * field is enough to point at it). Iterative, so deeply nested input cannot overflow the stack,
 * and it visits each object once, so a cyclic value (possible outside JSON) cannot loop.
 */
function checkNested(value: unknown, field: string, line: number, errors: EventError[]): void {
  if (typeof value !== 'object' || value === null) return;
  const stack: object[] = [value];
  const seen = new Set<object>(stack);
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const children: unknown[] = Array.isArray(next) ? next : [];
    if (!Array.isArray(next)) {
      const record = next as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (FORBIDDEN_KEYS.has(key)) {
          errors.push({ line, field, message: `forbidden key ${JSON.stringify(key)} inside the value` });
          return;
        }
        children.push(record[key]);
      }
    }
    for (const child of children) {
      if (typeof child === 'object' && child !== null && !seen.has(child)) {
        seen.add(child);
        stack.push(child);
      }
    }
  }
}

/** A key that is no field of the event's type: forbidden, unknown (with a suggestion), or not judged. */
function reportExtraKey(key: string, value: unknown, spec: EventTypeSpec | undefined, line: number, errors: EventError[]): void {
  if (FORBIDDEN_KEYS.has(key)) {
    errors.push({ line, field: key, message: `forbidden key ${JSON.stringify(key)}` });
  } else if (spec !== undefined) {
    const guess = spec.byLowerName.get(key.toLowerCase());
    const hint = guess === undefined ? '' : ` (did you mean ${JSON.stringify(guess)}?)`;
    errors.push({ line, field: key, message: `unknown field ${JSON.stringify(key)} for event type "${spec.type}"${hint}` });
  }
  // With an unknown type, other keys cannot be judged; the type error already rejects the line.
  checkNested(value, key, line, errors);
}

/** Slow path, taken only when fewer required fields were seen than the type has: names each missing one. */
function reportMissing(record: Record<string, unknown>, spec: EventTypeSpec | undefined, line: number, errors: EventError[]): void {
  for (const field of spec === undefined ? COMMON_FIELDS : spec.fields) {
    if (!field.required || isEnumerableOwn.call(record, field.name)) continue;
    const of = spec === undefined || COMMON_BY_NAME.has(field.name) ? '' : ` for event type "${spec.type}"`;
    errors.push({ line, field: field.name, message: `missing required field "${field.name}"${of}` });
  }
}

/** The fields of `opening.client` that describe a hold, so they need an `owner`. */
const OPENING_HOLDS = ['registeredAt', 'r2Deadline', 'handedOutAt', 'lastActivityAt'] as const;

/**
 * Cases whose fields are each fine but contradict each other (SPEC §2 "Settled…"): a
 * `tier.mismatch` whose actual tier is the classified one is no mismatch, a `staff.left`
 * cannot name the leaver as their own successor, and an `appeal.decided` carries `amountFen` or
 * `days` exactly when its outcome is `reduced`.
 */
function reportContradiction(record: Record<string, unknown>, type: string, line: number, errors: EventError[]): void {
  if (type === 'tier.mismatch' && record['actualTier'] === record['classifiedTier']) {
    errors.push({ line, field: 'actualTier', message: `actualTier ${JSON.stringify(record['actualTier'])} equals classifiedTier: a tier mismatch needs two different tiers` });
  } else if (type === 'staff.left' && record['successorId'] !== undefined && record['successorId'] === record['staffId']) {
    errors.push({ line, field: 'successorId', message: `successorId ${JSON.stringify(record['successorId'])} is the leaver: a successor must be another staff member` });
  } else if (type === 'opening.client' && record['owner'] === undefined) {
    for (const field of OPENING_HOLDS) {
      if (record[field] !== undefined) errors.push({ line, field, message: `${field} needs an owner: a client in the pool has no running clocks` });
    }
  } else if (type === 'appeal.decided') {
    const hasFen = record['amountFen'] !== undefined;
    const hasDays = record['days'] !== undefined;
    if (record['outcome'] === 'reduced') {
      if (hasFen && hasDays) errors.push({ line, field: 'days', message: 'a reduced sanction gives either amountFen (a fine) or days (a ban), not both' });
      else if (!hasFen && !hasDays) errors.push({ line, field: 'outcome', message: 'outcome "reduced" needs the reduced amountFen (a fine) or days (a ban)' });
    } else if (hasFen || hasDays) {
      const field = hasFen ? 'amountFen' : 'days';
      errors.push({ line, field, message: `${field} is only given with outcome "reduced", not ${JSON.stringify(record['outcome'])}` });
    }
  }
}

/**
 * Checks one parsed JSON value against SPEC §3, appending every problem to `errors`; returns
 * the event, or null when it appended errors. Each key is read once. The event is a fresh
 * plain object holding only the known fields, in the input's order; with `owned` (the caller
 * made `value` with `JSON.parse` and holds the only reference) `value` itself is returned,
 * which is just as safe and saves a copy on the hot path of `parseEvents`.
 */
export function validateEventInto(value: unknown, line: number, errors: EventError[], owned = false, codes?: EventCodes): AllotEvent | null {
  const start = errors.length;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    errors.push({ line, field: null, message: `an event must be a JSON object, got ${describeValue(value)}` });
    return null;
  }
  const record = value as Record<string, unknown>;
  const typeValue = isEnumerableOwn.call(record, 'type') ? record['type'] : undefined;
  const spec = typeof typeValue === 'string' ? EVENT_TYPE_SPECS.get(typeValue) : undefined;
  const byName = spec === undefined ? COMMON_BY_NAME : spec.byName;
  const event: Record<string, unknown> | null = owned ? null : {};
  let required = 0;
  for (const key of Object.keys(record)) {
    const field = byName.get(key);
    const fieldValue = record[key];
    if (field === undefined) {
      reportExtraKey(key, fieldValue, spec, line, errors);
      continue;
    }
    if (field.required) required++;
    const problem = fieldProblem(field, fieldValue, codes);
    if (problem !== null) {
      errors.push({ line, field: key, message: problem });
      checkNested(fieldValue, key, line, errors);
    } else if (fieldValue === 0) {
      // -0 is a valid JSON number; store 0 so canonical forms and hashes agree.
      (event ?? record)[key] = 0;
    } else if (event !== null) {
      event[key] = fieldValue;
    }
  }
  if (required !== (spec === undefined ? COMMON_FIELDS.length : spec.requiredCount)) reportMissing(record, spec, line, errors);
  if (errors.length === start && spec !== undefined) reportContradiction(record, spec.type, line, errors);
  return errors.length === start ? ((event ?? record) as unknown as AllotEvent) : null;
}

/**
 * Checks one parsed JSON value against SPEC §3 and reports every problem of it, each naming
 * `line` (default 1) and the field. On success the event is a fresh plain object holding only
 * the known fields (in the input's order), never the input object, so nothing else (e.g. a
 * `__proto__` key) can leak; each field is read once, so a getter cannot change it afterwards.
 */
export function validateEvent(value: unknown, line = 1, codes?: EventCodes): EventValidation {
  const errors: EventError[] = [];
  const event = validateEventInto(value, line, errors, false, codes);
  return event === null ? { ok: false, errors } : { ok: true, event };
}

/** Every event type's code fields, looked up once. */
const CODE_FIELDS: ReadonlyMap<string, readonly FieldSpec[]> = new Map(
  [...EVENT_TYPE_SPECS.values()].map((spec): [string, readonly FieldSpec[]] => [spec.type, spec.fields.filter((f) => f.kind === 'code')]),
);

/** Checks only the code fields of an already valid event against a policy's codes; appends errors; true when fine. */
export function checkEventCodes(event: AllotEvent, codes: EventCodes, line: number, errors: EventError[]): boolean {
  const fields = CODE_FIELDS.get(event.type);
  if (fields === undefined || fields.length === 0) return true;
  const record = event as unknown as Record<string, unknown>;
  let ok = true;
  for (const field of fields) {
    const value = record[field.name];
    if (value === undefined) continue;
    const problem = codeProblem(field, value, codes);
    if (problem !== null) {
      errors.push({ line, field: field.name, message: problem });
      ok = false;
    }
  }
  return ok;
}
