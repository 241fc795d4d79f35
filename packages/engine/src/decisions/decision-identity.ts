import { parseInstant } from '../time/instant.js';
import type { Decision } from './decision-types.js';

/** Fields that never take part in a decision's identity (SPEC §4: "id and explain may differ"). */
const NOT_IDENTITY = new Set(['id', 'explain', 'policy', 'cause']);
/** Fields that hold instants: compared as instants, so offsets may differ. */
const INSTANT_FIELDS = new Set(['at', 'from', 'until']);

/**
 * A canonical string naming what a decision decided: `at`, `kind`, `rule` and the kind-specific
 * fields (instants normalised to UTC). Two decisions are "the same" (SPEC §4) exactly when their
 * identities are equal.
 */
export function decisionIdentity(decision: Decision | Readonly<Record<string, unknown>>): string {
  const record = decision as Readonly<Record<string, unknown>>;
  const keys = Object.keys(record)
    .filter((k) => !NOT_IDENTITY.has(k) && record[k] !== undefined)
    .sort();
  const parts: string[] = [];
  for (const key of keys) {
    let value = record[key];
    if (INSTANT_FIELDS.has(key) && typeof value === 'string') {
      const t = parseInstant(value);
      if (t !== null) value = new Date(t).toISOString();
    }
    parts.push(`${JSON.stringify(key)}:${JSON.stringify(value)}`);
  }
  return `{${parts.join(',')}}`;
}

/** True when two decisions decided the same thing (SPEC §4). */
export function sameDecision(a: Decision, b: Decision): boolean {
  return decisionIdentity(a) === decisionIdentity(b);
}
