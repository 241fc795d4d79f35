import { createEngine, validatePolicy } from '@allot/engine';
import type { AllotEvent, Decision, Engine, EngineSnapshot, Policy } from '@allot/engine';
import { readEvents, readPublishedVersions, readTicks } from '@allot/store';
import type { Database } from '@allot/store';
import type { Kysely } from 'kysely';

/** An event or a tick of the op log, as the replay applies it. */
export type ReplayOp =
  | { kind: 'event'; seq: number; event: AllotEvent; appliedAt: number }
  | { kind: 'tick'; seq: number; at: number };

/** What a replay reports to its caller, op by op. */
export interface ReplayHooks {
  /** Before an event is applied (every deadline before it has fired): true asks for a snapshot of the state at that point. */
  wantsSnapshot?(op: Extract<ReplayOp, { kind: 'event' }>): boolean;
  /** After each event or tick, with the decisions it made; return false to stop the replay. */
  onOp(op: ReplayOp, decisions: Decision[], ctx: { engine: Engine; policy: Policy; before: EngineSnapshot | undefined }): boolean;
}

interface Version {
  policy: Policy;
  effectiveFrom: number | null;
  publishSeq: number;
}

const PAGE = 2_000;
/** Ops between two yields to the event loop, so other requests are served while a replay runs. */
const YIELD_EVERY = 500;

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Replays the op log from the start with the engine, the way the runtime applies it: the first
 * published version governs from the start, later ones from their effective instants (deadlines
 * strictly before an instant fire under the old version), each event at its stored applied time
 * (a late event at the runtime's time then), each tick firing the deadlines up to it. Its own
 * code on purpose: the runtime's host is internal to @allot/runtime. The explorer uses it to see
 * what the record does not store — which allocation used up a pause, who the ring passed over —
 * and checks what it finds against the stored decisions (a replay that disagrees says so).
 */
export async function replayLog(db: Kysely<Database>, hooks: ReplayHooks): Promise<{ ops: number; stopped: boolean }> {
  const versions: Version[] = [];
  for (const v of await readPublishedVersions(db)) {
    const checked = validatePolicy(v.content);
    if (!checked.ok) throw new Error(`stored policy ${v.policyId} ${v.version} is not valid`);
    versions.push({ policy: checked.policy, effectiveFrom: v.effectiveFrom?.getTime() ?? null, publishSeq: v.publishSeq ?? 0 });
  }
  versions.sort((a, b) => a.publishSeq - b.publishSeq);

  let engine: Engine | undefined;
  let policy: Policy | undefined;
  const pending: Version[] = [];
  let nextVersion = 0;
  const publishUpTo = (seq: number): void => {
    for (let v = versions[nextVersion]; v !== undefined && v.publishSeq < seq; v = versions[++nextVersion]) {
      if (engine === undefined) {
        engine = createEngine(v.policy);
        policy = v.policy;
        continue;
      }
      const eff = v.effectiveFrom ?? Number.NEGATIVE_INFINITY;
      let i = pending.length;
      while (i > 0 && ((pending[i - 1] as Version).effectiveFrom ?? Number.NEGATIVE_INFINITY) > eff) i--;
      pending.splice(i, 0, v);
    }
  };
  const switchTo = (e: Engine, t: number, out: Decision[]): void => {
    for (let v = pending[0]; v !== undefined && (v.effectiveFrom ?? Number.NEGATIVE_INFINITY) <= t; v = pending[0]) {
      pending.shift();
      if (v.effectiveFrom !== null) out.push(...e.advanceTo(v.effectiveFrom, { inclusive: false }));
      e.usePolicy(v.policy);
      policy = v.policy;
    }
  };

  let ops = 0;
  let eventsAfter = 0;
  let ticksAfter = 0;
  let events = await readEvents(db, { afterSeq: 0, limit: PAGE });
  let ticks = await readTicks(db, { afterSeq: 0, limit: PAGE });
  let ei = 0;
  let ti = 0;
  for (;;) {
    if (ei >= events.length && events.length === PAGE) {
      events = await readEvents(db, { afterSeq: eventsAfter, limit: PAGE });
      ei = 0;
    }
    if (ti >= ticks.length && ticks.length === PAGE) {
      ticks = await readTicks(db, { afterSeq: ticksAfter, limit: PAGE });
      ti = 0;
    }
    const ev = events[ei];
    const tk = ticks[ti];
    if (ev === undefined && tk === undefined) return { ops, stopped: false };
    const isEvent = ev !== undefined && (tk === undefined || ev.seq < tk.seq);
    const seq = isEvent ? (ev as NonNullable<typeof ev>).seq : (tk as NonNullable<typeof tk>).seq;
    publishUpTo(seq);
    const e = engine;
    if (e === undefined || policy === undefined) {
      // The runtime refuses events before the first version and a tick then decides nothing.
      if (isEvent) throw new Error(`event at op ${seq} before any published policy`);
      ti++;
      ticksAfter = seq;
      continue;
    }
    const decisions: Decision[] = [];
    let op: ReplayOp;
    let before: EngineSnapshot | undefined;
    if (isEvent && ev !== undefined) {
      ei++;
      eventsAfter = ev.seq;
      const appliedAt = ev.appliedAt.getTime();
      const payload = ev.payload as unknown as AllotEvent;
      const event = appliedAt === ev.at.getTime() ? payload : ({ ...payload, at: new Date(appliedAt).toISOString() } as AllotEvent);
      op = { kind: 'event', seq: ev.seq, event, appliedAt };
      switchTo(e, appliedAt, decisions);
      if (hooks.wantsSnapshot?.(op) === true) {
        // Engine.apply fires the deadlines strictly before the event first: firing them here
        // instead changes nothing, and the snapshot then shows the state the event meets.
        decisions.push(...e.advanceTo(appliedAt, { inclusive: false }));
        before = e.snapshot();
      }
      decisions.push(...e.apply(event));
    } else if (tk !== undefined) {
      ti++;
      ticksAfter = tk.seq;
      const at = tk.at.getTime();
      op = { kind: 'tick', seq: tk.seq, at };
      switchTo(e, at, decisions);
      decisions.push(...e.advanceTo(at, { inclusive: true }));
    } else {
      return { ops, stopped: false };
    }
    ops++;
    if (!hooks.onOp(op, decisions, { engine: e, policy, before })) return { ops, stopped: true };
    if (ops % YIELD_EVERY === 0) await yieldToLoop();
  }
}
