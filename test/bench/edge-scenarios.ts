import type { AllotEvent } from '@allot/engine';

/**
 * Small histories aimed at the corners of SPEC §2 and docs/semantics.md (inclusive windows,
 * month closes, ladders, ring checks, L1, credit). The test runs both the engine and the
 * hand-written reducer on each; `expect` (identity fields only) is what SPEC says they decide.
 */
export interface EdgeScenario {
  name: string;
  events: AllotEvent[];
  until?: string;
  expect?: Record<string, unknown>[];
}

type Fields<T extends AllotEvent['type']> = Omit<Extract<AllotEvent, { type: T }>, 'id' | 'type' | 'at'>;

/** Builds a history with ids e1, e2, … in the order events are added. */
function history(): { add<T extends AllotEvent['type']>(type: T, at: string, fields: Fields<T>): void; events: AllotEvent[] } {
  const events: AllotEvent[] = [];
  return {
    events,
    add(type, at, fields) {
      events.push({ id: `e${events.length + 1}`, type, at, ...fields } as unknown as AllotEvent);
    },
  };
}

const T = (day: string, time = '09:00:00'): string => `2026-${day}T${time}+08:00`;

function followUpBoundary(): EdgeScenario {
  const h = history();
  h.add('staff.joined', T('01-05'), { staffId: 's1', role: 'rep' });
  h.add('lead.allocate', T('01-05', '10:00:00'), { clientId: 'c1', mode: 'direct' });
  h.add('lead.allocate', T('01-05', '10:00:00'), { clientId: 'c2', mode: 'direct' });
  h.add('contact.made', T('01-05', '10:10:00'), { clientId: 'c1', staffId: 's1' });
  h.add('manager.reported', T('01-05', '10:10:00'), { clientId: 'c1', staffId: 's1' });
  h.add('manager.reported', T('01-05', '10:05:00'), { clientId: 'c2', staffId: 's1' });
  h.add('sales.activity', T('01-05', '10:10:00'), { clientId: 'c2', staffId: 's1' });
  h.events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return {
    name: 'D1: a report at exactly +10 min is in time; a missing contact pauses at the deadline',
    events: h.events,
    expect: [
      { at: T('01-05', '10:00:00'), kind: 'lead.allocated', rule: 'P1', clientId: 'c1', staffId: 's1' },
      { at: T('01-05', '10:00:00'), kind: 'lead.allocated', rule: 'P1', clientId: 'c2', staffId: 's1' },
      { at: T('01-05', '10:10:00'), kind: 'staff.paused', rule: 'D1', staffId: 's1', count: 1 },
    ],
  };
}

function mismatchLadder(): EdgeScenario {
  const h = history();
  h.add('staff.joined', T('01-02'), { staffId: 'r1', role: 'receptionist' });
  h.add('staff.joined', T('01-02'), { staffId: 'r2', role: 'receptionist' });
  h.add('staff.joined', T('01-02'), { staffId: 's1', role: 'rep' });
  const mismatch = (at: string, receptionistId: string, n: number): void => {
    for (let i = 0; i < n; i++) {
      h.add('tier.mismatch', at, { clientId: `c${h.events.length}`, receptionistId, repId: 's1', classifiedTier: 'A', actualTier: 'C', approvedBy: 'm1' });
    }
  };
  mismatch(T('01-20'), 'r1', 3);
  mismatch(T('01-20'), 'r2', 2);
  mismatch('2026-02-01T00:00:00+08:00', 'r2', 1); // counts in February, applied before January closes
  mismatch(T('02-10'), 'r1', 3);
  mismatch(T('03-10'), 'r1', 4);
  h.add('violation', T('04-20'), { staffId: 's1', severity: 'normal' });
  return { name: 'M1 → M2 → M3 over three month closes; a mismatch at 00:00 counts in the new month', events: h.events };
}

function violationLadder(): EdgeScenario {
  const h = history();
  h.add('staff.joined', T('01-02'), { staffId: 's1', role: 'rep' });
  h.add('violation', T('01-10'), { staffId: 's1', severity: 'normal' });
  h.add('violation', T('01-31', '23:00:00'), { staffId: 's1', severity: 'normal' });
  h.add('violation', T('02-20'), { staffId: 's1', severity: 'serious' });
  h.add('violation', T('03-01'), { staffId: 's1', severity: 'normal' });
  h.add('violation', T('03-02'), { staffId: 's1', severity: 'normal' });
  return {
    name: 'V1: 7 / 15 / 30 days; serious asks for a review and does not count',
    events: h.events,
    expect: [
      { at: T('01-10'), kind: 'staff.banned', rule: 'V1', staffId: 's1', from: T('01-10'), until: T('01-17') },
      { at: T('01-31', '23:00:00'), kind: 'staff.banned', rule: 'V1', staffId: 's1', from: T('01-31', '23:00:00'), until: T('02-15', '23:00:00') },
      { at: T('02-20'), kind: 'staff.termination_review', rule: 'V1', staffId: 's1' },
      { at: T('03-01'), kind: 'staff.banned', rule: 'V1', staffId: 's1', from: T('03-01'), until: T('03-31') },
      { at: T('03-02'), kind: 'staff.banned', rule: 'V1', staffId: 's1', from: T('03-02'), until: T('04-01') },
    ],
  };
}

