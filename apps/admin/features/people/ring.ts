/** The allocation ring (P1) as the next allocation would find it, for the people pages. */
import { policyView } from '@allot/engine';
import type { PolicyRef, RingPreview, StaffRole, Tier } from '@allot/engine';
import type { Runtime } from '@allot/runtime';

/** The allocation ring (P1) as the next allocation would find it, for the people pages. */
export interface RingView {
  /** The instant judged: the app's clock, or the runtime's time when that is later (ISO-8601). */
  at: string;
  /** The runtime's time (the log's last instant), or null when nothing happened yet. */
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

/**
 * The ring at `max(now, runtime time)`, read from the runtime (`Runtime.ring`: its own engine at
 * the log's head, no replay of the log): an allocation asked for now is applied then, after
 * every deadline due before it (a pause D1 imposes, a ban that ends). Nothing is recorded.
 */
export async function readRing(runtime: Pick<Runtime, 'ring'>, now: Date): Promise<RingView> {
  const read = await runtime.ring(now);
  const at = new Date(read.at).toISOString();
  const runtimeTime = read.horizon === null ? null : new Date(read.horizon).toISOString();
  if (read.policy === null) {
    return { at, runtimeTime, policy: null, enabled: false, roles: [], matchLevel: false, capOwned: null, rings: [], unrecorded: { decisions: 0, sanctions: [] } };
  }
  const p1 = policyView(read.policy).rules.P1;
  return {
    at,
    runtimeTime,
    policy: read.policyRef,
    enabled: p1.enabled,
    roles: [...p1.roles],
    matchLevel: p1.matchLevel,
    capOwned: p1.capOwned,
    rings: read.rings,
    unrecorded: read.unrecorded,
  };
}
