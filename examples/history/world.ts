import type { StaffRole, Tier } from '@allot/engine';
import { DAY_MS, addMonths } from './clock.js';
import type { Random } from './random.js';

/**
 * The numbers of the default policy (SPEC §2) that decide who gets the next lead. The
 * generator plays the company: like the real CRM it knows which rep each lead went to, so it
 * replays P1's round robin with the pauses and bans of M1–M3, V1 and D1. That keeps every
 * `contact.made` and `sales.activity` with the rep the engine allocated the client to.
 */
export const MODELLED_POLICY = {
  /** M1–M3, mildest first; "highest" combine: only the last rung that holds applies. */
  mismatchRungs: [
    { windowMonths: 1, atLeast: 3, pause: 1, banDays: 0, hotlineBanMonths: 0 },
    { windowMonths: 2, atLeast: 6, pause: 3, banDays: 0, hotlineBanMonths: 0 },
    { windowMonths: 3, atLeast: 10, pause: 0, banDays: 7, hotlineBanMonths: 1 },
  ],
  /** V1: ban days for the 1st, 2nd, 3rd-and-later normal violation. */
  violationBanDays: [7, 15, 30],
  /** D1: contact and report within this many minutes of a direct allocation, or a pause. */
  followUpMinutes: 10,
  followUpPause: 1,
} as const;

/** One staff member as the generator knows them. */
export interface Member {
  readonly index: number;
  readonly id: string;
  readonly role: StaffRole;
  readonly level: Tier | undefined;
  readonly name: string;
  active: boolean;
  /** Who took over their clients when they left (-1: the pool). */
  successor: number;
  banUntil: number;
  hotlineBanUntil: number;
  pauses: number;
  violations: number;
  /** Confirmed tier mismatches by calendar month number (receptionists only). */
  mismatches: Map<number, number> | null;
  /** Share of this receptionist's classified leads that turn out mis-tiered. */
  sloppiness: number;
  /** Error-diffusion accumulator for `sloppiness`: a mismatch is filed each time it reaches 1. */
  mismatchDebt: number;
  /** Sloppy receptionists and repeat offenders stay the whole history so the ladders climb. */
  keep: boolean;
}

/** An array with O(1) add, remove and random pick. */
class IndexSet {
  readonly items: number[] = [];
  private readonly pos = new Map<number, number>();
  add(i: number): void {
    if (this.pos.has(i)) return;
    this.pos.set(i, this.items.length);
    this.items.push(i);
  }
  remove(i: number): void {
    const p = this.pos.get(i);
    if (p === undefined) return;
    const last = this.items.pop() as number;
    this.pos.delete(i);
    if (last !== i) {
      this.items[p] = last;
      this.pos.set(last, p);
    }
  }
}

/** Staff roster, allocation ring and the sanctions that block allocation. */
export class World {
  readonly members: Member[] = [];
  readonly reps = new IndexSet();
  readonly receptionists = new IndexSet();
  readonly managers = new IndexSet();
  director = -1;
  private readonly ring: number[] = [];
  private pointer = 0;
  /** Members that were banned or paused at some point (candidates for a blocked assignment). */
  private readonly sanctioned = new IndexSet();
  private readonly withMismatches = new Set<number>();

  /** Adds a member; reps and receptionists join the end of the allocation ring (P1 roles). */
  add(id: string, role: StaffRole, level: Tier | undefined, name: string): Member {
    const member: Member = {
      index: this.members.length, id, role, level, name, active: true, successor: -1,
      banUntil: 0, hotlineBanUntil: 0, pauses: 0, violations: 0, mismatches: null, sloppiness: 0, mismatchDebt: 0, keep: false,
    };
    this.members.push(member);
    if (role === 'rep' || role === 'receptionist') this.ring.push(member.index);
    if (role === 'rep') this.reps.add(member.index);
    if (role === 'receptionist') this.receptionists.add(member.index);
    if (role === 'manager') this.managers.add(member.index);
    if (role === 'director') this.director = member.index;
    return member;
  }

  member(index: number): Member {
    return this.members[index] as Member;
  }

  /** L1: the member leaves the ring; their clients go to `successor` (or -1, the pool). */
  leave(index: number, successor: number): void {
    const m = this.member(index);
    m.active = false;
    m.successor = successor;
    this.reps.remove(index);
    this.receptionists.remove(index);
    this.managers.remove(index);
    const at = this.ring.indexOf(index);
    if (at >= 0) {
      this.ring.splice(at, 1);
      if (at < this.pointer) this.pointer--;
      if (this.pointer >= this.ring.length) this.pointer = 0;
    }
  }

