import { createEngine } from '@allot/engine';
import type { AllotEvent, Decision } from '@allot/engine';

type EnginePolicy = Parameters<typeof createEngine>[0];

/** One member's standing at go-live, as the replay leaves it. */
export interface GoLiveStanding {
  staffId: string;
  /** The latest end of a ban running at go-live (ISO), or null. */
  bannedUntil: string | null;
  hotlineBannedUntil: string | null;
  pausesLeft: number;
  /** Fines decided up to and at go-live, in fen. */
  finedFen: number;
  /** Decisions naming this member up to and at go-live (fines, bans, pauses, reviews). */
  sanctions: Decision[];
}

/** One imported record the company fined (or the engine fines): the two amounts side by side. */
export interface FineComparison {
  eventId: string;
  staffId: string;
  at: string;
  /** What the company's own book recorded, in fen (null: the row had no amount). */
  recordedFen: number | null;
  /** What the engine decides for the same record under the policy, in fen. */
  engineFen: number;
  /** The rules of the engine's fines (empty when it fines nothing). */
  rules: string[];
}

/** The outcome of a dry run: nothing is stored. */
export interface DryRun {
  goLive: string;
  /** Every decision the replay makes, up to and at go-live (exactly what `simulate` decides with `until` = go-live). */
  decisions: Decision[];
  /** Members with a running ban, pauses left or a fine or sanction, by staff id. */
  standings: GoLiveStanding[];
  /** Records with a recorded or an engine fine. */
  fines: FineComparison[];
  totals: { recordedFen: number; engineFen: number; differing: number };
}

const STAFF_SANCTIONS = new Set(['staff.fined', 'staff.banned', 'staff.hotline_banned', 'staff.paused', 'staff.termination_review']);

/**
 * Replays imported events under the policy in force, in time order, up to and at go-live, and
 * reports what the engine would decide: every decision, each member's standing at go-live
 * (running bans, pauses left, fines), and the company's own recorded fines against the engine's
 * (`recorded`: event id → fen). Pure: reads no clock and stores nothing.
 */
export function dryRun(policy: EnginePolicy, events: readonly AllotEvent[], goLive: string, recorded: ReadonlyMap<string, number> = new Map()): DryRun {
  const live = Date.parse(goLive);
  const ordered = events
    .map((e, i) => ({ e, i, t: Date.parse(e.at) }))
    .filter((x) => x.t <= live)
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.e);
  const engine = createEngine(policy);
  const decisions: Decision[] = [];
  for (const e of ordered) decisions.push(...engine.apply(e));
  decisions.push(...engine.advanceTo(live));

  const standing = new Map<string, GoLiveStanding>();
  const of = (staffId: string): GoLiveStanding => {
    let s = standing.get(staffId);
    if (s === undefined) {
      s = { staffId, bannedUntil: null, hotlineBannedUntil: null, pausesLeft: 0, finedFen: 0, sanctions: [] };
      standing.set(staffId, s);
    }
    return s;
  };
  const later = (a: string | null, b: string): string => (a === null || Date.parse(b) > Date.parse(a) ? b : a);
  const running = (from: string, until: string): boolean => Date.parse(from) <= live && live < Date.parse(until);
  for (const d of decisions) {
    if (!STAFF_SANCTIONS.has(d.kind)) continue;
    const s = of((d as { staffId: string }).staffId);
    s.sanctions.push(d);
    if (d.kind === 'staff.fined') s.finedFen += d.amountFen;
    else if (d.kind === 'staff.banned' && running(d.from, d.until)) s.bannedUntil = later(s.bannedUntil, d.until);
    else if (d.kind === 'staff.hotline_banned' && running(d.from, d.until)) s.hotlineBannedUntil = later(s.hotlineBannedUntil, d.until);
  }
  for (const e of ordered) {
    if (e.type !== 'opening.staff') continue;
    if (e.banUntil !== undefined && running(e.at, e.banUntil)) of(e.staffId).bannedUntil = later(of(e.staffId).bannedUntil, e.banUntil);
    if (e.hotlineBanUntil !== undefined && running(e.at, e.hotlineBanUntil)) of(e.staffId).hotlineBannedUntil = later(of(e.staffId).hotlineBannedUntil, e.hotlineBanUntil);
  }
  const staffIds = new Set<string>([...standing.keys()]);
  for (const e of ordered) if (e.type === 'staff.joined' || e.type === 'opening.staff') staffIds.add(e.staffId);
  for (const id of staffIds) {
    const left = engine.pausesLeft(id);
    if (left > 0) of(id).pausesLeft = left;
  }

  const engineFines = new Map<string, { fen: number; rules: string[] }>();
  for (const d of decisions) {
    if (d.kind !== 'staff.fined') continue;
    for (const cause of d.cause) {
      const f = engineFines.get(cause) ?? { fen: 0, rules: [] };
      f.fen += d.amountFen;
      if (!f.rules.includes(d.rule)) f.rules.push(d.rule);
      engineFines.set(cause, f);
    }
  }
  const fines: FineComparison[] = [];
  for (const e of ordered) {
    if (!('staffId' in e)) continue;
    const mine = engineFines.get(e.id);
    const theirs = recorded.get(e.id);
    if (mine === undefined && theirs === undefined) continue;
    fines.push({ eventId: e.id, staffId: e.staffId, at: e.at, recordedFen: theirs ?? null, engineFen: mine?.fen ?? 0, rules: mine?.rules ?? [] });
  }
  const totals = {
    recordedFen: fines.reduce((s, f) => s + (f.recordedFen ?? 0), 0),
    engineFen: fines.reduce((s, f) => s + f.engineFen, 0),
    differing: fines.filter((f) => f.recordedFen !== null && f.recordedFen !== f.engineFen).length,
  };
  const standings = [...standing.values()].sort((a, b) => (a.staffId < b.staffId ? -1 : a.staffId > b.staffId ? 1 : 0));
  return { goLive, decisions, standings, fines, totals };
}
