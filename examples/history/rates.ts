/**
 * The rates that shape a generated history, in one place so that docs/examples.md can quote
 * them. Probabilities are per client unless noted.
 */
export const RATES = {
  /** Staff composition (shares of `staff`); the rest are reps. */
  receptionistShare: 0.15,
  managerShare: 0.07,
  /** Rep levels A, B, C, D. */
  repLevelWeights: [0.15, 0.25, 0.3, 0.3],

  /** Leads per day: Monday–Saturday weight 1, Sunday weight 0.35 (all off-hours). */
  sundayWeight: 0.35,
  /** Share of weekday leads that arrive outside 09:00–18:00. */
  offHoursShare: 0.1,
  /** Self-developed clients (the rep registers them, R1/R5) among new clients. */
  selfDevelopedShare: 0.12,
  /** Channels of inbound leads in working hours: hotline400, lixianbao, web. */
  channelWeights: [0.55, 0.35, 0.1],
  /** Channels of off-hours leads (Baidu 离线宝 captures most of them). */
  offHoursChannelWeights: [0.2, 0.7, 0.1],
  /** Expected deal tiers A, B, C, D when the amount is drawn. */
  tierWeights: [0.1, 0.2, 0.3, 0.4],
  /** Receptionist leads that carry `expectedDealFen` (the rest only `classifiedTier`). */
  amountShare: 0.75,
  /** Amounts that sit exactly on a tier's lower bound (T1's bounds are inclusive). */
  boundaryAmountShare: 0.02,

  /** Duplicate `lead.received` after an off-hours lead (the caller rings again next morning). */
  offHoursDuplicate: 0.15,
  /** Extra duplicate leads of a recent client, per new client. */
  randomDuplicate: 0.015,
  /** A duplicate that is also sent to allocation (→ `lead.unallocated`, already_owned). */
  duplicateAllocate: 0.5,

  /** Leads a manager assigns by hand (`lead.assigned`) instead of asking the engine. */
  managerAssigned: 0.1,
  /** A hand assignment that goes to someone currently banned or paused, when there is one. */
  assignToBlocked: 0.3,
  /** Engine allocations in direct mode (D1's 10-minute clock). */
  directShare: 0.4,
  /** Direct allocations followed up late (after 10 min) or without a report to the manager. */
  followUpLate: 0.05,
  followUpMissing: 0.05,
  /** Pool/manual allocations whose first contact is also reported to a manager. */
  poolReported: 0.3,

  /**
   * Share of a receptionist's classified leads that a rep later proves mis-tiered, by class:
   * very sloppy, sloppy, careful. Counted as a running quota (error diffusion), not a coin toss,
   * so a very sloppy receptionist reliably climbs to M3 within two months and a sloppy one to
   * M1 then M2, even in a small history.
   */
  sloppiness: { verySloppy: 0.25, sloppy: 0.15, careful: 0.02 },
  /** Shares of receptionists who are very sloppy and sloppy (at least one each). */
  verySloppyShare: 0.1,
  sloppyShare: 0.15,

  /** Clients that go silent after the first contact (R3 notice after 2 months). */
  silent: 0.2,
  /** Mean follow-up activities of a client that does not go silent (geometric, ≥ 1). */
  meanActivities: 6.5,
  /** Days between activities. */
  activityGapDays: [2, 18],
  /** A silent client the director reassigns to another rep after the R3 notice. */
  reassignAfterSilence: 0.35,
  /** Clients swapped between reps; a share of swaps lacks the director's approval (R4). */
  swap: 0.04,
  swapUnapproved: 0.5,
  /** Another rep tries to register an owned client (R1 rejection). */
  foreignRegistration: 0.012,

  /** Deals: owned inbound clients, swapped clients, self-developed clients. */
  deal: 0.13,
  dealAfterSwap: 0.5,
  dealSelfDeveloped: 0.25,
  /** Deals closed by a rep who is not the owner (R4 credits the department). */
  dealByOther: 0.1,

  /** Self-developed clients: never registered (R5), registered after more than 24 h (R1). */
  unregistered: 0.15,
  /** Deals on never-registered self-developed clients (R5 credits the department). */
  dealUnregistered: 0.6,
  registeredLate: 0.1,
  /** Registered clients whose claim the manager extends (R2). */
  extension: 0.15,

  /** Per rep per working day: late ABCD table (F1), late visit register (F2). */
  lateAbcd: 0.006,
  lateVisit: 0.004,
  /** Per rep per working day: an ordinary violation (besides the repeat offenders). */
  violation: 0.00015,
  /** A rep late for the morning meeting on a working day (`staff.incident` meeting_late); every tenth rep is habitually late. */
  meetingLate: 0.01,
  meetingLateHabitual: 0.15,
  /** Repeat offenders (3 violations each) per 60 reps, at least 2. */
  offendersPer60Reps: 1,
  /** Staff turnover: leavers per rep per month (at least 2 in a history); a replacement joins. */
  leaversPerRepMonth: 0.015,
} as const;
