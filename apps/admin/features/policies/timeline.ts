/**
 * A policy's timeline: the stretches each version governed, and the version in force at an
 * instant.
 */
import type { StoredPolicyVersion } from '@allot/store';
import { isCancelled, isPublished } from './read';

/** One stretch of a policy's timeline: a version governing from `from` until the next takes over. */
export interface TimelineSegment {
  version: string;
  /** ISO instant it takes over; null: from the start of the history (the first version). */
  from: string | null;
  /** ISO instant the next version takes over; null: open-ended. */
  until: string | null;
  standing: 'in_force' | 'scheduled' | 'superseded' | 'overridden';
  publishSeq: number;
}

/** The timeline of one policy: who governs when, and the publications cancelled before their time. */
export interface PolicyTimelineView {
  segments: TimelineSegment[];
  cancelled: { version: string; effectiveFrom: string | null; publishSeq: number }[];
  /** The version in force at `now`. */
  inForce: string | null;
  now: string;
}

/**
 * The versions of one policy as the runtime applies them: the first published from the start,
 * every later one from its effective time (at one instant the later publication wins, so an
 * earlier one published for the same instant never governs: `overridden`), cancelled
 * publications left out of the timeline and listed apart.
 */
export function policyTimeline(versions: readonly StoredPolicyVersion[], now: Date): PolicyTimelineView {
  const published = versions.filter(isPublished).sort((a, b) => (a.publishSeq ?? 0) - (b.publishSeq ?? 0));
  const entries = published.map((v, i) => ({ v, from: i === 0 ? Number.NEGATIVE_INFINITY : (v.effectiveFrom?.getTime() ?? Number.NEGATIVE_INFINITY) }));
  entries.sort((a, b) => a.from - b.from || (a.v.publishSeq ?? 0) - (b.v.publishSeq ?? 0));
  const t = now.getTime();
  const iso = (ms: number): string | null => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);
  let inForce: string | null = null;
  const segments: TimelineSegment[] = entries.map((e, i) => {
    const until = entries[i + 1]?.from ?? Number.POSITIVE_INFINITY;
    let standing: TimelineSegment['standing'];
    if (until <= e.from) standing = 'overridden';
    else if (e.from > t) standing = 'scheduled';
    else if (until > t) standing = 'in_force';
    else standing = 'superseded';
    if (standing === 'in_force') inForce = e.v.version;
    return { version: e.v.version, from: iso(e.from), until: iso(until), standing, publishSeq: e.v.publishSeq ?? 0 };
  });
  const cancelled = versions.filter(isCancelled).map((v) => ({ version: v.version, effectiveFrom: v.effectiveFrom?.toISOString() ?? null, publishSeq: v.publishSeq ?? 0 }));
  return { segments, cancelled, inForce, now: now.toISOString() };
}

/** The version governing instant `at` on a timeline (null before anything was published). */
export function versionAt(view: PolicyTimelineView, at: number): string | null {
  let found: string | null = null;
  for (const s of view.segments) {
    if (s.standing === 'overridden') continue;
    if (s.from === null || Date.parse(s.from) <= at) found = s.version;
  }
  return found;
}
