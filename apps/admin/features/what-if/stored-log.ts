import { sql } from 'kysely';
import type { AllotEvent, EngineSnapshot } from '@allot/engine';
import { LogReplay, readReplayOpBatches } from '@allot/runtime';
import type { ReplayOp } from '@allot/runtime';
import { readHead, snapshotSeqAtOrBefore } from '@allot/store';
import type { StoreDb } from '@allot/store';
import { storeDb } from '../shared/database';
import type { AdminDb } from '../shared/database';
import type { StaffInfo } from './types';
import type { ReplaySource, ReplayStep } from './replay';
import { processWide } from '../shared/process-wide';

/**
 * What-if over a large stored log, streamed: both versions start from the recorded state just
 * before the period's first event (the runtime's own host, restored from the newest snapshot
 * before it and moved up to it with the versions then in force), and the period's ops are read
 * from the store a page at a time and applied in op order (the order the runtime applied them),
 * so the history never sits in memory and a period late in a year does not replay the months
 * before it. Without a snapshot before the period both start from the empty state at the first
 * op, as a small history does.
 *
 * A store that holds no snapshot at all is small (the runtime saves its first at 50,000 ops):
 * there the whole history is read into memory once and replayed in time order (history.ts), as
 * before.
 */

/** A stored log as a what-if reads it: a state of the log, not its events. */
export interface StoredLog {
  readonly kind: 'log';
  readonly db: StoreDb;
  /** The op log's head when read: a new object per state of the log (caches hang on it). */
  readonly headSeq: number;
  /** The latest event's instant (epoch ms), or null for an empty log. */
  readonly last: number | null;
  /** Stored events. */
  readonly eventCount: number;
  /** Staff as `staff.joined` describes them. */
  readonly directory: Map<string, StaffInfo>;
}

const logs = processWide('what-if.logs', () => new WeakMap<AdminDb, StoredLog>());
/** The recorded engine state at a period's start, made once per state of the log and period: restoring it means un-gzipping tens of megabytes and replaying the ops since the snapshot. */
const states = processWide('what-if.states', () => new Map<string, EngineSnapshot | null>());

const ms = (v: unknown): number | null => (v === null || v === undefined ? null : v instanceof Date ? v.getTime() : Date.parse(String(v)));

/** The stored log at its current head (cached per head). */
export async function openStoredLog(db: AdminDb): Promise<StoredLog> {
  const s = storeDb(db);
  const head = await readHead(s);
  const cached = logs.get(db);
  if (cached !== undefined && cached.headSeq === head.opSeq) return cached;
  const stats = await s.selectFrom('events').select([sql<number>`count(*)`.as('n'), sql<unknown>`max(at)`.as('last')]).executeTakeFirstOrThrow();
  const directory = new Map<string, StaffInfo>();
  const joined = await s.selectFrom('events').select(['payload']).where('type', '=', 'staff.joined').orderBy('seq').execute();
  for (const row of joined) {
    const e = row.payload as unknown as Extract<AllotEvent, { type: 'staff.joined' }>;
    directory.set(e.staffId, { staffId: e.staffId, name: e.name ?? null, role: e.role, level: e.level ?? null });
  }
  const log: StoredLog = { kind: 'log', db: s, headSeq: head.opSeq, last: ms(stats.last), eventCount: Number(stats.n), directory };
  logs.set(db, log);
  return log;
}

/** Stored events with `from ≤ at ≤ to` (one indexed count). */
export async function countLogEvents(log: StoredLog, fromMs: number, toMs: number): Promise<number> {
  const row = await log.db
    .selectFrom('events')
    .select(sql<number>`count(*)`.as('n'))
    .where('at', '>=', new Date(fromMs))
    .where('at', '<=', new Date(toMs))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function engineStateAt(log: StoredLog, seq: number): Promise<EngineSnapshot | null> {
  const key = `${log.headSeq}|${seq}`;
  if (states.has(key)) return states.get(key) ?? null;
  // The runtime's own host, restored from the newest snapshot at or before `seq` and moved to it.
  const replay = await LogReplay.at(log.db, seq);
  const state = replay.opSeq === seq ? (replay.engine?.snapshot() ?? null) : null;
  // One state kept: at year scale an engine state is a couple of hundred megabytes.
  states.clear();
  states.set(key, state);
  return state;
}

/**
 * Where a replay of the period `[fromMs, toMs]` starts and what it reads: the recorded engine
 * state just before the period's first event (the runtime's host restored from the newest
 * snapshot before it and moved up to it, once per state of the log and period; none: the empty
 * state at op 0), then the ops up to the last event at or before `toMs`.
 */
export async function logSource(log: StoredLog, fromMs: number, toMs: number): Promise<ReplaySource> {
  const first = await log.db.selectFrom('events').select(sql<number | null>`min(seq)`.as('seq')).where('at', '>=', new Date(fromMs)).executeTakeFirst();
  const before = first?.seq === null || first?.seq === undefined ? log.headSeq : Number(first.seq) - 1;
  const snapSeq = (await snapshotSeqAtOrBefore(log.db, before)) ?? 0;
  // Without a snapshot before the period, the empty state at op 0 (a period reaching back to the start).
  const state = snapSeq === 0 ? null : await engineStateAt(log, before);
  const startSeq = state === null ? 0 : before;
  let endSeq = log.headSeq;
  if (log.last !== null && toMs < log.last) {
    const end = await log.db.selectFrom('events').select(sql<number | null>`max(seq)`.as('seq')).where('at', '<=', new Date(toMs)).executeTakeFirst();
    endSeq = end?.seq === null || end?.seq === undefined ? 0 : Number(end.seq);
  }
  return {
    startSeq,
    total: Math.max(0, endSeq - startSeq),
    snapshot: state ?? undefined,
    async *batches(untilMs: number): AsyncGenerator<ReplayStep[]> {
      if (endSeq <= startSeq) return;
      for await (const ops of readReplayOpBatches(log.db, startSeq, endSeq)) {
        const batch: ReplayStep[] = new Array<ReplayStep>(ops.length);
        for (let i = 0; i < ops.length; i++) batch[i] = stepOf(ops[i] as ReplayOp, untilMs);
        yield batch;
      }
    },
  };
}

/** An op of the log as a step of the replay up to `untilMs`. */
function stepOf(op: ReplayOp, untilMs: number): ReplayStep {
  if (op.kind === 'event') {
    // As the runtime applied it: a late event at the runtime's time then, not before it.
    const t = op.event.appliedAt.getTime();
    const payload = op.event.payload as unknown as AllotEvent;
    const event = t === op.event.at.getTime() ? payload : ({ ...payload, at: op.event.appliedAt.toISOString() } as AllotEvent);
    return t <= untilMs ? { event, t } : { skip: true };
  }
  if (op.kind === 'tick') {
    const t = op.tick.at.getTime();
    return t <= untilMs ? { tick: t } : { skip: true };
  }
  // A publication or a cancellation: each run keeps its own version.
  return { skip: true };
}
