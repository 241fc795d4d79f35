import type { Channel, ClientSwapped, Tier } from '@allot/engine';
import { HOUR_MS, MINUTE_MS, formatInstant, isWorkingTime, localDay, monthOfDay } from './clock.js';
import { STEP } from './context.js';
import type { ClientState, HistoryContext } from './context.js';
import { TIER_LETTERS, drawAmount, geometric, planLifecycle } from './lead-steps.js';
import { RATES } from './rates.js';

const SELF_CHANNELS: readonly Channel[] = ['walkin', 'referral', 'other'];
const EXTENSION_DAYS = [30, 60, 90] as const;

/** The tier a mis-tiered client really belongs to: one step up or down. */
function actualTierOf(ctx: HistoryContext, tier: number): number {
  if (tier === 0) return 1;
  if (tier === 3) return 2;
  return ctx.rng.chance(0.5) ? tier - 1 : tier + 1;
}

/**
 * The rep finds the client's real tier differs and files a re-application form; the manager
 * approves it (tier.mismatch: M1–M3 count it against the receptionist, M4 owes a replacement).
 */
export function mismatch(ctx: HistoryContext, c: ClientState): void {
  const { rng, world } = ctx;
  const owner = world.resolve(c.owner);
  if (owner < 0 || owner === c.receptionist || c.receptionist < 0 || c.tier < 0) return;
  const actual = actualTierOf(ctx, c.tier);
  ctx.out.push({
    id: ctx.eventId(), type: 'tier.mismatch', at: ctx.at(), clientId: c.id,
    receptionistId: world.member(c.receptionist).id, repId: world.member(owner).id,
    classifiedTier: TIER_LETTERS[c.tier] as Tier, actualTier: TIER_LETTERS[actual] as Tier,
    approvedBy: world.member(world.manager(rng)).id,
  });
  world.recordMismatch(c.receptionist, monthOfDay(localDay(ctx.now)));
  c.tier = actual;
}

/**
 * One follow-up on an owned client, sometimes with a foreign registration attempt (R1), an
 * extension (R2) or a swap (R4). Without an owner (the rep left, L1) the client goes back to
 * allocation.
 */
export function activity(ctx: HistoryContext, c: ClientState): void {
  const { rng, world } = ctx;
  let owner = world.resolve(c.owner);
  if (owner < 0) {
    ctx.schedule(ctx.nextWorkingStart(ctx.now + HOUR_MS), STEP.reallocate, c);
    return;
  }
  const k = c.done;
  if (k === c.attemptAt) {
    const other = world.otherRep(rng, owner);
    if (other >= 0) {
      const developedAt = formatInstant(ctx.now - rng.between(2, 30) * HOUR_MS);
      ctx.out.push({ id: ctx.eventId(), type: 'client.registered', at: ctx.at(), clientId: c.id, staffId: world.member(other).id, developedAt });
    }
  }
  if (k === c.extendAt && c.registered) {
    const days = EXTENSION_DAYS[rng.int(EXTENSION_DAYS.length)] ?? 30;
    ctx.out.push({ id: ctx.eventId(), type: 'claim.extended', at: ctx.at(), clientId: c.id, days, approvedBy: world.member(world.manager(rng)).id });
  }
  if (k === c.swapAt) {
    const to = world.otherRep(rng, owner);
    if (to >= 0) {
      const event: ClientSwapped = { id: ctx.eventId(), type: 'client.swapped', at: ctx.at(), clientId: c.id, fromStaffId: world.member(owner).id, toStaffId: world.member(to).id };
      if (c.swapApproved && world.director >= 0) event.approvedBy = world.member(world.director).id;
      ctx.out.push(event);
      c.owner = to;
      owner = to;
    }
  }
  ctx.out.push({ id: ctx.eventId(), type: 'sales.activity', at: ctx.at(), clientId: c.id, staffId: world.member(owner).id });
  c.done++;
  c.activities--;
  if (c.activities > 0) {
    const [lo, hi] = RATES.activityGapDays;
    ctx.schedule(ctx.workingMomentAfter(ctx.now, lo, hi), STEP.activity, c);
  } else if (c.deal !== 0) {
    ctx.schedule(ctx.workingMomentAfter(ctx.now, 1, 10), STEP.deal, c);
  } else {
    ctx.schedule(ctx.afterTwoMonths(ctx.now), STEP.silent, c);
  }
}

