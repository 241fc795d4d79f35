import { decisionIdentity } from '@allot/engine';
import type { AllotEvent, Decision } from '@allot/engine';

/** Where two decision streams first part ways. */
export interface Difference {
  /** 0-based position of the first differing decision. */
  index: number;
  /** The decisions at that position (undefined when that stream ended). */
  left: Decision | undefined;
  right: Decision | undefined;
  /** Up to three agreed decisions just before it, for context. */
  before: Decision[];
}

/**
 * Walks two decision streams in lockstep (nothing is kept but a little context) and returns
 * the first position where their `decisionIdentity` differs, or null when they agree.
 */
export function firstDifference(left: Iterable<Decision>, right: Iterable<Decision>): Difference | null {
  const a = left[Symbol.iterator]();
  const b = right[Symbol.iterator]();
  const before: Decision[] = [];
  for (let index = 0; ; index++) {
    const x = a.next();
    const y = b.next();
    if (x.done === true && y.done === true) return null;
    const l = x.done === true ? undefined : x.value;
    const r = y.done === true ? undefined : y.value;
    if (l === undefined || r === undefined || decisionIdentity(l) !== decisionIdentity(r)) {
      return { index, left: l, right: r, before };
    }
    before.push(l);
    if (before.length > 3) before.shift();
  }
}

const show = (d: Decision | undefined): string => {
  if (d === undefined) return '(stream ended)';
  const { explain: _explain, policy: _policy, ...rest } = d;
  return JSON.stringify(rest);
};

/**
 * A readable report of a difference: the position, context, both decisions, and the events
 * their `cause` names (looked up in `events` when given).
 */
export function describeDifference(
  difference: Difference,
  names: readonly [string, string],
  events?: readonly AllotEvent[],
): string {
  const lines = [`decisions differ at #${difference.index}:`];
  for (const d of difference.before) lines.push(`  (agreed) ${show(d)}`);
  lines.push(`  ${names[0]}: ${show(difference.left)}`);
  lines.push(`  ${names[1]}: ${show(difference.right)}`);
  if (events !== undefined) {
    const wanted = new Set([...(difference.left?.cause ?? []), ...(difference.right?.cause ?? [])]);
    for (const e of events) if (wanted.has(e.id)) lines.push(`  cause event: ${JSON.stringify(e)}`);
  }
  return lines.join('\n');
}
