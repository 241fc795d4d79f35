/** A replayer of the stored op log (events, ticks, publishes) in sequence. */
import { createEngine, validatePolicy } from '@allot/engine';
import type { AllotEvent, Decision, Engine, EngineSnapshot, AnyPolicy as Policy } from '@allot/engine';
import { readCancellations, readEvents, readPublishedVersions, readTicks } from '@allot/store';
import type { Database, StoredCancellation, StoredEvent, StoredPolicyVersion, StoredTick } from '@allot/store';
import type { Kysely } from 'kysely';

/** One op of the stored log: an event, a tick or a publish, by its op sequence number. */
export type LogOp =
  | { seq: number; kind: 'event'; event: StoredEvent }
  | { seq: number; kind: 'tick'; tick: StoredTick }
  | { seq: number; kind: 'publish'; version: StoredPolicyVersion }
  | { seq: number; kind: 'cancel'; cancellation: StoredCancellation };

/** A published version as the replay needs it. */
export interface ReplayVersion {
  policy: Policy;
  /** Epoch ms; null: from the start (the first version). */
  effectiveFrom: number | null;
  /** Where in the op log it was published. */
  publishSeq: number;
}

const PAGE = 2_000;

/**
 * The op log after `afterSeq` (up to `toSeq` when given), its three tables merged in seq order,
 * read a page at a time.
 */
export async function* readOps(db: Kysely<Database>, afterSeq: number, toSeq?: number): AsyncGenerator<LogOp> {
  const range = toSeq === undefined ? {} : { toSeq };
  const publishes: LogOp[] = (await readPublishedVersions(db, { afterSeq, ...range })).map((version): LogOp => ({ seq: version.publishSeq ?? 0, kind: 'publish', version }));
  for (const cancellation of await readCancellations(db, { afterSeq, ...range })) publishes.push({ seq: cancellation.seq, kind: 'cancel', cancellation });
  publishes.sort((a, b) => a.seq - b.seq);
  let events = await readEvents(db, { afterSeq, ...range, limit: PAGE });
  let ticks = await readTicks(db, { afterSeq, ...range, limit: PAGE });
  let [pi, ei, ti] = [0, 0, 0];
  for (;;) {
    if (ei >= events.length && events.length === PAGE) [events, ei] = [await readEvents(db, { afterSeq: events[ei - 1]?.seq ?? afterSeq, ...range, limit: PAGE }), 0];
    if (ti >= ticks.length && ticks.length === PAGE) [ticks, ti] = [await readTicks(db, { afterSeq: ticks[ti - 1]?.seq ?? afterSeq, ...range, limit: PAGE }), 0];
    const p = publishes[pi];
    const e = events[ei];
    const t = ticks[ti];
    const seq = Math.min(p?.seq ?? Infinity, e?.seq ?? Infinity, t?.seq ?? Infinity);
    if (seq === Infinity) return;
    if (p !== undefined && p.seq === seq) {
      pi++;
      yield p;
    } else if (e !== undefined && e.seq === seq) {
      ei++;
      yield { seq, kind: 'event', event: e };
    } else if (t !== undefined) {
      ti++;
      yield { seq, kind: 'tick', tick: t };
    }
  }
}

/** An event as the runtime applied it: a late event at the runtime's time then. */
export function eventAsApplied(event: StoredEvent): AllotEvent {
  const payload = event.payload as unknown as AllotEvent;
  const appliedAt = event.appliedAt.getTime();
  return appliedAt === event.at.getTime() ? payload : ({ ...payload, at: new Date(appliedAt).toISOString() } as AllotEvent);
}

/**
 * The stored op log replayed with the engine the way the runtime applies it: the first
 * published version from the start, every later one at its effective instant (deadlines strictly
 * before it under the old one), events at the instant the runtime applied them, ticks firing
 * deadlines up to their instant. The runtime does not expose its engine; this deterministic
 * replay reaches the same state (`docs/runtime.md`). Nothing is recorded.
 */
