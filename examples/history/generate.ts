import type { AllotEvent } from '@allot/engine';
import { setupCalendar, day } from './calendar.js';
import { activity, deal, mismatch, register, selfLead, silent, unregisteredActivity } from './client-steps.js';
import { addMonths, parseStart } from './clock.js';
import { HistoryContext, STEP } from './context.js';
import type { ClientState, HistoryOptions } from './context.js';
import { allocate, contact, followUpCheck, inbound, offHoursDuplicate, recentDuplicate, report } from './lead-steps.js';
import { join, lateEntry, leave, meetingLate, serious, setupStaff, start, violation } from './staff-steps.js';

export type { HistoryOptions } from './context.js';

function checkOptions(options: HistoryOptions): void {
  const whole = (name: keyof HistoryOptions, min: number): void => {
    const v = options[name];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) throw new RangeError(`${name} must be an integer ≥ ${min} (got ${String(v)})`);
  };
  whole('seed', Number.MIN_SAFE_INTEGER);
  whole('staff', 7);
  whole('clients', 0);
  whole('months', 1);
}

function run(ctx: HistoryContext, step: number, c: ClientState, arg: number): void {
  switch (step) {
    case STEP.start: return start(ctx);
    case STEP.day: return day(ctx, arg);
    case STEP.monthClose: return ctx.world.closeMonth(arg - 1, ctx.now);
    case STEP.followUpCheck: return followUpCheck(ctx, c, arg);
    case STEP.inbound: return inbound(ctx, c);
    case STEP.offHoursDuplicate: return offHoursDuplicate(ctx, c);
    case STEP.recentDuplicate: return recentDuplicate(ctx);
    case STEP.allocate: return allocate(ctx, c, false);
    case STEP.reallocate: return allocate(ctx, c, true);
    case STEP.contact: return contact(ctx, c);
    case STEP.report: return report(ctx, c);
    case STEP.activity: return activity(ctx, c);
    case STEP.mismatch: return mismatch(ctx, c);
    case STEP.deal: return deal(ctx, c);
    case STEP.silent: return silent(ctx, c);
    case STEP.selfLead: return selfLead(ctx, c);
    case STEP.register: return register(ctx, c);
    case STEP.unregisteredActivity: return unregisteredActivity(ctx, c);
    case STEP.lateAbcd: return lateEntry(ctx, arg, 'abcd_table');
    case STEP.lateVisit: return lateEntry(ctx, arg, 'visit_register');
    case STEP.violation: return violation(ctx, arg);
    case STEP.serious: return serious(ctx);
    case STEP.leaveWithSuccessor: return leave(ctx, arg, true);
    case STEP.leaveAlone: return leave(ctx, arg, false);
    case STEP.join: return join(ctx, arg);
    case STEP.meetingLate: return meetingLate(ctx, arg);
    default: throw new Error(`unknown step ${step}`);
  }
}

/**
 * A deterministic, realistic event history of a Chinese sales company (SPEC §3 events), in
 * non-decreasing `at` order with unique ids. Equal options give an identical history; nothing
 * reads the clock or `Math.random`. It streams: memory holds the staff and the clients whose
 * story is still running, never the history itself.
 *
 * The generator plays the company under the default policy (see `MODELLED_POLICY`): it knows
 * which rep each `lead.allocate` reaches, so follow-ups come from the allocated rep.
 */
export function* generateHistory(options: HistoryOptions): Generator<AllotEvent> {
  checkOptions(options);
  const startMs = parseStart(options.start);
  const ctx = new HistoryContext(options, startMs, addMonths(startMs, options.months));
  setupStaff(ctx);
  setupCalendar(ctx);
  const out = ctx.out;
  for (;;) {
    const queue = ctx.queue;
    const task = queue.pop();
    if (task < 0) return;
    ctx.now = queue.timeOf(task);
    const step = queue.stepOf(task);
    const client = queue.refOf(task) as ClientState;
    const arg = queue.argOf(task);
    queue.release(task);
    run(ctx, step, client, arg);
    if (out.length > 0) {
      for (const event of out) yield event;
      out.length = 0;
    }
  }
}
