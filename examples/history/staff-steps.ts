import type { LateForm, StaffRole, Tier, Violation } from '@allot/engine';
import { HOUR_MS, localDay } from './clock.js';
import { STEP } from './context.js';
import type { HistoryContext } from './context.js';
import { TIER_LETTERS } from './lead-steps.js';
import { SERIOUS_NOTES, VIOLATION_NOTES, chineseName } from './names.js';
import { RATES } from './rates.js';

/** A working-hours instant at `fraction` (0–1) of the history. */
function momentAt(ctx: HistoryContext, fraction: number): number {
  return ctx.workTimeOn(localDay(ctx.start + fraction * (ctx.end - ctx.start)));
}

/**
 * Builds the first-day roster (~70% reps at levels A–D, ~15% receptionists, a few managers,
 * one director, 1–2 assistants), marks the sloppy receptionists and the repeat offenders, and
 * schedules the staff story: violations, a serious case, leavers and new joiners.
 */
export function setupStaff(ctx: HistoryContext): void {
  const { rng, world, options } = ctx;
  const n = options.staff;
  const receptionists = Math.max(1, Math.round(n * RATES.receptionistShare));
  const managers = Math.max(1, Math.round(n * RATES.managerShare));
  const assistants = n >= 60 ? 2 : 1;
  const reps = n - receptionists - managers - assistants - 1;
  if (reps < 2) throw new RangeError(`staff must be at least 7 (got ${n})`);
  const roles: StaffRole[] = [];
  for (let i = 0; i < reps; i++) roles.push('rep');
  for (let i = 0; i < receptionists; i++) roles.push('receptionist');
  for (let i = 0; i < managers; i++) roles.push('manager');
  for (let i = 0; i < assistants; i++) roles.push('assistant');
  rng.shuffle(roles);
  roles.unshift('director');
  for (const role of roles) {
    const level = role === 'rep' ? TIER_LETTERS[rng.weighted(RATES.repLevelWeights)] : undefined;
    world.add(ctx.newStaffId(), role, level, chineseName(rng));
  }
  ctx.initialStaff = world.members.length;

  // Carefulness: a few very sloppy and sloppy receptionists carry most mismatches (M1–M3).
  const recs = rng.shuffle([...world.receptionists.items]);
  const { verySloppy, sloppy, careful } = RATES.sloppiness;
  const nVery = Math.max(1, Math.round(recs.length * RATES.verySloppyShare));
  const nSloppy = Math.max(1, Math.round(recs.length * RATES.sloppyShare));
  recs.forEach((index, i) => {
    const m = world.member(index);
    m.sloppiness = i < nVery ? verySloppy : i < nVery + nSloppy ? sloppy : careful;
    m.mismatchDebt = rng.next();
    m.keep = i < nVery + nSloppy;
  });

  ctx.schedule(ctx.start, STEP.start, null);

  // Repeat offenders: three ordinary violations each (V1: 7, 15, 30 days), some a fourth.
  const repIds = rng.shuffle([...world.reps.items]);
  const offenders = Math.min(repIds.length - 1, Math.max(2, Math.round((reps / 60) * RATES.offendersPer60Reps)));
  for (let i = 0; i < offenders; i++) {
    const index = repIds[i] as number;
    world.member(index).keep = true;
    ctx.schedule(momentAt(ctx, 0.05 + 0.2 * rng.next()), STEP.violation, null, index);
    ctx.schedule(momentAt(ctx, 0.3 + 0.2 * rng.next()), STEP.violation, null, index);
    ctx.schedule(momentAt(ctx, 0.55 + 0.25 * rng.next()), STEP.violation, null, index);
    if (rng.chance(0.3)) ctx.schedule(momentAt(ctx, 0.85 + 0.1 * rng.next()), STEP.violation, null, index);
  }
  const months = options.months;
  const serious = Math.max(1, Math.round((reps * months) / 2000));
  for (let i = 0; i < serious; i++) ctx.schedule(momentAt(ctx, 0.45 + 0.25 * rng.next()), STEP.serious, null);
  const leavers = Math.max(2, Math.round(reps * RATES.leaversPerRepMonth * months));
  for (let i = 0; i < leavers; i++) {
    // The first two leavers cover both L1 cases; later ones hand over or not at random.
    const withSuccessor = i === 0 || (i > 1 && rng.chance(0.5));
    ctx.schedule(momentAt(ctx, 0.1 + 0.8 * rng.next()), withSuccessor ? STEP.leaveWithSuccessor : STEP.leaveAlone, null);
  }
  const hires = Math.max(1, Math.round(n * 0.005 * months));
  for (let i = 0; i < hires; i++) ctx.schedule(momentAt(ctx, 0.2 + 0.6 * rng.next()), STEP.join, null, rng.chance(0.8) ? 0 : 1);
}

/** The first instant: everyone on the roster joins, in id order (which is also the ring order). */
export function start(ctx: HistoryContext): void {
  for (let i = 0; i < ctx.initialStaff; i++) {
    const m = ctx.world.member(i);
    ctx.out.push({
      id: ctx.eventId(), type: 'staff.joined', at: ctx.at(), staffId: m.id, role: m.role,
      ...(m.level === undefined ? {} : { level: m.level }), name: m.name,
    });
  }
}

