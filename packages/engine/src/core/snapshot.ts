import { DeadlineQueue, type QueueSnapshot } from './deadline-queue.js';
import { cloneJson } from './clone-json.js';
import type { Reducer } from './reducer.js';
import type { ClientState, EngineState, Mark, SanctionEntry, StaffState } from './state.js';

/**
 * The reducer's whole state as plain JSON, so a runtime can persist it and resume without
 * replaying history. `version` guards against restoring a snapshot of another format.
 */
export interface EngineSnapshot {
  format: 'allot-engine-state/1';
  /** The policy in force when the snapshot was taken. */
  policy: { id: string; version: string; hash: string };
  /** Engine time (epoch ms), or null before the first event. */
  now: number | null;
  state: {
    staff: Array<Omit<StaffState, 'owned'> & { owned: string[] }>;
    clients: ClientState[];
    ring: string[];
    pointer: number;
    mismatchStaff: string[];
    /** Absent in snapshots taken before appeals: no sanction is known then. */
    sanctions?: SanctionEntry[];
    nextMonthClose: number | null;
    token: number;
    seq: number;
  };
  queue: QueueSnapshot;
}

/** A deep copy as JSON would make it (clone-json.ts: the same result, several times faster on a year's state). */
const copy = cloneJson;

/** Takes a deep, JSON-safe copy of the reducer's state. */
export function takeSnapshot(r: Reducer): EngineSnapshot {
  const s = r.state;
  return copy({
    format: 'allot-engine-state/1' as const,
    policy: r.prepared.ref,
    now: Number.isFinite(s.now) ? s.now : null,
    state: {
      staff: [...s.staff.values()].map((m) => ({ ...m, owned: [...m.owned] })),
      clients: [...s.clients.values()],
      ring: s.ring,
      pointer: s.pointer,
      mismatchStaff: [...s.mismatchStaff],
      sanctions: [...s.sanctions.values()],
      nextMonthClose: s.nextMonthClose,
      token: s.token,
      seq: s.seq,
    },
    queue: r.queue.toJSON(),
  });
}

type StoredStaff = EngineSnapshot['state']['staff'][number];

/** A snapshot taken before count ladders kept `marks` holds the seed's two lists instead. */
function upgradeMarks(m: StoredStaff): StoredStaff {
  if (m.marks !== undefined) return m;
  const old = m as StoredStaff & { mismatches?: Mark[]; violations?: Mark[] };
  const { mismatches, violations, ...rest } = old;
  return { ...rest, marks: { M: mismatches ?? [], V1: violations ?? [] } };
}

/** Replaces the reducer's state with a snapshot's. Throws on a snapshot of another format. */
export function restoreSnapshot(r: Reducer, snapshot: EngineSnapshot): void {
  if (snapshot.format !== 'allot-engine-state/1') throw new TypeError(`unknown engine snapshot format ${JSON.stringify(snapshot.format)}`);
  const data = copy(snapshot);
  const state: EngineState = {
    staff: new Map(data.state.staff.map((m) => [m.id, { ...upgradeMarks(m), owned: new Set(m.owned) }])),
    clients: new Map(data.state.clients.map((c) => [c.id, c])),
    ring: data.state.ring,
    pointer: data.state.pointer,
    mismatchStaff: new Set(data.state.mismatchStaff),
    sanctions: new Map((data.state.sanctions ?? []).map((e) => [e.id, e])),
    nextMonthClose: data.state.nextMonthClose,
    now: data.now ?? Number.NEGATIVE_INFINITY,
    token: data.state.token,
    seq: data.state.seq,
  };
  r.state = state;
  r.queue = DeadlineQueue.fromJSON(data.queue);
}
