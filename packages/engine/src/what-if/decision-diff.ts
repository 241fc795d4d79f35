import { decisionIdentity } from '../decisions/decision-identity.js';
import type { Decision } from '../decisions/decision-types.js';
import { parseInstant } from '../time/instant.js';

/**
 * One decision that both runs made about the same thing (same kind, subject and instant) but
 * with different contents, e.g. a fine of 2000 fen that became 5000 fen, or a ban whose `until`
 * moved. `fields` lists the kind-specific fields (and `rule`) that differ, sorted.
 */
export interface DecisionChange {
  base: Decision;
  candidate: Decision;
  fields: string[];
}

/** How two decision lists differ, decision by decision (SPEC §4 "same decision"). */
export interface DecisionDiff {
  /** Decisions present in both (multiset: each base decision matches at most one candidate decision). */
  same: number;
  /** In the candidate only, not paired as a change; candidate order. */
  appeared: Decision[];
  /** In the base only, not paired as a change; base order. */
  disappeared: Decision[];
  /** Base-only and candidate-only decisions paired by kind, subject and instant; candidate order. */
  changed: DecisionChange[];
}

/** Fields that are not part of what a decision decided (SPEC §4). */
const NOT_CONTENT = new Set(['id', 'explain', 'policy', 'cause']);
const INSTANT_FIELDS = new Set(['at', 'from', 'until']);

const instantKey = (text: string): string => {
  const t = parseInstant(text);
  return t === null ? text : String(t);
};

/** The client of a client decision, else the staff member (SPEC §2 "subject id"). */
const subjectOf = (d: Decision): string => ('clientId' in d ? d.clientId : d.staffId);

const pairKey = (d: Decision, withRule: boolean): string =>
  JSON.stringify(withRule ? [d.kind, subjectOf(d), instantKey(d.at), d.rule] : [d.kind, subjectOf(d), instantKey(d.at)]);

const fieldValue = (record: Readonly<Record<string, unknown>>, key: string): string => {
  const value = record[key];
  if (INSTANT_FIELDS.has(key) && typeof value === 'string') return instantKey(value);
  return value === undefined ? '' : JSON.stringify(value);
};

/** The content fields (identity fields other than `at` and `kind`) whose values differ, sorted. */
export function changedFields(base: Decision, candidate: Decision): string[] {
  const a = base as unknown as Readonly<Record<string, unknown>>;
  const b = candidate as unknown as Readonly<Record<string, unknown>>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const out: string[] = [];
  for (const key of keys) {
    if (NOT_CONTENT.has(key)) continue;
    if (fieldValue(a, key) !== fieldValue(b, key)) out.push(key);
  }
  return out.sort();
}

interface Pairing {
  pairs: [number, number][];
  baseLeft: number[];
  candidateLeft: number[];
}

/** Pairs base-only with candidate-only indices sharing a key, first with first. */
function pairByKey(
  base: readonly Decision[],
  candidate: readonly Decision[],
  baseOnly: readonly number[],
  candidateOnly: readonly number[],
  withRule: boolean,
): Pairing {
  const queues = new Map<string, { items: number[]; next: number }>();
  for (const i of baseOnly) {
    const key = pairKey(base[i] as Decision, withRule);
    const q = queues.get(key);
    if (q === undefined) queues.set(key, { items: [i], next: 0 });
    else q.items.push(i);
  }
  const pairs: [number, number][] = [];
  const paired = new Set<number>();
  const candidateLeft: number[] = [];
  for (const j of candidateOnly) {
    const q = queues.get(pairKey(candidate[j] as Decision, withRule));
    const i = q === undefined ? undefined : q.items[q.next];
    if (q === undefined || i === undefined) {
      candidateLeft.push(j);
      continue;
    }
    q.next += 1;
    paired.add(i);
    pairs.push([i, j]);
  }
  return { pairs, baseLeft: baseOnly.filter((i) => !paired.has(i)), candidateLeft };
}

/**
 * Compares two decision lists as multisets of {@link decisionIdentity}. What is left over on
 * each side is then paired as a change when kind, subject (client, else staff member) and
 * instant agree: first pairs that also share the rule, then the rest, each in list order.
 * Deterministic: the result depends only on the two lists and their order. `identity` is
 * {@link decisionIdentity} (a caller comparing one list with many may pass it remembered).
 */
export function diffDecisions(base: readonly Decision[], candidate: readonly Decision[], identity: (d: Decision) => string = decisionIdentity): DecisionDiff {
  const steps = diffDecisionsInSteps(base, candidate, identity);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/** Decisions {@link diffDecisionsInSteps} goes through between two of its pauses. */
export const DIFF_STEP = 20_000;

/**
 * {@link diffDecisions} in steps: the generator pauses (yields) after every {@link DIFF_STEP}
 * decisions and returns the same diff. A caller comparing runs of a year (a million decisions)
 * can do other work between the steps; the result does not depend on how it is driven.
 */
export function* diffDecisionsInSteps(base: readonly Decision[], candidate: readonly Decision[], identity: (d: Decision) => string = decisionIdentity): Generator<void, DecisionDiff> {
  const pending = new Map<string, { items: number[]; next: number }>();
  for (let i = 0; i < base.length; i += 1) {
    if (i % DIFF_STEP === DIFF_STEP - 1) yield;
    const key = identity(base[i] as Decision);
    const q = pending.get(key);
    if (q === undefined) pending.set(key, { items: [i], next: 0 });
    else q.items.push(i);
  }
  const matched = new Uint8Array(base.length);
  const candidateOnly: number[] = [];
  let same = 0;
  for (let j = 0; j < candidate.length; j += 1) {
    if (j % DIFF_STEP === DIFF_STEP - 1) yield;
    const q = pending.get(identity(candidate[j] as Decision));
    const i = q === undefined ? undefined : q.items[q.next];
    if (q === undefined || i === undefined) {
      candidateOnly.push(j);
      continue;
    }
    q.next += 1;
    matched[i] = 1;
    same += 1;
  }
  const baseOnly: number[] = [];
  for (let i = 0; i < base.length; i += 1) if (matched[i] === 0) baseOnly.push(i);

  const strict = pairByKey(base, candidate, baseOnly, candidateOnly, true);
  const loose = pairByKey(base, candidate, strict.baseLeft, strict.candidateLeft, false);
  const pairs = [...strict.pairs, ...loose.pairs].sort((p, q) => p[1] - q[1]);
  return {
    same,
    appeared: loose.candidateLeft.map((j) => candidate[j] as Decision),
    disappeared: loose.baseLeft.map((i) => base[i] as Decision),
    changed: pairs.map(([i, j]) => {
      const b = base[i] as Decision;
      const c = candidate[j] as Decision;
      return { base: b, candidate: c, fields: changedFields(b, c) };
    }),
  };
}