function ringChecks(): EdgeScenario {
  const h = history();
  for (const id of ['s1', 's2', 's3']) h.add('staff.joined', T('01-02'), { staffId: id, role: 'rep' });
  h.add('staff.joined', T('01-02'), { staffId: 'm1', role: 'manager' });
  h.add('violation', T('01-03'), { staffId: 's1', severity: 'normal' });
  h.add('lead.allocate', T('01-04', '10:00:00'), { clientId: 'c1', mode: 'direct' }); // s2, misses D1 → paused
  h.add('lead.allocate', T('01-04', '10:01:00'), { clientId: 'c2' }); // s3
  h.add('lead.allocate', T('01-04', '11:00:00'), { clientId: 'c3' }); // s1 banned, s2 paused (used) → s3
  h.add('lead.allocate', T('01-04', '11:00:00'), { clientId: 'c3' }); // already owned
  h.add('lead.assigned', T('01-05'), { clientId: 'c4', staffId: 's1', mode: 'manual' }); // breach: banned (V1)
  h.add('staff.joined', T('01-05'), { staffId: 's4', role: 'receptionist' });
  h.add('lead.allocate', T('01-06'), { clientId: 'c5' }); // s2 (no pause left)
  h.add('lead.allocate', T('01-06'), { clientId: 'c6' }); // s3
  h.add('lead.allocate', T('01-06'), { clientId: 'c7' }); // s4 (newcomer at the end)
  h.add('lead.allocate', T('01-20'), { clientId: 'c8' }); // s1 (ban over)
  return {
    name: 'P1: banned passed over, paused uses a pause, pointer, newcomers at the end, already owned',
    events: h.events,
    expect: [
      { at: T('01-03'), kind: 'staff.banned', rule: 'V1', staffId: 's1', from: T('01-03'), until: T('01-10') },
      { at: T('01-04', '10:00:00'), kind: 'lead.allocated', rule: 'P1', clientId: 'c1', staffId: 's2' },
      { at: T('01-04', '10:01:00'), kind: 'lead.allocated', rule: 'P1', clientId: 'c2', staffId: 's3' },
      { at: T('01-04', '10:10:00'), kind: 'staff.paused', rule: 'D1', staffId: 's2', count: 1 },
      { at: T('01-04', '11:00:00'), kind: 'lead.allocated', rule: 'P1', clientId: 'c3', staffId: 's3' },
      { at: T('01-04', '11:00:00'), kind: 'lead.unallocated', rule: 'P1', clientId: 'c3', reason: 'already_owned' },
      { at: T('01-05'), kind: 'allocation.breach', rule: 'V1', clientId: 'c4', staffId: 's1', reason: 'banned' },
      { at: T('01-06'), kind: 'lead.allocated', rule: 'P1', clientId: 'c5', staffId: 's2' },
      { at: T('01-06'), kind: 'lead.allocated', rule: 'P1', clientId: 'c6', staffId: 's3' },
      { at: T('01-06'), kind: 'lead.allocated', rule: 'P1', clientId: 'c7', staffId: 's4' },
      { at: T('01-20'), kind: 'lead.allocated', rule: 'P1', clientId: 'c8', staffId: 's1' },
    ],
  };
}

