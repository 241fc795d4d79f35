import type { AllotEvent } from '@allot/engine';
import type { EdgeScenario } from './edge-scenarios.js';

/**
 * More corners, mostly of docs/semantics.md's finer points that generated histories rarely
 * reach: rejoining, leavers and sanctions, breach rules, pool returns, ties between deadlines.
 */

type Fields<T extends AllotEvent['type']> = Omit<Extract<AllotEvent, { type: T }>, 'id' | 'type' | 'at'>;

function history(prefix: string): { add<T extends AllotEvent['type']>(type: T, at: string, fields: Fields<T>): void; events: AllotEvent[] } {
  const events: AllotEvent[] = [];
  return {
    events,
    add(type, at, fields) {
      events.push({ id: `${prefix}${events.length + 1}`, type, at, ...fields } as unknown as AllotEvent);
    },
  };
}

const T = (day: string, time = '09:00:00'): string => `2026-${day}T${time}+08:00`;

function rejoinAndBreachRules(): EdgeScenario {
  const h = history('x');
  for (const id of ['s1', 's2', 's3']) h.add('staff.joined', T('01-02'), { staffId: id, role: 'rep' });
  h.add('staff.joined', T('01-02'), { staffId: 'r1', role: 'receptionist' });
  for (let i = 0; i < 3; i++) {
    h.add('tier.mismatch', T('01-10'), { clientId: `m${i}`, receptionistId: 'r1', repId: 's1', classifiedTier: 'B', actualTier: 'D', approvedBy: 'mg' });
  }
  h.add('lead.allocate', T('02-02', '10:00:00'), { clientId: 'c1', mode: 'direct' }); // s1
  h.add('lead.assigned', T('02-02', '11:00:00'), { clientId: 'c2', staffId: 'r1', mode: 'direct' }); // paused by M1 → breach M1
  h.add('lead.assigned', T('02-03'), { clientId: 'c3', staffId: 's1', mode: 'manual' }); // paused by D1 → breach D1
  h.add('violation', T('02-04'), { staffId: 's1', severity: 'normal' });
  h.add('lead.assigned', T('02-04', '10:00:00'), { clientId: 'c4', staffId: 's1', mode: 'pool' }); // banned and paused → banned (V1)
  h.add('staff.left', T('02-05'), { staffId: 's2' });
  h.add('violation', T('02-06'), { staffId: 's2', severity: 'normal' }); // a leaver's violation
  h.add('staff.joined', T('02-07'), { staffId: 's2', role: 'rep' }); // back, at the ring's end
  h.add('staff.joined', T('02-07'), { staffId: 's3', role: 'manager' }); // leaves the ring
  for (let i = 5; i < 11; i++) h.add('lead.allocate', T('02-20'), { clientId: `c${i}` });
  return { name: 'breach rules (M1, D1, ban over pause), leaver sanctions, rejoin at the ring end, role change', events: h.events };
}

function leaverSanctions(): EdgeScenario {
  const h = history('y');
  h.add('staff.joined', T('01-02'), { staffId: 'r1', role: 'receptionist' });
  h.add('staff.joined', T('01-02'), { staffId: 's1', role: 'rep' });
  for (let i = 0; i < 4; i++) {
    h.add('tier.mismatch', T('01-15'), { clientId: `m${i}`, receptionistId: 'r1', repId: 's1', classifiedTier: 'A', actualTier: 'B', approvedBy: 'mg' });
  }
  h.add('lead.allocate', T('01-31', '23:55:00'), { clientId: 'c1', mode: 'direct' }); // D1 due at 00:05
  h.add('staff.left', T('01-31', '23:58:00'), { staffId: 'r1' });
  h.add('staff.joined', T('02-10'), { staffId: 's2', role: 'rep' });
  return { name: 'a receptionist who left is not sanctioned at the month close; D1 across midnight', events: h.events };
}

function poolReturnAndReRegistration(): EdgeScenario {
  const h = history('z');
  h.add('staff.joined', T('01-02'), { staffId: 's1', role: 'rep' });
  h.add('staff.joined', T('01-02'), { staffId: 's2', role: 'rep' });
  h.add('client.registered', T('01-05'), { clientId: 'c1', staffId: 's1', developedAt: T('01-05', '08:00:00') });
  h.add('client.registered', T('01-05'), { clientId: 'c2', staffId: 's1', developedAt: T('01-05', '08:00:00') });
  h.add('lead.assigned', T('01-06'), { clientId: 'c2', staffId: 's1', mode: 'manual' }); // same owner: R3 now applies
  h.add('claim.extended', T('01-07'), { clientId: 'c9', days: 3, approvedBy: 'mg' }); // unknown client: nothing
  h.add('staff.left', T('02-01', '12:00:00'), { staffId: 's1' }); // c1, c2 back to the pool
  h.add('client.registered', T('02-02'), { clientId: 'c1', staffId: 's2', developedAt: T('02-01') });
  h.add('client.registered', T('02-03'), { clientId: 'c1', staffId: 's1', developedAt: T('02-03') });
  h.add('client.registered', T('02-03'), { clientId: 'c1', staffId: 's2', developedAt: T('02-03') }); // owner again: nothing
  h.add('deal.closed', T('02-04'), { clientId: 'c2', staffId: 's2', amountFen: 500 }); // pool client → R5
  h.add('client.swapped', T('02-05'), { clientId: 'c1', fromStaffId: 's2', toStaffId: 's1', approvedBy: 'dir' });
  h.add('deal.closed', T('02-06'), { clientId: 'c1', staffId: 's1', amountFen: 700 }); // approved swap → R2 to s1
  h.add('client.reassigned', T('02-07'), { clientId: 'c1', toStaffId: 's2', by: 'dir' }); // converted: no R2/R3 any more
  h.add('staff.joined', T('09-01'), { staffId: 's3', role: 'rep' });
  return { name: 'pool return cancels R2, re-registration, approved swap credit, converted clients', events: h.events };
}