/** A new rep (`arg` 0) or receptionist (`arg` 1) joins: the end of the allocation ring. */
export function join(ctx: HistoryContext, arg: number): void {
  const { rng, world } = ctx;
  const role: StaffRole = arg === 1 ? 'receptionist' : 'rep';
  const level: Tier | undefined = role === 'rep' ? TIER_LETTERS[rng.weighted(RATES.repLevelWeights)] : undefined;
  const m = world.add(ctx.newStaffId(), role, level, chineseName(rng));
  m.sloppiness = RATES.sloppiness.careful;
  m.mismatchDebt = rng.next();
  ctx.out.push({
    id: ctx.eventId(), type: 'staff.joined', at: ctx.at(), staffId: m.id, role,
    ...(level === undefined ? {} : { level }), name: m.name,
  });
}

/** A rep that may leave: active and not one the story needs to the end. */
function leaverCandidate(ctx: HistoryContext): number {
  const { rng, world } = ctx;
  if (world.reps.items.length < 3) return -1;
  for (let tries = 0; tries < 12; tries++) {
    const i = rng.pick(world.reps.items);
    if (!world.member(i).keep) return i;
  }
  return -1;
}

/** L1: a member leaves, their clients go to a successor or back to the pool; a replacement joins later. */
export function leave(ctx: HistoryContext, who: number, withSuccessor: boolean): void {
  const { rng, world } = ctx;
  const index = who >= 0 ? who : leaverCandidate(ctx);
  if (index < 0 || !world.member(index).active) return;
  const successor = withSuccessor ? world.otherRep(rng, index) : -1;
  const m = world.member(index);
  ctx.out.push(
    successor >= 0
      ? { id: ctx.eventId(), type: 'staff.left', at: ctx.at(), staffId: m.id, successorId: world.member(successor).id }
      : { id: ctx.eventId(), type: 'staff.left', at: ctx.at(), staffId: m.id },
  );
  world.leave(index, successor);
  if (m.role === 'rep' || m.role === 'receptionist') {
    ctx.schedule(ctx.workingMomentAfter(ctx.now, 5, 20), STEP.join, null, m.role === 'rep' ? 0 : 1);
  }
}

/** V1: an ordinary violation of a given member (`who` ≥ 0) or of a random rep. */
export function violation(ctx: HistoryContext, who: number): void {
  const { rng, world } = ctx;
  const index = who >= 0 ? who : rng.pick(world.reps.items);
  if (index === undefined || !world.member(index).active) return;
  const event: Violation = { id: ctx.eventId(), type: 'violation', at: ctx.at(), staffId: world.member(index).id, severity: 'normal' };
  if (rng.chance(0.8)) event.note = rng.pick(VIOLATION_NOTES);
  ctx.out.push(event);
  world.recordViolation(index, ctx.now);
}

/** V1 serious case: a termination review; the rep leaves a few days later. */
export function serious(ctx: HistoryContext): void {
  const index = leaverCandidate(ctx);
  if (index < 0) return;
  const m = ctx.world.member(index);
  m.keep = true; // not picked again as an ordinary leaver before their own departure
  ctx.out.push({ id: ctx.eventId(), type: 'violation', at: ctx.at(), staffId: m.id, severity: 'serious', note: ctx.rng.pick(SERIOUS_NOTES) });
  ctx.schedule(ctx.workingMomentAfter(ctx.now, 2, 7), ctx.rng.chance(0.5) ? STEP.leaveWithSuccessor : STEP.leaveAlone, null, index);
}

/** F1/F2: the ABCD coordination table or the visit register filled in late. */
export function lateEntry(ctx: HistoryContext, who: number, form: LateForm): void {
  const m = ctx.world.member(who);
  if (m.active) ctx.out.push({ id: ctx.eventId(), type: 'entry.late', at: ctx.at(), staffId: m.id, form });
}

/** A rep late for the 09:00 morning meeting: a `staff.incident` with code `meeting_late`. */
export function meetingLate(ctx: HistoryContext, who: number): void {
  const m = ctx.world.member(who);
  if (m.active) ctx.out.push({ id: ctx.incidentId(), type: 'staff.incident', at: ctx.at(), staffId: m.id, code: 'meeting_late' });
}

/** Schedules a rep's late entries, ordinary violations and late morning meetings for one working day. */
export function staffDay(ctx: HistoryContext, dayStartMs: number): void {
  const { rng, world } = ctx;
  for (const index of world.reps.items) {
    const late = index % 10 === 3 ? RATES.meetingLateHabitual : RATES.meetingLate;
    if (ctx.incidentRng.chance(late)) ctx.schedule(dayStartMs + 9 * HOUR_MS + (1 + ctx.incidentRng.int(20 * 60)) * 1000, STEP.meetingLate, null, index);
    if (rng.chance(RATES.lateAbcd)) ctx.schedule(dayStartMs + (18 * 60 + rng.int(150)) * 60_000, STEP.lateAbcd, null, index);
    if (rng.chance(RATES.lateVisit)) ctx.schedule(dayStartMs + (18 * 60 + rng.int(150)) * 60_000, STEP.lateVisit, null, index);
    if (rng.chance(RATES.violation)) ctx.schedule(dayStartMs + 9 * HOUR_MS + rng.int(9 * 3600) * 1000, STEP.violation, null, -1);
  }
}
