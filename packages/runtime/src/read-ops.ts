import { policyHash, validatePolicy } from '@allot/engine';
import { readCancellations, readEvents, readPublishedVersions, readTicks } from '@allot/store';
import type { StoredCancellation, StoredEvent, StoredPolicyVersion, StoredTick, StoreDb } from '@allot/store';
import type { KnownVersion } from './policy-timeline.js';

/** One entry of the op log, in seq order: an event, a tick, or a policy version being published. */
export type Op =
  | { kind: 'event'; seq: number; event: StoredEvent }
  | { kind: 'tick'; seq: number; tick: StoredTick }
  | { kind: 'publish'; seq: number; version: StoredPolicyVersion }
  | { kind: 'cancel'; seq: number; cancellation: StoredCancellation };

const EVENT_PAGE = 5_000;
const TICK_PAGE = 2_000;

/**
 * Pages through rows ordered by seq; `fetch(after)` returns the next page after a seq. The next
 * page is asked for as soon as a page arrives, so the database reads it while the caller works
 * through this one (a long replay otherwise waits on every read).
 */
export async function* paged<T extends { seq: number }>(fetch: (after: number) => Promise<T[]>, after: number): AsyncGenerator<T> {
  const ask = (from: number): Promise<T[]> => {
    const page = fetch(from);
    // A page asked for ahead may never be awaited (the caller stopped early): its failure must not go unhandled.
    page.catch(() => undefined);
    return page;
  };
  let next = ask(after);
  for (;;) {
    const page = await next;
    if (page.length === 0) return;
    next = ask((page[page.length - 1] as T).seq);
    for (const row of page) yield row;
  }
}

/**
 * The op log with `afterSeq < seq <= toSeq`, merged from its three tables in seq order, read a
 * page at a time so a long log never sits in memory at once.
 */
export async function* readOps(db: StoreDb, afterSeq: number, toSeq: number): AsyncGenerator<Op> {
  const publishes: Op[] = (await readPublishedVersions(db, { afterSeq, toSeq })).map((version): Op => ({ kind: 'publish', seq: version.publishSeq ?? 0, version }));
  // Cancellations are few, like publications: merged into them by seq.
  for (const cancellation of await readCancellations(db, { afterSeq, toSeq })) publishes.push({ kind: 'cancel', seq: cancellation.seq, cancellation });
  publishes.sort((a, b) => a.seq - b.seq);
  const events = paged((after) => readEvents(db, { afterSeq: after, toSeq, limit: EVENT_PAGE }), afterSeq);
  const ticks = paged((after) => readTicks(db, { afterSeq: after, toSeq, limit: TICK_PAGE }), afterSeq);
  let e = await events.next();
  let t = await ticks.next();
  let p = 0;
  for (;;) {
    // At one seq (only a forged row can share one) a publish or cancellation comes first, then a tick, then an event.
    const candidates: Op[] = [];
    const publish = publishes[p];
    if (publish !== undefined) candidates.push(publish);
    if (t.done !== true) candidates.push({ kind: 'tick', seq: t.value.seq, tick: t.value });
    if (e.done !== true) candidates.push({ kind: 'event', seq: e.value.seq, event: e.value });
    if (candidates.length === 0) return;
    let next = candidates[0] as Op;
    for (const c of candidates) if (c.seq < next.seq) next = c;
    yield next;
    if (next.kind === 'event') e = await events.next();
    else if (next.kind === 'tick') t = await ticks.next();
    else p++;
  }
}

/**
 * A stored published version as the engine needs it. Throws when the stored content is no
 * longer a valid policy (only a tampered row can be): the caller cannot run on it.
 */
export function toKnownVersion(v: StoredPolicyVersion): KnownVersion {
  const validation = validatePolicy(v.content);
  if (!validation.ok) {
    throw new Error(`stored policy ${v.policyId} version ${v.version} is not a valid policy any more: ${validation.errors[0]?.message.en ?? 'invalid'}`);
  }
  return {
    policy: validation.policy,
    hash: policyHash(validation.policy),
    effectiveFrom: v.effectiveFrom === null ? null : v.effectiveFrom.getTime(),
    publishSeq: v.publishSeq ?? 0,
  };
}