function deadlineTies(): EdgeScenario {
  const h = history('w');
  h.add('staff.joined', T('01-02'), { staffId: 's2', role: 'rep' });
  h.add('staff.joined', T('01-02'), { staffId: 's1', role: 'rep' });
  h.add('staff.joined', T('01-02'), { staffId: 'r1', role: 'receptionist' });
  h.add('lead.allocate', '2026-01-31T23:50:00+08:00', { clientId: 'cb', mode: 'direct' }); // s2, D1 at 00:00
  h.add('lead.allocate', '2026-01-31T23:50:00+08:00', { clientId: 'ca', mode: 'direct' }); // s1, D1 at 00:00
  for (let i = 0; i < 3; i++) {
    h.add('tier.mismatch', T('01-20'), { clientId: `m${i}`, receptionistId: 'r1', repId: 's1', classifiedTier: 'C', actualTier: 'D', approvedBy: 'mg' });
  }
  h.add('lead.assigned', '2025-12-01T00:00:00+08:00', { clientId: 'cz', staffId: 's1', mode: 'manual' }); // R3 at 02-01 00:00
  h.add('lead.assigned', '2025-12-01T00:00:00+08:00', { clientId: 'cy', staffId: 's2', mode: 'manual' }); // R3 at 02-01 00:00
  h.add('lead.allocate', '2026-02-01T00:00:00+08:00', { clientId: 'cx' }); // event first, then the deadlines
  h.events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { name: 'deadlines at one instant: after the events, by rule then subject (D1, M1, R3)', events: h.events, until: T('02-02') };
}

function openingState(): EdgeScenario {
  const h = history('o');
  for (const id of ['s1', 's2', 's3']) h.add('staff.joined', T('01-02'), { staffId: id, role: 'rep' });
  const live = T('03-01', '00:00:00');
  h.add('opening.staff', live, { staffId: 's1', banUntil: T('03-04'), pausesOwed: 1, priorViolations: 2 });
  h.add('opening.staff', live, { staffId: 's2', priorViolations: 1, rule: 'D1', pausesOwed: 2 });
  h.add('opening.staff', live, { staffId: 's3', banUntil: T('02-01') }); // over before go-live
  h.add('opening.client', live, { clientId: 'k1', owner: 's1', tier: 'A', registeredAt: '2025-09-01T10:00:00+08:00' }); // R2 due at go-live
  h.add('opening.client', live, { clientId: 'k2', owner: 's2', handedOutAt: '2025-12-15T10:00:00+08:00' }); // R3 due at go-live
  h.add('opening.client', live, { clientId: 'k3', owner: 's3', handedOutAt: '2026-01-10T10:00:00+08:00', lastActivityAt: '2026-02-10T10:00:00+08:00', registeredAt: '2026-02-01T10:00:00+08:00' });
  h.add('opening.client', live, { clientId: 'k4', tier: 'C' }); // in the pool
  for (let i = 0; i < 6; i++) h.add('lead.allocate', T('03-02', `1${i}:00:00`), { clientId: `c${i}` });
  h.add('lead.assigned', T('03-03'), { clientId: 'c9', staffId: 's1', mode: 'manual' }); // banned → breach V1
  h.add('lead.allocate', T('03-03', '10:00:00'), { clientId: 'k4' });
  h.add('violation', T('03-05'), { staffId: 's1', severity: 'normal' }); // 3rd → 30 days
  h.add('violation', T('03-05'), { staffId: 's2', severity: 'normal' }); // 2nd → 15 days
  h.add('sales.activity', T('03-20'), { clientId: 'k3', staffId: 's3' });
  h.add('client.registered', T('03-21'), { clientId: 'k3', staffId: 's1', developedAt: T('03-21') }); // rejected, until k3's R2
  h.add('opening.client', T('04-01'), { clientId: 'k3', owner: 's2' }); // replaces the hold: no clocks
  h.add('staff.joined', T('12-01'), { staffId: 's4', role: 'rep' });
  return { name: 'opening state: opened bans, pauses, prior violations, client holds and past-due clocks', events: h.events };
}

/** Every extra scenario, in a fixed order. */
export const EXTRA_EDGE_SCENARIOS: readonly EdgeScenario[] = [rejoinAndBreachRules(), leaverSanctions(), poolReturnAndReRegistration(), deadlineTies(), openingState()];
