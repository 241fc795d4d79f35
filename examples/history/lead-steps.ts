import type { Channel, LeadAllocate, LeadAssigned, LeadReceived, Tier } from '@allot/engine';
import { HOUR_MS, MINUTE_MS, SECOND_MS } from './clock.js';
import { STEP } from './context.js';
import type { ClientState, HistoryContext } from './context.js';
import { RATES } from './rates.js';
import { MODELLED_POLICY } from './world.js';

/** Tier letters by index (0 = A … 3 = D). */
export const TIER_LETTERS: readonly Tier[] = ['A', 'B', 'C', 'D'];
const INBOUND_CHANNELS: readonly Channel[] = ['hotline400', 'lixianbao', 'web'];
/** Lower bounds of tiers A–C in fen (T1: 800,000 / 400,000 / 200,000 元) and the ceiling of the draw. */
const BOUNDS_FEN = [80_000_000, 40_000_000, 20_000_000, 2_000_000];
const CEILING_FEN = 300_000_000;
const YUAN_1000 = 100_000;

/** An expected deal amount (fen, whole 1,000 元) that T1 puts in `tier`; sometimes exactly on the bound. */
export function drawAmount(ctx: HistoryContext, tier: number): number {
  const lo = BOUNDS_FEN[tier] as number;
  if (tier < 3 && ctx.rng.chance(RATES.boundaryAmountShare)) return lo;
  const hi = tier === 0 ? CEILING_FEN : (BOUNDS_FEN[tier - 1] as number);
  return lo + ctx.rng.int((hi - lo) / YUAN_1000) * YUAN_1000;
}

/** Receives a new inbound lead (hotline 400, 离线宝 or web form) and queues its allocation. */
export function inbound(ctx: HistoryContext, c: ClientState): void {
  const { rng, world } = ctx;
  c.channel = rng.weighted(c.offHours ? RATES.offHoursChannelWeights : RATES.channelWeights);
  const channel = INBOUND_CHANNELS[c.channel] as Channel;
  c.receptionist = channel === 'web' ? -1 : world.onDutyReceptionist(rng, ctx.now);
  const tier = rng.weighted(RATES.tierWeights);
  c.tier = tier;
  c.expectedFen = drawAmount(ctx, tier);
  const withAmount = c.receptionist < 0 ? rng.chance(0.6) : rng.chance(RATES.amountShare);
  const event: LeadReceived = { id: ctx.eventId(), type: 'lead.received', at: ctx.at(), clientId: c.id, channel };
  if (c.receptionist >= 0) event.receptionistId = world.member(c.receptionist).id;
  if (withAmount) event.expectedDealFen = c.expectedFen;
  if (c.receptionist >= 0 && (!withAmount || rng.chance(0.5))) event.classifiedTier = TIER_LETTERS[tier] as Tier;
  if (c.receptionist < 0 && !withAmount) c.tier = -1;
  ctx.out.push(event);
  ctx.remember(c);
  const allocateAt = c.offHours ? ctx.nextWorkingStart(ctx.now) : ctx.now + rng.between(3, 25) * MINUTE_MS;
  if (c.offHours && rng.chance(RATES.offHoursDuplicate)) {
    const dupAt = Math.max(ctx.now + MINUTE_MS, allocateAt - rng.between(2, 20) * MINUTE_MS);
    ctx.schedule(dupAt, STEP.offHoursDuplicate, c);
  }
  ctx.schedule(allocateAt, STEP.allocate, c);
}

/** D2: the same caller again before the first lead was allocated (off-hours case of the seed). */
export function offHoursDuplicate(ctx: HistoryContext, c: ClientState): void {
  const channel = INBOUND_CHANNELS[ctx.rng.chance(0.5) ? 0 : c.channel] as Channel;
  const event: LeadReceived = { id: ctx.eventId(), type: 'lead.received', at: ctx.at(), clientId: c.id, channel };
  const receptionist = ctx.world.onDutyReceptionist(ctx.rng, ctx.now);
  if (receptionist >= 0) event.receptionistId = ctx.world.member(receptionist).id;
  if (ctx.rng.chance(0.5)) event.expectedDealFen = c.expectedFen;
  ctx.out.push(event);
}

