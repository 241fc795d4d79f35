import { blockingBan, blockingPauseRule } from '../core/sanctions.js';
import type { StaffState } from '../core/state.js';
import type { EngineSnapshot } from '../core/snapshot.js';
import type { Policy, PolicyRef, StaffRole, Tier } from '../policy/policy-types.js';
import { policyView } from '../policy/policy-view.js';
import type { AnyPolicy } from '../policy/read-policy.js';
import { instantOf } from '../time/instant.js';
import { zoneOf } from '../time/zone.js';

/**
 * Why the ring would pass a member over, in the order the engine checks (SPEC §2 "Ring
 * checks"): the level (only under `matchLevel`), a running ban, a pause left, the cap.
 */
export type RingBlock =
  | { reason: 'level'; level: Tier | null; tier: Tier | null }
  /** `rule` is the ban the engine names (the earliest imposed); `until` is when the last running ban ends. */
  | { reason: 'banned'; rule: string; until: string }
  /** Reaching the member uses up one of `pausesLeft` (the earliest imposed, `rule`, first). */
  | { reason: 'paused'; rule: string; pausesLeft: number }
  | { reason: 'cap'; owned: number; cap: number };

/** One member of the allocation ring as the next allocation would find them. */
export interface RingSeat {
  staffId: string;
  role: StaffRole;
  level: Tier | null;
  /** 0 is the member at the pointer: the first the next allocation visits; then ring order. */
  position: number;
  /** Clients the member owns now (what the cap counts). */
  owned: number;
  pausesLeft: number;
  /** What passes the member over, or null when eligible. */
  block: RingBlock | null;
  /** `next`: gets the next allocation; `passed`: visited first and passed over; `later`: not reached by it. */
  turn: 'next' | 'passed' | 'later';
}

/** The allocation ring (P1) at an instant, as the engine's next `lead.allocate` would walk it. */
export interface RingPreview {
  /** The instant judged (ISO-8601 in the policy's zone). */
  at: string;
  /** The policy version of the snapshot. */
  policy: PolicyRef;
  /** False when P1 is disabled: `lead.allocate` decides nothing. */
  enabled: boolean;
  matchLevel: boolean;
  capOwned: number | null;
  /** The client's tier the preview assumes (matters only under `matchLevel`). */
  tier: Tier | null;
  /** Every member, starting at the pointer. */
  seats: RingSeat[];
  /** Who gets the next allocation; null: `lead.unallocated` (`no_eligible_staff`). */
  next: string | null;
}

/** What passes `staff` over at `at` for a client of `tier`, mirroring the engine's walk. */
function blockOf(staff: StaffState, policy: Policy, at: number, tier: Tier | null, zoneName: string): RingBlock | null {
  const p1 = policy.rules.P1;
  if (p1.matchLevel && (tier === null || staff.level !== tier)) return { reason: 'level', level: staff.level ?? null, tier };
  const ban = staff.bans.length > 0 ? blockingBan(staff, at) : undefined;
  if (ban !== undefined) {
    let until = ban.until;
    for (const b of staff.bans) if (b.from <= at && at < b.until && b.until > until) until = b.until;
    return { reason: 'banned', rule: ban.rule, until: zoneOf(zoneName).format(until) };
  }
  if (staff.pauseTotal > 0) return { reason: 'paused', rule: blockingPauseRule(staff) ?? 'P1', pausesLeft: staff.pauseTotal };
  if (p1.capOwned !== null && staff.owned.size >= p1.capOwned) return { reason: 'cap', owned: staff.owned.size, cap: p1.capOwned };
  return null;
}

/**
 * Previews the allocation ring (P1) without changing anything: the members in ring order from
 * the pointer, what would pass each over at `at`, and who the next `lead.allocate` goes to.
 * `snapshot` is the engine's state (`Engine.snapshot()`) taken after it was advanced to just
 * before `at` (`advanceTo(at, { inclusive: false })`), so the deadlines due by then have fired;
 * `policy` is the version in force at `at`; `tier` is the client's tier (under `matchLevel`).
 */
export function previewRing(snapshot: EngineSnapshot, source: AnyPolicy, options: { at: string | number; tier?: Tier | null }): RingPreview {
  const staffById = new Map(snapshot.state.staff.map((m) => [m.id, { ...m, owned: new Set(m.owned) }] as const));
  return previewRingOfState({ staff: staffById, ring: snapshot.state.ring, pointer: snapshot.state.pointer }, snapshot.policy, source, options);
}

/** The ring preview over an engine's live state (read only): what `Engine.previewRing` runs, without a snapshot's copy. */
export function previewRingOfState(
  state: { staff: ReadonlyMap<string, StaffState>; ring: readonly string[]; pointer: number },
  policyRef: PolicyRef,
  source: AnyPolicy,
  options: { at: string | number; tier?: Tier | null },
): RingPreview {
  const policy = policyView(source);
  const at = typeof options.at === 'number' ? options.at : instantOf(options.at);
  const tier = options.tier ?? null;
  const p1 = policy.rules.P1;
  const staffById = state.staff;
  const ring = state.ring;
  const n = ring.length;
  const seats: RingSeat[] = [];
  let next: string | null = null;
  for (let i = 0; i < n; i++) {
    const id = ring[(state.pointer + i) % n] as string;
    const staff: StaffState = staffById.get(id) ?? { id, role: 'rep', level: undefined, left: false, inRing: true, pauses: [], pauseTotal: 0, bans: [], hotlineBans: [], marks: {}, owned: new Set() };
    const block = p1.enabled ? blockOf(staff, policy, at, tier, policy.timezone) : null;
    let turn: RingSeat['turn'] = 'later';
    if (p1.enabled && next === null) {
      if (block === null) {
        next = id;
        turn = 'next';
      } else turn = 'passed';
    }
    seats.push({ staffId: id, role: staff.role, level: staff.level ?? null, position: i, owned: staff.owned.size, pausesLeft: staff.pauseTotal, block, turn });
  }
  return {
    at: zoneOf(policy.timezone).format(at),
    policy: policyRef,
    enabled: p1.enabled,
    matchLevel: p1.matchLevel,
    capOwned: p1.capOwned,
    tier,
    seats,
    next,
  };
}