  /** The current owner behind a recorded owner: follows successors of members who left. */
  resolve(index: number): number {
    let i = index;
    while (i >= 0) {
      const m = this.members[i] as Member;
      if (m.active) return i;
      i = m.successor;
    }
    return -1;
  }

  /** P1 round robin: banned members are passed over, a paused one uses up a pause. -1 = nobody. */
  allocate(now: number): number {
    const ring = this.ring;
    const n = ring.length;
    for (let k = 0; k < n; k++) {
      const at = (this.pointer + k) % n;
      const m = this.members[ring[at] as number] as Member;
      if (m.banUntil > now) continue;
      if (m.pauses > 0) {
        m.pauses--;
        continue;
      }
      this.pointer = (at + 1) % n;
      return m.index;
    }
    return -1;
  }

  isBlocked(index: number, now: number): boolean {
    const m = this.member(index);
    return m.banUntil > now || m.pauses > 0;
  }

  /** A ban of `days` calendar days from `from` (bans run side by side). */
  ban(index: number, from: number, days: number): void {
    const m = this.member(index);
    m.banUntil = Math.max(m.banUntil, from + days * DAY_MS);
    this.sanctioned.add(index);
  }

  pause(index: number, count: number): void {
    this.member(index).pauses += count;
    this.sanctioned.add(index);
  }

  /** Counts a confirmed mismatch against a receptionist in a calendar month. */
  recordMismatch(index: number, month: number): void {
    const m = this.member(index);
    if (m.mismatches === null) m.mismatches = new Map();
    m.mismatches.set(month, (m.mismatches.get(month) ?? 0) + 1);
    this.withMismatches.add(index);
  }

  /** M1–M3 when calendar month `closing` ends at instant `at`: the highest rung that holds applies. */
  closeMonth(closing: number, at: number): void {
    for (const index of this.withMismatches) {
      const m = this.member(index);
      const counts = m.mismatches;
      if (counts === null) continue;
      if (!m.active) continue;
      let applied: (typeof MODELLED_POLICY.mismatchRungs)[number] | undefined;
      for (const rung of MODELLED_POLICY.mismatchRungs) {
        let n = 0;
        for (let k = 0; k < rung.windowMonths; k++) n += counts.get(closing - k) ?? 0;
        if (n >= rung.atLeast) applied = rung;
      }
      if (applied === undefined) continue;
      if (applied.pause > 0) this.pause(index, applied.pause);
      if (applied.banDays > 0) this.ban(index, at, applied.banDays);
      if (applied.hotlineBanMonths > 0) m.hotlineBanUntil = Math.max(m.hotlineBanUntil, addMonths(at, applied.hotlineBanMonths));
    }
  }

  /** V1: a normal violation bans 7, 15, then 30 days. */
  recordViolation(index: number, at: number): void {
    const m = this.member(index);
    m.violations++;
    const days = MODELLED_POLICY.violationBanDays;
    this.ban(index, at, days[Math.min(m.violations, days.length) - 1] as number);
  }

  /** A rep who is banned or paused right now, or -1. Members no longer blocked are forgotten. */
  blockedRep(rng: Random, now: number): number {
    const items = this.sanctioned.items;
    const found: number[] = [];
    for (let k = items.length - 1; k >= 0; k--) {
      const i = items[k] as number;
      const m = this.member(i);
      if (!m.active || !this.isBlocked(i, now)) this.sanctioned.remove(i);
      else if (m.role === 'rep') found.push(i);
    }
    return found.length === 0 ? -1 : rng.pick(found);
  }

  /** A random active rep other than `except` (-1 if there is none). */
  otherRep(rng: Random, except: number): number {
    const items = this.reps.items;
    if (items.length === 0 || (items.length === 1 && items[0] === except)) return -1;
    for (;;) {
      const i = rng.pick(items);
      if (i !== except) return i;
    }
  }

  /** A receptionist on the hotline roster now (not hotline-banned), or -1. */
  onDutyReceptionist(rng: Random, now: number): number {
    const items = this.receptionists.items;
    if (items.length === 0) return -1;
    for (let tries = 0; tries < 8; tries++) {
      const i = rng.pick(items);
      if (this.member(i).hotlineBanUntil <= now) return i;
    }
    return rng.pick(items);
  }

  manager(rng: Random): number {
    return rng.pick(this.managers.items);
  }
}