function leaverAndCredit(): EdgeScenario {
  const h = history();
  for (const id of ['s1', 's2', 's3']) h.add('staff.joined', T('01-02'), { staffId: id, role: 'rep' });
  h.add('lead.received', T('01-03'), { clientId: 'c2', channel: 'web', expectedDealFen: 80_000_000 });
  h.add('lead.received', T('01-03'), { clientId: 'c1', channel: 'hotline400', expectedDealFen: 19_999_999 });
  h.add('lead.received', T('01-03', '09:30:00'), { clientId: 'c1', channel: 'web' });
  h.add('lead.assigned', T('01-04'), { clientId: 'c2', staffId: 's1', mode: 'manual' });
  h.add('lead.assigned', T('01-04'), { clientId: 'c1', staffId: 's1', mode: 'pool' });
  h.add('client.registered', T('01-04'), { clientId: 'c3', staffId: 's2', developedAt: T('01-02', '08:59:59') });
  h.add('client.registered', T('01-05'), { clientId: 'c3', staffId: 's1', developedAt: T('01-05') });
  h.add('client.swapped', T('01-06'), { clientId: 'c3', fromStaffId: 's2', toStaffId: 's3' });
  h.add('deal.closed', T('01-07'), { clientId: 'c3', staffId: 's3', amountFen: 100 });
  h.add('deal.closed', T('01-07'), { clientId: 'c9', staffId: 's3', amountFen: 200 });
  h.add('staff.left', T('01-08'), { staffId: 's1', successorId: 's2' });
  h.add('deal.closed', T('01-09'), { clientId: 'c2', staffId: 's2', amountFen: 300 });
  h.add('deal.closed', T('01-09'), { clientId: 'c1', staffId: 's1', amountFen: 400 });
  h.add('staff.left', T('01-10'), { staffId: 's2' });
  return { name: 'T1 bounds, D2, R1 late/rejected, R4 swap, R5, L1 transfer then reclaim', events: h.events };
}

function monthArithmetic(): EdgeScenario {
  const h = history();
  h.add('staff.joined', T('01-02'), { staffId: 's1', role: 'rep' });
  h.add('staff.joined', T('01-02'), { staffId: 's2', role: 'rep' });
  h.add('lead.allocate', T('01-02', '10:00:00'), { clientId: 'c1' }); // s1; no activity → R3 on 03-02 10:00
  h.add('client.registered', '2025-12-31T15:00:00+08:00', { clientId: 'c2', staffId: 's2', developedAt: '2025-12-31T14:00:00+08:00' });
  h.add('lead.assigned', '2025-12-31T12:00:00+08:00', { clientId: 'c3', staffId: 's2', mode: 'manual' }); // R3 on 02-28 (clamped)
  h.add('sales.activity', '2026-01-31T12:00:00+08:00', { clientId: 'c1', staffId: 's2' }); // not the owner: no restart
  h.add('claim.extended', T('07-01'), { clientId: 'c2', days: 3, approvedBy: 'm1' });
  h.add('staff.joined', T('07-10'), { staffId: 's3', role: 'rep' });
  h.events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { name: 'R2 6 months + extension after it fired, R3 2 months, month-end clamp', events: h.events };
}

function lateExtension(): EdgeScenario {
  const h = history();
  h.add('staff.joined', T('01-02'), { staffId: 's1', role: 'rep' });
  h.add('client.registered', T('01-10'), { clientId: 'c1', staffId: 's1', developedAt: T('01-10', '08:00:00') });
  h.add('claim.extended', T('07-20'), { clientId: 'c1', days: 5, approvedBy: 'm1' }); // 07-15: already past
  h.add('staff.joined', T('07-25'), { staffId: 's2', role: 'rep' });
  return {
    name: 'R2: an extension whose new deadline is already past fires at once (decisions stay in time order)',
    events: h.events,
    expect: [
      { at: T('07-10'), kind: 'client.review_due', rule: 'R2', clientId: 'c1', staffId: 's1', reason: 'not_converted' },
      { at: T('07-20'), kind: 'client.review_due', rule: 'R2', clientId: 'c1', staffId: 's1', reason: 'not_converted' },
    ],
  };
}

function clampedInactivity(): EdgeScenario {
  const h = history();
  h.add('staff.joined', T('07-01'), { staffId: 's1', role: 'rep' });
  h.add('lead.allocate', T('07-30', '17:00:00'), { clientId: 'c1' });
  h.add('contact.made', T('07-31'), { clientId: 'c1', staffId: 's1' });
  return {
    name: 'R3: activity on Jul 31 falls due on Sep 30 09:00 (clamped), earlier than the allocation\'s Sep 30 17:00',
    events: h.events,
    until: '2026-10-01T00:00:00+08:00',
    expect: [
      { at: T('07-30', '17:00:00'), kind: 'lead.allocated', rule: 'P1', clientId: 'c1', staffId: 's1' },
      { at: T('09-30'), kind: 'client.reclaim_due', rule: 'R3', clientId: 'c1', staffId: 's1', reason: 'inactive' },
    ],
  };
}

/** Every scenario, in a fixed order. */
export const EDGE_SCENARIOS: readonly EdgeScenario[] = [
  followUpBoundary(),
  mismatchLadder(),
  violationLadder(),
  ringChecks(),
  leaverAndCredit(),
  monthArithmetic(),
  lateExtension(),
  clampedInactivity(),
];
