import { policyHash, validatePolicy } from '@allot/engine';
import { readCancellations, readEvents, readPublishedVersions, readReplayEvents, readTicks } from '@allot/store';
import type { ReplayEvent, StoredCancellation, StoredEvent, StoredPolicyVersion, StoredTick, StoreDb } from '@allot/store';
import type { KnownVersion } from './policy-timeline.js';

/**
 * One entry of the op log, in seq order: an event, a tick, or a policy version being published.
 * Its event is the whole stored row (`StoredEvent`, with its hashes), or what a replay needs of it
 * (`ReplayEvent`, read by {@link readReplayOpBatches}).
 */
export type Op<E extends ReplayEvent = StoredEvent> =
  | { kind: 'event'; seq: number; event: E }
  | { kind: 'tick'; seq: number; tick: StoredTick }
  | { kind: 'publish'; seq: number; version: StoredPolicyVersion }
  | { kind: 'cancel'; seq: number; cancellation: StoredCancellation };

/** An op as a replay reads it. */
export type ReplayOp = Op<ReplayEvent>;

const EVENT_PAGE = 5_000;
const TICK_PAGE = 2_000;

/**
 * Pages of rows ordered by seq; `fetch(after)` returns the next page after a seq. The next page
 * is asked for as soon as a page arrives, so the database reads it while the caller works
 * through this one (a long replay otherwise waits on every read).
 */
export async function* pages<T extends { seq: number }>(fetch: (after: number) => Promise<T[]>, after: number): AsyncGenerator<T[]> {
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
    yield page;
  }
}

/** {@link pages}, a row at a time. */
export async function* paged<T extends { seq: number }>(fetch: (after: number) => Promise<T[]>, after: number): AsyncGenerator<T> {
  for await (const page of pages(fetch, after)) yield* page;
}

/**
 * The op log with `afterSeq < seq <= toSeq`, merged from its three tables in seq order, a batch
 * per page read (a long log never sits in memory at once, and a replay loops over each batch
 * without an await per op).
 */
async function* opBatches<E extends ReplayEvent>(db: StoreDb, afterSeq: number, toSeq: number, read: (after: number) => Promise<E[]>, tickPage: number): AsyncGenerator<Op<E>[]> {
  const publishes: Op<E>[] = (await readPublishedVersions(db, { afterSeq, toSeq })).map((version): Op<E> => ({ kind: 'publish', seq: version.publishSeq ?? 0, version }));
  // Cancellations are few, like publications: merged into them by seq.
  for (const cancellation of await readCancellations(db, { afterSeq, toSeq })) publishes.push({ kind: 'cancel', seq: cancellation.seq, cancellation });
  publishes.sort((a, b) => a.seq - b.seq);
  const events = pages(read, afterSeq);
  const ticks = pages((after) => readTicks(db, { afterSeq: after, toSeq, limit: tickPage }), afterSeq);
  let ev: E[] = [];
  let ei = 0;
  let evDone = false;
  let tk: StoredTick[] = [];
  let ti = 0;
  let tkDone = false;
  let p = 0;
  for (;;) {
    // Refill whichever page is used up; a table is done when a page comes back empty.
    if (ei >= ev.length && !evDone) {
      const r = await events.next();
      if (r.done === true) evDone = true;
      else [ev, ei] = [r.value, 0];
    }
    if (ti >= tk.length && !tkDone) {
      const r = await ticks.next();
      if (r.done === true) tkDone = true;
      else [tk, ti] = [r.value, 0];
    }
    // Merge while neither table waits on its next page. At one seq (only a forged row can share
    // one) a publish or cancellation comes first, then a tick, then an event.
    const batch: Op<E>[] = [];
    while ((ei < ev.length || evDone) && (ti < tk.length || tkDone)) {
      const publish = publishes[p];
      const tick = tk[ti];
      const event = ev[ei];
      if (publish !== undefined && (tick === undefined || publish.seq <= tick.seq) && (event === undefined || publish.seq <= event.seq)) {
        batch.push(publish);
        p++;
      } else if (tick !== undefined && (event === undefined || tick.seq <= event.seq)) {
        batch.push({ kind: 'tick', seq: tick.seq, tick });
        ti++;
      } else if (event !== undefined) {
        batch.push({ kind: 'event', seq: event.seq, event });
        ei++;
      } else break;
    }
    if (batch.length > 0) yield batch;
    if (evDone && tkDone && ei >= ev.length && ti >= tk.length && p >= publishes.length) return;
  }
}

/** Rows per page read (the defaults suit a long replay; tests take small pages to cross many page ends). */
export interface PageSizes {
  events: number;
  ticks: number;
}
const PAGES: PageSizes = { events: EVENT_PAGE, ticks: TICK_PAGE };

/** The op log with `afterSeq < seq <= toSeq`, whole rows, in batches (see {@link readOps}). */
export function readOpBatches(db: StoreDb, afterSeq: number, toSeq: number, sizes: PageSizes = PAGES): AsyncGenerator<Op[]> {
  return opBatches(db, afterSeq, toSeq, (after) => readEvents(db, { afterSeq: after, toSeq, limit: sizes.events }), sizes.ticks);
}

/**
 * The op log with `afterSeq < seq <= toSeq` as a replay reads it, in batches: each event without
 * its row's hashes, id and receipt (half the text to read and parse), which only Verify checks.
 */
export function readReplayOpBatches(db: StoreDb, afterSeq: number, toSeq: number, sizes: PageSizes = PAGES): AsyncGenerator<ReplayOp[]> {
  return opBatches(db, afterSeq, toSeq, (after) => readReplayEvents(db, { afterSeq: after, toSeq, limit: sizes.events }), sizes.ticks);
}

/**
 * The op log with `afterSeq < seq <= toSeq`, merged from its three tables in seq order, read a
 * page at a time so a long log never sits in memory at once.
 */
export async function* readOps(db: StoreDb, afterSeq: number, toSeq: number): AsyncGenerator<Op> {
  for await (const batch of readOpBatches(db, afterSeq, toSeq)) yield* batch;
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