/** A deal: usually by the owner (R2), sometimes by another rep (R4) or on an unowned client (R5). */
export function deal(ctx: HistoryContext, c: ClientState): void {
  const { rng, world } = ctx;
  const owner = world.resolve(c.owner);
  let closer = c.deal === 2 || owner < 0 ? world.otherRep(rng, owner) : owner;
  if (c.developer >= 0 && !c.registered) closer = world.resolve(c.developer);
  if (closer < 0) return;
  const amountFen = Math.max(10_000, Math.round((c.expectedFen * (0.6 + 0.7 * rng.next())) / 10_000) * 10_000);
  ctx.out.push({ id: ctx.eventId(), type: 'deal.closed', at: ctx.at(), clientId: c.id, staffId: world.member(closer).id, amountFen });
}

/** Two months without activity (R3 has noticed): the director reassigns some clients once. */
export function silent(ctx: HistoryContext, c: ClientState): void {
  const { rng, world } = ctx;
  if (c.reassigned || world.director < 0 || !rng.chance(RATES.reassignAfterSilence)) return;
  const to = world.otherRep(rng, world.resolve(c.owner));
  if (to < 0) return;
  c.reassigned = true;
  ctx.out.push({ id: ctx.eventId(), type: 'client.reassigned', at: ctx.at(), clientId: c.id, toStaffId: world.member(to).id, by: world.member(world.director).id });
  c.owner = to;
  c.done = 1;
  c.activities = geometric(ctx, 3);
  c.swapAt = -1;
  c.attemptAt = -1;
  c.deal = rng.chance(RATES.deal) ? 1 : 0;
  c.direct = false;
  c.reportAt = -1;
  ctx.schedule(ctx.nextWorkingStart(ctx.now + rng.between(30, 600) * MINUTE_MS), STEP.contact, c);
}

/** A client a rep found themselves: entered as a walk-in/referral lead, then registered (R1) or not (R5). */
export function selfLead(ctx: HistoryContext, c: ClientState): void {
  const { rng } = ctx;
  const developer = ctx.world.resolve(c.developer);
  if (developer < 0) return;
  c.developer = developer;
  c.developedAt = ctx.now;
  c.tier = rng.weighted(RATES.tierWeights);
  c.expectedFen = drawAmount(ctx, c.tier);
  const channel = SELF_CHANNELS[rng.weighted([0.4, 0.45, 0.15])] as Channel;
  ctx.out.push({ id: ctx.eventId(), type: 'lead.received', at: ctx.at(), clientId: c.id, channel, expectedDealFen: c.expectedFen });
  ctx.remember(c);
  if (rng.chance(RATES.unregistered)) {
    // Never reported: the rep works the client anyway; a deal is credited to the department (R5).
    c.activities = rng.between(1, 2);
    c.deal = rng.chance(RATES.dealUnregistered) ? 1 : 0;
    ctx.schedule(ctx.workingMomentAfter(ctx.now, 1, 6), STEP.unregisteredActivity, c);
    return;
  }
  let registerAt: number;
  if (rng.chance(RATES.registeredLate)) {
    registerAt = ctx.nextWorkingStart(ctx.now + rng.between(25, 96) * HOUR_MS);
  } else {
    registerAt = ctx.now + rng.between(20, 20 * 60) * MINUTE_MS;
    if (!isWorkingTime(registerAt)) registerAt = ctx.nextWorkingStart(registerAt);
    if (registerAt - ctx.now > 23 * HOUR_MS) registerAt = ctx.now + rng.between(10, 120) * MINUTE_MS;
  }
  ctx.schedule(registerAt, STEP.register, c);
}

/** R1: the developer registers the client (late when more than 24 h after developing it). */
export function register(ctx: HistoryContext, c: ClientState): void {
  const { world } = ctx;
  const rep = world.resolve(c.developer);
  if (rep !== c.developer || world.resolve(c.owner) >= 0) return;
  ctx.out.push({
    id: ctx.eventId(), type: 'client.registered', at: ctx.at(), clientId: c.id, staffId: world.member(rep).id,
    developedAt: formatInstant(c.developedAt),
  });
  c.owner = rep;
  c.registered = true;
  c.direct = false;
  planLifecycle(ctx, c, true);
  ctx.schedule(ctx.workingMomentAfter(ctx.now, 1, 8), STEP.activity, c);
}

/** Activity on a self-developed client nobody registered; may end in a deal (R5). */
export function unregisteredActivity(ctx: HistoryContext, c: ClientState): void {
  const rep = ctx.world.resolve(c.developer);
  if (rep !== c.developer) return;
  ctx.out.push({ id: ctx.eventId(), type: 'sales.activity', at: ctx.at(), clientId: c.id, staffId: ctx.world.member(rep).id });
  c.activities--;
  if (c.activities > 0) ctx.schedule(ctx.workingMomentAfter(ctx.now, 2, 12), STEP.unregisteredActivity, c);
  else if (c.deal !== 0) ctx.schedule(ctx.workingMomentAfter(ctx.now, 1, 10), STEP.deal, c);
}

