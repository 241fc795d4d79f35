import { policyView, previewRing, TIERS } from '@allot/engine';
import type { PolicyRef, RingPreview, StaffRole, Tier } from '@allot/engine';
import type { AdminDb } from '../shared/database';
import { advanceCopy, replayLog } from './ring-replay';

/** The allocation ring (P1) as the next allocation would find it, for the people pages. */
export interface RingView {
  /** The instant judged: the app's clock, or the runtime's time when that is later (ISO-8601). */
  at: string;
  /** The runtime's time (the replayed log's last instant), or null when nothing happened yet. */
  runtimeTime: string | null;
  /** The policy version in force at `at`; null before any version was published. */
  policy: PolicyRef | null;
  enabled: boolean;
  /** Roles the policy puts in the ring. */
  roles: StaffRole[];
  matchLevel: boolean;
  capOwned: number | null;
  /**
   * One ring walk per kind of client: without level matching every client is the same (tier
   * null); with it, one per tier (a client of that tier goes to the next member of that level).
   * `direct` and `pool` allocations walk the same ring (`direct` only starts D1's clock).
   */
  rings: { tier: Tier | null; preview: RingPreview }[];
  /**
   * Deadlines that fell due between the runtime's time and `at` and are not recorded yet (the
   * runtime records them at its next tick or event): how many decisions they make, and the
   * pauses and bans among them, which the ring above already counts.
   */
  unrecorded: { decisions: number; sanctions: { staffId: string; kind: string; rule: string; at: string }[] };
}

const RING_SANCTIONS = new Set(['staff.paused', 'staff.banned']);

/**
 * Replays the stored log with the engine and previews the ring at `max(now, runtime time)`:
 * an allocation asked for now is applied then, after every deadline due before it (a pause D1
 * imposes, a ban that ends). Nothing is recorded; the ring is the engine's own.
 */
export async function readRing(db: AdminDb, now: Date): Promise<RingView> {
  const state = await replayLog(db);
  const at = Math.max(now.getTime(), state.horizon ?? Number.NEGATIVE_INFINITY);
  const runtimeTime = state.horizon === null ? null : new Date(state.horizon).toISOString();
  const advanced = advanceCopy(state, at);
  if (advanced === null) {
    return { at: new Date(at).toISOString(), runtimeTime, policy: null, enabled: false, roles: [], matchLevel: false, capOwned: null, rings: [], unrecorded: { decisions: 0, sanctions: [] } };
  }
  const { snapshot, policy, fired } = advanced;
  const sanctions = fired
    .filter((d) => RING_SANCTIONS.has(d.kind))
    .map((d) => ({ staffId: (d as { staffId?: string }).staffId ?? '', kind: d.kind, rule: d.rule, at: d.at }));
  const p1 = policyView(policy).rules.P1;
  const tiers: (Tier | null)[] = p1.matchLevel ? [...TIERS] : [null];
  return {
    at: new Date(at).toISOString(),
    runtimeTime,
    policy: snapshot.policy,
    enabled: p1.enabled,
    roles: [...p1.roles],
    matchLevel: p1.matchLevel,
    capOwned: p1.capOwned,
    rings: tiers.map((tier) => ({ tier, preview: previewRing(snapshot, policy, { at, tier }) })),
    unrecorded: { decisions: fired.length, sanctions },
  };
}
