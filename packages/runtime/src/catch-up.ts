import type { Decision, Engine } from '@allot/engine';
import { latestSnapshot, readPublishedVersions } from '@allot/store';
import type { LogHead, StoreDb } from '@allot/store';
import { EngineHost, type AppliedEvent, type HostState } from './engine-host.js';
import type { KnownVersion } from './policy-timeline.js';
import { readReplayOpBatches, toKnownVersion, type ReplayOp } from './read-ops.js';
import { TimeSlice } from './time-slice.js';
import type { AllotEvent } from '@allot/engine';

/** What one op did when replayed. */
export type OpResult = { kind: 'event'; applied: AppliedEvent } | { kind: 'tick'; decisions: Decision[] } | { kind: 'publish' } | { kind: 'cancel' };

/** Replays one op from the log on the host. */
export function applyOp(host: EngineHost, op: ReplayOp, beforeEvent?: (engine: Engine) => void): OpResult {
  if (op.kind === 'publish') {
    host.publish(toKnownVersion(op.version), op.seq);
    return { kind: 'publish' };
  }
  if (op.kind === 'cancel') {
    host.cancel(op.cancellation.publishSeq, op.seq);
    return { kind: 'cancel' };
  }
  if (op.kind === 'tick') return { kind: 'tick', decisions: host.tick(op.tick.at.getTime(), op.seq) };
  return { kind: 'event', applied: host.applyEvent(op.event.payload as unknown as AllotEvent, op.event.at.getTime(), op.seq, beforeEvent) };
}

/**
 * A host restored from the latest usable snapshot at or before op `head` (`snapshotSeq` its op,
 * `takenAt` when it was saved), or a fresh one (`snapshotSeq` 0).
 */
export async function restoreHost(db: StoreDb, head: number): Promise<{ host: EngineHost; snapshotSeq: number; takenAt?: Date }> {
  const snapshot = await latestSnapshot(db, head);
  if (snapshot !== undefined) {
    try {
      const versions = new Map<number, KnownVersion>();
      for (const v of await readPublishedVersions(db, { toSeq: snapshot.seq })) versions.set(v.publishSeq ?? 0, toKnownVersion(v));
      return { host: EngineHost.restore(snapshot.state as HostState, versions), snapshotSeq: snapshot.seq, takenAt: snapshot.takenAt };
    } catch {
      // A snapshot of another format or naming a version that is gone: replay from the start instead.
    }
  }
  return { host: new EngineHost(), snapshotSeq: 0 };
}

/**
 * Applies the stored ops after the host's, up to `toOpSeq` (their decisions are already stored),
 * read as a replay reads them, a batch per page; gives the event loop a turn now and then, and
 * stops when `signal` is aborted (its reason is thrown).
 */
export async function applyOpsTo(db: StoreDb, host: EngineHost, toOpSeq: number, signal?: AbortSignal): Promise<void> {
  if (host.opSeq >= toOpSeq) return;
  const slice = new TimeSlice();
  for await (const batch of readReplayOpBatches(db, host.opSeq, toOpSeq)) {
    for (const op of batch) {
      signal?.throwIfAborted();
      applyOp(host, op);
      if (slice.due()) await slice.rest();
    }
  }
}

/**
 * Brings a host up to `head`: the given one if it is not ahead of the log, else one restored
 * from the latest snapshot; then replays the ops after it (their decisions are already stored).
 */
export async function catchUp(
  db: StoreDb,
  head: LogHead,
  current: EngineHost | undefined,
): Promise<{ host: EngineHost; snapshotSeq: number | undefined }> {
  let host = current;
  let snapshotSeq: number | undefined;
  if (host === undefined || host.opSeq > head.opSeq) {
    const restored = await restoreHost(db, head.opSeq);
    host = restored.host;
    snapshotSeq = restored.snapshotSeq;
  }
  await applyOpsTo(db, host, head.opSeq);
  return { host, snapshotSeq };
}