export class OpLogReplayer {
  engine: Engine | undefined;
  inForce: ReplayVersion | undefined;
  readonly pending: ReplayVersion[] = [];
  /** The runtime's time after the ops applied (epoch ms). */
  horizon = Number.NEGATIVE_INFINITY;
  opSeq = 0;

  /** `strict`: a stored version the engine cannot read, or an event before any version, is an error (else skipped). */
  constructor(private readonly strict: boolean) {}

  private publish(v: StoredPolicyVersion): void {
    const checked = validatePolicy(v.content);
    if (!checked.ok) {
      if (this.strict) throw new Error(`stored policy ${v.policyId} ${v.version} is not valid`);
      return;
    }
    const version: ReplayVersion = { policy: checked.policy, effectiveFrom: v.effectiveFrom?.getTime() ?? null, publishSeq: v.publishSeq ?? 0 };
    if (this.inForce === undefined) {
      this.inForce = version;
      this.engine = createEngine(version.policy);
      return;
    }
    const eff = version.effectiveFrom ?? Number.NEGATIVE_INFINITY;
    let i = this.pending.length;
    while (i > 0 && (this.pending[i - 1]?.effectiveFrom ?? Number.NEGATIVE_INFINITY) > eff) i--;
    this.pending.splice(i, 0, version);
  }

  /** Switches to every pending version effective at or before `t`, as the runtime does; returns the deadlines fired before each switch. */
  private switchTo(engine: Engine, t: number): Decision[] {
    const fired: Decision[] = [];
    for (let v = this.pending[0]; v !== undefined && (v.effectiveFrom ?? Number.NEGATIVE_INFINITY) <= t; v = this.pending[0]) {
      this.pending.shift();
      if (v.effectiveFrom !== null) fired.push(...engine.advanceTo(v.effectiveFrom, { inclusive: false }));
      engine.usePolicy(v.policy);
      this.inForce = v;
    }
    return fired;
  }

  /**
   * Applies one op and returns the decisions it made (deadlines included). `snapshotBefore` asks,
   * for an event, for the state the event meets (every deadline before it fired): `before`.
   */
  apply(op: LogOp, options: { snapshotBefore?: boolean } = {}): { decisions: Decision[]; before?: EngineSnapshot } {
    this.opSeq = op.seq;
    if (op.kind === 'publish') {
      this.publish(op.version);
      return { decisions: [] };
    }
    if (op.kind === 'cancel') {
      // A cancelled publication leaves the timeline before its time, as in the runtime.
      const i = this.pending.findIndex((v) => v.publishSeq === op.cancellation.publishSeq);
      if (i >= 0) this.pending.splice(i, 1);
      return { decisions: [] };
    }
    const engine = this.engine;
    if (engine === undefined) {
      // The runtime refuses events before the first version, and a tick then decides nothing.
      if (op.kind === 'event' && this.strict) throw new Error(`event at op ${op.seq} before any published policy`);
      if (op.kind === 'tick') this.horizon = Math.max(this.horizon, op.tick.at.getTime());
      return { decisions: [] };
    }
    if (op.kind === 'tick') {
      const at = op.tick.at.getTime();
      const decisions = this.switchTo(engine, at);
      decisions.push(...engine.advanceTo(at, { inclusive: true }));
      this.horizon = Math.max(this.horizon, at);
      return { decisions };
    }
    const at = op.event.appliedAt.getTime();
    const decisions = this.switchTo(engine, at);
    let before: EngineSnapshot | undefined;
    if (options.snapshotBefore === true) {
      // Engine.apply fires the deadlines strictly before the event first: firing them here
      // instead changes nothing, and the snapshot then shows the state the event meets.
      decisions.push(...engine.advanceTo(at, { inclusive: false }));
      before = engine.snapshot();
    }
    decisions.push(...engine.apply(eventAsApplied(op.event)));
    this.horizon = at;
    return before === undefined ? { decisions } : { decisions, before };
  }
}
