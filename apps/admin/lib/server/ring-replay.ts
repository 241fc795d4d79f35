import { createEngine, validatePolicy } from '@allot/engine';
import type { AllotEvent, Decision, Engine, EngineSnapshot, Policy } from '@allot/engine';
import { readEvents, readHead, readPublishedVersions, readTicks } from '@allot/store';
import type { StoredEvent, StoredPolicyVersion, StoredTick } from '@allot/store';
import { storeDb } from './admin-database';
import type { AdminDb } from './admin-database';

/** A published version as the replay needs it. */
interface Version {
  policy: Policy;
  /** Epoch ms; null: from the start (the first version). */
  effectiveFrom: number | null;
}

/**
 * The engine's state after the stored op log, replayed the way the runtime applies it: the
 * first published version from the start, every later one at its effective instant (deadlines
 * strictly before it under the old one), events at the instant the runtime applied them (a late
 * event at the runtime's time then), ticks firing deadlines up to their instant.
 */
export interface ReplayedState {
  /** The last op replayed. */
  opSeq: number;
  /** The runtime's time (epoch ms), or null before anything happened. */
  horizon: number | null;
  /** The version in force at `horizon`; null before the first publish. */
  inForce: Policy | null;
  /** Versions published with a later effective time, in the order they take over. */
  pending: { policy: Policy; effectiveFrom: number | null }[];
  /** The engine state; null before the first publish. */
  snapshot: EngineSnapshot | null;
}

type Op = { seq: number; kind: 'event'; event: StoredEvent } | { seq: number; kind: 'tick'; tick: StoredTick } | { seq: number; kind: 'publish'; version: StoredPolicyVersion };

const PAGE = 5_000;

/** The replay kept between calls: an engine that only ever moves forward with the log. */
class Replayer {
  engine: Engine | undefined;
  inForce: Version | undefined;
  readonly pending: Version[] = [];
  horizon = Number.NEGATIVE_INFINITY;
  opSeq = 0;

  publish(v: StoredPolicyVersion): void {
    const checked = validatePolicy(v.content);
    // A stored version the engine cannot read is the audit explorer's finding (verify); the ring skips it.
    if (!checked.ok) return;
    const version: Version = { policy: checked.policy, effectiveFrom: v.effectiveFrom?.getTime() ?? null };
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

  /** Switches to every pending version effective at or before `t`, as the runtime does. */
  switchTo(t: number): void {
    const engine = this.engine;
    if (engine === undefined) return;
    for (let v = this.pending[0]; v !== undefined && (v.effectiveFrom ?? Number.NEGATIVE_INFINITY) <= t; v = this.pending[0]) {
      this.pending.shift();
      if (v.effectiveFrom !== null && (engine.now === null || v.effectiveFrom > engine.now)) engine.advanceTo(v.effectiveFrom, { inclusive: false });
      engine.usePolicy(v.policy);
      this.inForce = v;
    }
  }

  apply(op: Op): void {
    if (op.kind === 'publish') this.publish(op.version);
    else if (op.kind === 'tick') {
      const at = op.tick.at.getTime();
      this.switchTo(at);
      this.engine?.advanceTo(at, { inclusive: true });
      this.horizon = Math.max(this.horizon, at);
    } else if (this.engine !== undefined) {
      const at = op.event.appliedAt.getTime();
      this.switchTo(at);
      const payload = op.event.payload as unknown as AllotEvent;
      this.engine.apply(op.event.at.getTime() === at ? payload : { ...payload, at: new Date(at).toISOString() });
      this.horizon = at;
    }
    this.opSeq = op.seq;
  }
}

/** The op log after `afterSeq` up to `toSeq`, merged from its three tables in seq order. */
async function readOpsAfter(db: AdminDb, afterSeq: number, toSeq: number): Promise<Op[]> {
  const s = storeDb(db);
  const ops: Op[] = (await readPublishedVersions(s, { afterSeq, toSeq })).map((version) => ({ seq: version.publishSeq ?? 0, kind: 'publish', version }));
  for (let after = afterSeq; ; ) {
    const page = await readEvents(s, { afterSeq: after, toSeq, limit: PAGE });
    for (const event of page) ops.push({ seq: event.seq, kind: 'event', event });
    if (page.length < PAGE) break;
    after = page[page.length - 1]?.seq ?? toSeq;
  }
  for (let after = afterSeq; ; ) {
    const page = await readTicks(s, { afterSeq: after, toSeq, limit: PAGE });
    for (const tick of page) ops.push({ seq: tick.seq, kind: 'tick', tick });
    if (page.length < PAGE) break;
    after = page[page.length - 1]?.seq ?? toSeq;
  }
  return ops.sort((a, b) => a.seq - b.seq);
}

/** One replayer per database (tests open several), kept while the process lives. */
const replayers = new WeakMap<object, { replayer: Replayer; busy: Promise<unknown> }>();

/**
 * Replays the stored op log with the engine up to the head and returns the state, without
 * recording anything. The replay is kept and moved forward with the log, so a page view costs
 * the ops since the last one. The runtime does not expose its engine: this is the same
 * deterministic replay (`docs/runtime.md`), so it reaches the same state.
 */
export async function replayLog(db: AdminDb): Promise<ReplayedState> {
  let entry = replayers.get(db);
  if (entry === undefined) {
    entry = { replayer: new Replayer(), busy: Promise.resolve() };
    replayers.set(db, entry);
  }
  const held = entry;
  const run = held.busy.then(async () => {
    const head = await readHead(storeDb(db));
    if (head.opSeq < held.replayer.opSeq) held.replayer = new Replayer(); // a restored or reset database
    if (head.opSeq > held.replayer.opSeq) for (const op of await readOpsAfter(db, held.replayer.opSeq, head.opSeq)) held.replayer.apply(op);
    const r = held.replayer;
    return {
      opSeq: r.opSeq,
      horizon: Number.isFinite(r.horizon) ? r.horizon : null,
      inForce: r.inForce?.policy ?? null,
      pending: r.pending.map((v) => ({ policy: v.policy, effectiveFrom: v.effectiveFrom })),
      snapshot: r.engine?.snapshot() ?? null,
    };
  });
  held.busy = run.catch(() => undefined);
  return run;
}

/**
 * Moves a copy of the replayed engine to just before `at` (versions that take over by then, and
 * every deadline strictly before it): the state an allocation at `at` starts from. Returns that
 * state, the version in force at `at` and the decisions those deadlines make (not recorded: the
 * runtime records them at its next tick or event); the replayed state is not changed.
 */
export function advanceCopy(state: ReplayedState, at: number): { snapshot: EngineSnapshot; policy: Policy; fired: Decision[] } | null {
  if (state.snapshot === null || state.inForce === null) return null;
  const engine = createEngine(state.inForce, { snapshot: state.snapshot });
  const fired: Decision[] = [];
  let policy = state.inForce;
  for (const v of state.pending) {
    const eff = v.effectiveFrom ?? Number.NEGATIVE_INFINITY;
    if (eff > at) break;
    if (v.effectiveFrom !== null && (engine.now === null || v.effectiveFrom > engine.now)) fired.push(...engine.advanceTo(v.effectiveFrom, { inclusive: false }));
    engine.usePolicy(v.policy);
    policy = v.policy;
  }
  if (engine.now === null || at > engine.now) fired.push(...engine.advanceTo(at, { inclusive: false }));
  return { snapshot: engine.snapshot(), policy, fired };
}
