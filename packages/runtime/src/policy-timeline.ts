import type { AnyPolicy as Policy } from '@allot/engine';

/** A published policy version as the runtime uses it. */
export interface KnownVersion {
  policy: Policy;
  hash: string;
  /** Epoch ms, or null for "from the beginning" (only the first version may say so). */
  effectiveFrom: number | null;
  /** Where in the op log it was published. */
  publishSeq: number;
}

/**
 * Which published version governs which instant. The first version published is in force from
 * the start (even before its effective time: there is no earlier one). Every later version
 * waits in `pending`, ordered by effective time and then by publication, until the runtime's
 * time reaches it. A version can never be published with an effective time before the
 * runtime's time, so `pending` never holds an instant already passed.
 */
export class PolicyTimeline {
  inForce: KnownVersion | undefined;
  readonly pending: KnownVersion[] = [];

  /** Adds a newly published version. Returns true when it is the first (in force at once). */
  add(version: KnownVersion): boolean {
    if (this.inForce === undefined) {
      this.inForce = version;
      return true;
    }
    const eff = version.effectiveFrom ?? Number.NEGATIVE_INFINITY;
    let i = this.pending.length;
    while (i > 0 && (this.pending[i - 1]?.effectiveFrom ?? Number.NEGATIVE_INFINITY) > eff) i--;
    this.pending.splice(i, 0, version);
    return false;
  }

  /**
   * Takes a scheduled version off the timeline (its publication was cancelled before it took
   * over). Returns false when no pending version was published at `publishSeq`.
   */
  cancel(publishSeq: number): boolean {
    const i = this.pending.findIndex((v) => v.publishSeq === publishSeq);
    if (i < 0) return false;
    this.pending.splice(i, 1);
    return true;
  }

  /** The version that will govern an event at `t`, without taking pending ones (undefined before any is published). */
  at(t: number): KnownVersion | undefined {
    let found = this.inForce;
    for (const v of this.pending) {
      if ((v.effectiveFrom ?? Number.NEGATIVE_INFINITY) > t) break;
      found = v;
    }
    return found;
  }

  /** Takes the next pending version whose effective time is at or before `t`, if any. */
  takeDue(t: number): KnownVersion | undefined {
    const next = this.pending[0];
    if (next === undefined || (next.effectiveFrom ?? Number.NEGATIVE_INFINITY) > t) return undefined;
    this.pending.shift();
    this.inForce = next;
    return next;
  }
}
