import { parseInstant } from '../time/instant.js';
import type { Decision } from './decision-types.js';

/** Fields that never take part in a decision's identity (SPEC §4: "id and explain may differ"). */
const NOT_IDENTITY = new Set(['id', 'explain', 'policy', 'cause']);
/** Fields that hold instants: compared as instants, so offsets may differ. */
const INSTANT_FIELDS = new Set(['at', 'from', 'until']);

/** A decision's identity fields in order, per set of keys: what {@link decisionIdentity} writes of each. */
interface Field {
  key: string;
  /** `"key":`, as JSON writes it. */
  prefix: string;
  instant: boolean;
}

/**
 * The identity fields per list of keys (decisions of one kind share a few): sorting and
 * filtering the keys of every decision took most of the time comparing two long runs.
 */
const shapes = new Map<string, Field[]>();
const MAX_SHAPES = 1_000;

function fieldsOf(record: Readonly<Record<string, unknown>>): Field[] {
  const keys = Object.keys(record);
  const signature = JSON.stringify(keys);
  let fields = shapes.get(signature);
  if (fields === undefined) {
    fields = keys
      .filter((k) => !NOT_IDENTITY.has(k))
      .sort()
      .map((key) => ({ key, prefix: `${JSON.stringify(key)}:`, instant: INSTANT_FIELDS.has(key) }));
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    shapes.set(signature, fields);
  }
  return fields;
}

/** Instants written as UTC, the last few thousand remembered (decisions in time order share them). */
const instants = new Map<string, string>();
const MAX_INSTANTS = 4_096;

function utcInstant(text: string): string {
  let utc = instants.get(text);
  if (utc === undefined) {
    const t = parseInstant(text);
    utc = t === null ? text : new Date(t).toISOString();
    if (instants.size >= MAX_INSTANTS) instants.clear();
    instants.set(text, utc);
  }
  return utc;
}

/**
 * A canonical string naming what a decision decided: `at`, `kind`, `rule` and the kind-specific
 * fields (instants normalised to UTC). Two decisions are "the same" (SPEC §4) exactly when their
 * identities are equal.
 */
export function decisionIdentity(decision: Decision | Readonly<Record<string, unknown>>): string {
  const record = decision as Readonly<Record<string, unknown>>;
  const parts: string[] = [];
  for (const field of fieldsOf(record)) {
    const value = record[field.key];
    if (value === undefined) continue;
    parts.push(field.prefix + JSON.stringify(field.instant && typeof value === 'string' ? utcInstant(value) : value));
  }
  // Joined, not appended to: one flat string, which a Map hashes without flattening it first.
  return `{${parts.join(',')}}`;
}

/** True when two decisions decided the same thing (SPEC §4). */
export function sameDecision(a: Decision, b: Decision): boolean {
  return decisionIdentity(a) === decisionIdentity(b);
}