/** D2: a known client calls again later; sometimes a receptionist also asks for allocation. */
export function recentDuplicate(ctx: HistoryContext): void {
  const { rng, world } = ctx;
  if (ctx.recent.length === 0) return;
  for (let tries = 0; tries < 4; tries++) {
    const c = rng.pick(ctx.recent);
    if (world.resolve(c.owner) < 0) continue;
    const channel = INBOUND_CHANNELS[rng.weighted(RATES.channelWeights)] as Channel;
    const event: LeadReceived = { id: ctx.eventId(), type: 'lead.received', at: ctx.at(), clientId: c.id, channel };
    const receptionist = channel === 'web' ? -1 : world.onDutyReceptionist(rng, ctx.now);
    if (receptionist >= 0) event.receptionistId = world.member(receptionist).id;
    ctx.out.push(event);
    // The client has an owner, so the engine answers lead.unallocated (already_owned).
    if (rng.chance(RATES.duplicateAllocate)) ctx.out.push({ id: ctx.eventId(), type: 'lead.allocate', at: ctx.at(), clientId: c.id });
    return;
  }
}

/** Gives a client its owner: the engine's round robin (`lead.allocate`) or a manager's hand (`lead.assigned`). */
export function allocate(ctx: HistoryContext, c: ClientState, reallocation: boolean): void {
  const { rng, world } = ctx;
  let owner: number;
  if (!reallocation && rng.chance(RATES.managerAssigned) && world.managers.items.length > 0) {
    owner = rng.chance(RATES.assignToBlocked) ? world.blockedRep(rng, ctx.now) : -1;
    if (owner < 0) owner = world.otherRep(rng, -1);
    if (owner < 0) return;
    const mode = (['manual', 'direct', 'pool'] as const)[rng.weighted([0.5, 0.3, 0.2])] ?? 'manual';
    const event: LeadAssigned = { id: ctx.eventId(), type: 'lead.assigned', at: ctx.at(), clientId: c.id, staffId: world.member(owner).id, mode };
    if (rng.chance(0.9)) event.by = world.member(world.manager(rng)).id;
    ctx.out.push(event);
    c.direct = mode === 'direct';
  } else {
    c.direct = !reallocation && rng.chance(RATES.directShare);
    const event: LeadAllocate = { id: ctx.eventId(), type: 'lead.allocate', at: ctx.at(), clientId: c.id };
    if (c.direct) event.mode = 'direct';
    else if (rng.chance(0.5)) event.mode = 'pool';
    ctx.out.push(event);
    owner = world.allocate(ctx.now);
    if (owner < 0) {
      // lead.unallocated (no eligible staff): try again at the next opening.
      ctx.schedule(ctx.nextWorkingStart(ctx.now + 12 * HOUR_MS), STEP.reallocate, c);
      return;
    }
  }
  c.owner = owner;
  planFollowUp(ctx, c, owner);
}

/** Plans the first contact (and report) after an assignment; D1 checks direct ones after 10 minutes. */
export function planFollowUp(ctx: HistoryContext, c: ClientState, owner: number): void {
  const { rng } = ctx;
  if (c.direct) {
    const r = rng.next();
    const window = MODELLED_POLICY.followUpMinutes * MINUTE_MS;
    if (r < RATES.followUpLate) {
      c.contactAt = ctx.now + rng.between(11, 45) * MINUTE_MS;
      c.reportAt = c.contactAt + rng.between(1, 10) * MINUTE_MS;
    } else {
      c.contactAt = ctx.now + rng.between(60, 420) * SECOND_MS;
      c.reportAt = r < RATES.followUpLate + RATES.followUpMissing ? -1 : c.contactAt + rng.between(30, 150) * SECOND_MS;
    }
    if (!(c.reportAt >= 0 && c.reportAt <= ctx.now + window)) ctx.schedule(ctx.now + window, STEP.followUpCheck, c, owner, 1);
  } else {
    c.contactAt = ctx.nextWorkingStart(ctx.now + rng.between(15, 360) * MINUTE_MS);
    c.reportAt = rng.chance(RATES.poolReported) ? c.contactAt + rng.between(5, 60) * MINUTE_MS : -1;
  }
  ctx.schedule(c.contactAt, STEP.contact, c);
}

