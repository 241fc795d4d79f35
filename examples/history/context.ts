import type { AllotEvent } from '@allot/engine';
import {
  DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS, WORK_START_MS, addMonths, dayStart, formatInstant, isWorkingDay, isWorkingTime,
  localDay, timeOfDay,
} from './clock.js';
import { Random } from './random.js';
import { TaskQueue } from './task-queue.js';
import { World } from './world.js';

/** "e" and the zeros that pad an event number of 1–7 digits to seven. */
const ID_PREFIXES = ['', 'e000000', 'e00000', 'e0000', 'e000', 'e00', 'e0', 'e'];

/** Steps of the generator's tasks (one number each, dispatched in generate.ts). */
export const STEP = {
  start: 0, day: 1, monthClose: 2, followUpCheck: 3,
  inbound: 4, offHoursDuplicate: 5, recentDuplicate: 6, allocate: 7, contact: 8, report: 9,
  activity: 10, deal: 11, silent: 12, selfLead: 13, register: 14, unregisteredActivity: 15,
  lateAbcd: 16, lateVisit: 17, violation: 18, serious: 19, leaveWithSuccessor: 20, leaveAlone: 21, join: 22, reallocate: 23, mismatch: 24,
  meetingLate: 25,
} as const;

/** What the generator remembers about one client while its story plays out. */
export interface ClientState {
  readonly id: string;
  /** Recorded owner (a member index; -1 = none). Read it through `World.resolve`. */
  owner: number;
  /** 0–3 = tier A–D as the rep was given it; -1 = not tiered. */
  tier: number;
  /** The client's real expected deal (fen), whether or not the lead carried it. */
  expectedFen: number;
  channel: number;
  receptionist: number;
  /** Self-developed clients: the rep who developed them, and when. */
  developer: number;
  developedAt: number;
  registered: boolean;
  offHours: boolean;
  /** Follow-up plan of the current assignment: direct mode, contact and report instants. */
  direct: boolean;
  reportAt: number;
  contactAt: number;
  /** Lifecycle plan. `activities` left; the index `done` of the next one. */
  planned: boolean;
  activities: number;
  done: number;
  /** 0 none, 1 by the owner, 2 by another rep. */
  deal: number;
  swapAt: number;
  swapApproved: boolean;
  attemptAt: number;
  extendAt: number;
  reassigned: boolean;
}

/** Options of {@link generateHistory}. */
export interface HistoryOptions {
  /** PRNG seed: equal options give an identical history. */
  seed: number;
  /** Staff on the first day (more join later as replacements and hires). */
  staff: number;
  /** New clients over the whole history. */
  clients: number;
  /** Length of the history in calendar months. */
  months: number;
  /** First instant, ISO-8601 with offset, e.g. "2026-01-01T00:00:00+08:00". */
  start: string;
}

/** Shared state of one generation run: PRNG, staff model, task queue and the event buffer. */
export class HistoryContext {
  readonly rng: Random;
  /**
   * A second stream for the `staff.incident` events, so adding them changed nothing else: every
   * other event, its id and its instant are what they were before incidents were generated.
   */
  readonly incidentRng: Random;
  readonly world = new World();
  readonly queue = new TaskQueue<ClientState>();
  /** Events produced by the current task, yielded (in order) after it runs. */
  readonly out: AllotEvent[] = [];
  /** Recently created clients, for duplicate leads. */
  readonly recent: ClientState[] = [];
  /** New clients per local day, from `firstDay` on (see calendar.ts). */
  quotas: number[] = [];
  firstDay = 0;
  /** Members on the roster before the first event (their `staff.joined` open the history). */
  initialStaff = 0;
  now: number;
  private eventCount = 0;
  private incidentCount = 0;
  private clientCount = 0;
  private staffCount = 0;
  private atCache = -1;
  private atText = '';

  constructor(
    readonly options: HistoryOptions,
    readonly start: number,
    readonly end: number,
  ) {
    this.rng = new Random(options.seed);
    this.incidentRng = new Random(options.seed ^ 0x1c1d);
    this.now = start;
  }

  /** The next incident event id: i000001, i000002, … (its own numbering, see `incidentRng`). */
  incidentId(): string {
    return `i${String(++this.incidentCount).padStart(6, '0')}`;
  }

  /** The next event id: e0000001, e0000002, … (at least seven digits). */
  eventId(): string {
    const n = ++this.eventCount;
    const digits = n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10_000 ? 4 : n < 100_000 ? 5 : n < 1_000_000 ? 6 : 7;
    return (ID_PREFIXES[digits] as string) + n;
  }

  /** `now` as ISO-8601 +08:00 (cached: many events share an instant). */
  at(): string {
    if (this.atCache !== this.now) {
      this.atCache = this.now;
      this.atText = formatInstant(this.now);
    }
    return this.atText;
  }

  newStaffId(): string {
    this.staffCount++;
    return 's' + String(this.staffCount).padStart(4, '0');
  }

  /** A fresh client with nothing planned yet. */
  newClient(): ClientState {
    this.clientCount++;
    const id = 'c' + String(this.clientCount).padStart(6, '0');
    return {
      id, owner: -1, tier: -1, expectedFen: 0, channel: 0, receptionist: -1, developer: -1, developedAt: 0,
      registered: false, offHours: false, direct: false, reportAt: -1, contactAt: 0, planned: false,
      activities: 0, done: 0, deal: 0, swapAt: -1, swapApproved: true, attemptAt: -1, extendAt: -1, reassigned: false,
    };
  }

  /** Remembers a client as a candidate for a later duplicate lead (bounded memory). */
  remember(client: ClientState): void {
    if (this.recent.length < 512) this.recent.push(client);
    else this.recent[this.rng.int(512)] = client;
  }

  /** Schedules a step; instants at or after the history's end are dropped (the story ends there). */
  schedule(time: number, step: number, client: ClientState | null, arg = -1, priority: 0 | 1 = 0): void {
    const t = Math.max(this.now, Math.floor(time / SECOND_MS) * SECOND_MS);
    if (t >= this.end) return;
    this.queue.push(t, step, client, arg, priority);
  }

  /** A random instant in working hours on `day`, or on the next working day. */
  workTimeOn(day: number): number {
    let d = day;
    while (!isWorkingDay(d)) d++;
    return dayStart(d) + WORK_START_MS + this.rng.int(9 * 3600) * SECOND_MS;
  }

  /** A working-hours instant `minDays`–`maxDays` local days after `ms`, never before it. */
  workingMomentAfter(ms: number, minDays: number, maxDays: number): number {
    const t = this.workTimeOn(localDay(ms) + this.rng.between(minDays, maxDays));
    return t > ms ? t : ms + this.rng.between(5, 90) * MINUTE_MS;
  }

  /** `ms` itself in working hours; otherwise the next opening (09:00–09:40 of a working day). */
  nextWorkingStart(ms: number): number {
    if (isWorkingTime(ms)) return ms;
    let day = localDay(ms);
    if (!(isWorkingDay(day) && timeOfDay(ms) < WORK_START_MS)) {
      day++;
      while (!isWorkingDay(day)) day++;
    }
    return dayStart(day) + WORK_START_MS + this.rng.int(40 * 60) * SECOND_MS;
  }

  /** About two calendar months and 1–20 days after `ms`, in working hours (after R3's notice). */
  afterTwoMonths(ms: number): number {
    return this.nextWorkingStart(addMonths(ms, 2) + this.rng.between(1, 20) * DAY_MS + this.rng.int(8) * HOUR_MS);
  }
}