/** D1 deadline (bookkeeping only): the member who missed it is paused, as the engine will decide. */
export function followUpCheck(ctx: HistoryContext, c: ClientState, staff: number): void {
  const { world } = ctx;
  if (world.member(staff).active && world.resolve(c.owner) === staff) world.pause(staff, MODELLED_POLICY.followUpPause);
}

/** First contact by the owner; then the report (if any) and the client's further story. */
export function contact(ctx: HistoryContext, c: ClientState): void {
  const owner = ctx.world.resolve(c.owner);
  if (owner < 0) {
    ctx.schedule(ctx.nextWorkingStart(ctx.now + HOUR_MS), STEP.reallocate, c);
    return;
  }
  ctx.out.push({ id: ctx.eventId(), type: 'contact.made', at: ctx.at(), clientId: c.id, staffId: ctx.world.member(owner).id });
  if (c.reportAt >= 0) ctx.schedule(c.reportAt, STEP.report, c);
  if (!c.planned) {
    // On the first call the rep may learn the real tier (a re-application form follows).
    if (c.receptionist >= 0 && c.receptionist !== owner && c.tier >= 0) {
      const rec = ctx.world.member(c.receptionist);
      rec.mismatchDebt += rec.sloppiness;
      if (rec.mismatchDebt >= 1) {
        rec.mismatchDebt -= 1;
        ctx.schedule(ctx.workingMomentAfter(ctx.now, 0, 3), STEP.mismatch, c);
      }
    }
    planLifecycle(ctx, c, false);
  }
  if (c.activities === 0) ctx.schedule(ctx.afterTwoMonths(ctx.now), STEP.silent, c);
  else ctx.schedule(ctx.workingMomentAfter(ctx.now, 1, 8), STEP.activity, c);
}

/** Progress reported to the manager. */
export function report(ctx: HistoryContext, c: ClientState): void {
  const owner = ctx.world.resolve(c.owner);
  if (owner >= 0) ctx.out.push({ id: ctx.eventId(), type: 'manager.reported', at: ctx.at(), clientId: c.id, staffId: ctx.world.member(owner).id });
}

/** A geometric count ≥ 1 with the given mean. */
export function geometric(ctx: HistoryContext, mean: number): number {
  return 1 + Math.floor(Math.log(1 - ctx.rng.next()) / Math.log(1 - 1 / mean));
}

/** Decides once what will happen to a client: activities, deal, swap, foreign registration, extension. */
export function planLifecycle(ctx: HistoryContext, c: ClientState, selfDeveloped: boolean): void {
  const { rng } = ctx;
  c.planned = true;
  c.activities = !selfDeveloped && rng.chance(RATES.silent) ? 0 : geometric(ctx, RATES.meanActivities);
  const dealRate = selfDeveloped ? RATES.dealSelfDeveloped : RATES.deal;
  c.deal = rng.chance(dealRate) ? (rng.chance(RATES.dealByOther) ? 2 : 1) : 0;
  if (!selfDeveloped && c.activities > 0 && rng.chance(RATES.swap)) {
    c.swapAt = rng.int(c.activities);
    c.swapApproved = !rng.chance(RATES.swapUnapproved);
    if (c.deal === 0 && rng.chance(RATES.dealAfterSwap)) c.deal = 1;
  }
  if (c.activities > 1 && rng.chance(RATES.foreignRegistration * (selfDeveloped ? 3 : 1))) c.attemptAt = 1;
  if (selfDeveloped && c.activities > 2 && rng.chance(RATES.extension)) c.extendAt = 2;
}
