import { describe, expect, it } from 'vitest';
import type { Decision } from '../src/decisions/decision-types.js';
import { summarizeDecisions, whatIf } from '../src/what-if/what-if.js';
import { DIFF_STEP, diffDecisions, diffDecisionsInSteps } from '../src/what-if/decision-diff.js';

const BASE_REF = { id: 'sales-resource', version: '1.0.0', hash: 'sha256:base' };
const DRAFT_REF = { id: 'sales-resource', version: '1.1.0-draft', hash: 'sha256:draft' };

let serial = 0;
/** A decision with the common fields filled in; `kind` and the kind's fields come from `fields`. */
const make = (fields: Record<string, unknown>, ref = BASE_REF): Decision =>
  ({
    id: `d${(serial += 1)}`,
    at: '2026-03-02T09:00:00+08:00',
    rule: 'F1',
    policy: ref,
    cause: ['e1'],
    explain: { zh: '说明', en: 'explanation' },
    ...fields,
  }) as unknown as Decision;

const fine = (staffId: string, amountFen: number, at = '2026-03-02T09:00:00+08:00', ref = BASE_REF): Decision =>
  make({ kind: 'staff.fined', staffId, amountFen, reason: 'abcd_table', at, rule: 'F1' }, ref);
const ban = (staffId: string, from: string, until: string, ref = BASE_REF): Decision =>
  make({ kind: 'staff.banned', staffId, from, until, at: from, rule: 'V1' }, ref);

describe('summarizeDecisions', () => {
  it('adds up money in fen and ban lengths in calendar days, per staff member and for the company', () => {
    const { total, byStaff } = summarizeDecisions([
      fine('s1', 2000),
      fine('s1', 2000, '2026-03-03T09:00:00+08:00'),
      ban('s2', '2026-03-01T10:00:00+08:00', '2026-03-08T10:00:00+08:00'),
      make({ kind: 'staff.paused', staffId: 's2', count: 3, rule: 'M2' }),
      make({ kind: 'staff.hotline_banned', staffId: 's2', from: '2026-03-01T00:00:00+08:00', until: '2026-04-01T00:00:00+08:00', rule: 'M3' }),
      make({ kind: 'deal.credited', clientId: 'c1', to: 'department', amountFen: 123_456, rule: 'R5' }),
      make({ kind: 'deal.credited', clientId: 'c2', to: 's1', amountFen: 100, rule: 'R2' }),
      make({ kind: 'client.reclaimed', clientId: 'c3', fromStaffId: 's3', rule: 'R3' }),
      make({ kind: 'lead.unallocated', clientId: 'c4', reason: 'no_eligible_staff', rule: 'P1' }),
    ]);
    expect(total.finesFen).toBe(4000);
    expect(total.fines).toBe(2);
    expect(total.banDays).toBe(7);
    expect(total.hotlineBanDays).toBe(31);
    expect(total.pauses).toBe(3);
    expect(total.creditToDepartmentFen).toBe(123_456);
    expect(total.creditToStaffFen).toBe(100);
    expect(total.reclaims).toBe(1);
    expect(total.unallocated).toBe(1);
    expect(byStaff.get('s1')).toMatchObject({ finesFen: 4000, fines: 2, creditToStaffFen: 100, creditToDepartmentFen: 0 });
    expect(byStaff.get('s2')).toMatchObject({ bans: 1, banDays: 7, hotlineBans: 1, pauses: 3 });
    expect(byStaff.get('s3')).toMatchObject({ reclaims: 1 });
    expect(byStaff.has('department')).toBe(false);
    expect([...byStaff.keys()]).toEqual(['s1', 's2', 's3']);
  });

  it('counts ban days across offsets exactly', () => {
    const { total } = summarizeDecisions([ban('s1', '2026-03-01T00:00:00+08:00', '2026-03-15T16:00:00Z')]);
    expect(total.banDays).toBe(15);
  });
});

describe('whatIf', () => {
  it('reports a fine raised from 2000 to 5000 as changed, with a delta of 3000', () => {
    const base = [fine('s1', 2000)];
    const candidate = [fine('s1', 5000, undefined, DRAFT_REF)];
    const report = whatIf(base, candidate);
    expect(report.counts).toEqual({ base: 1, candidate: 1, same: 0, appeared: 0, disappeared: 0, changed: 1 });
    expect(report.company.delta.finesFen).toBe(3000);
    expect(report.company.delta.fines).toBe(0);
    const [s1] = report.staff;
    expect(s1?.staffId).toBe('s1');
    expect(s1?.base.finesFen).toBe(2000);
    expect(s1?.candidate.finesFen).toBe(5000);
    expect(s1?.delta.finesFen).toBe(3000);
    expect(s1?.appeared).toEqual([]);
    expect(s1?.disappeared).toEqual([]);
    expect(s1?.changed).toHaveLength(1);
    expect(s1?.changed[0]?.fields).toEqual(['amountFen']);
  });

  it('ignores id, explain, policy and cause, and compares instants across offsets', () => {
    const base = [fine('s1', 2000, '2026-03-02T09:00:00+08:00')];
    const candidate = [fine('s1', 2000, '2026-03-02T01:00:00Z', DRAFT_REF)];
    const report = whatIf(base, candidate);
    expect(report.counts.same).toBe(1);
    expect(report.staff).toEqual([]);
    expect(report.company.delta.finesFen).toBe(0);
  });

  it('reports a ban that disappears and a ban whose end moved', () => {
    const base = [
      ban('s1', '2026-03-01T10:00:00+08:00', '2026-03-08T10:00:00+08:00'),
      ban('s2', '2026-03-01T10:00:00+08:00', '2026-03-08T10:00:00+08:00'),
    ];
    const candidate = [ban('s2', '2026-03-01T10:00:00+08:00', '2026-03-16T10:00:00+08:00', DRAFT_REF)];
    const report = whatIf(base, candidate);
    const s1 = report.staff.find((s) => s.staffId === 's1');
    const s2 = report.staff.find((s) => s.staffId === 's2');
    expect(s1?.disappeared.map((d) => d.kind)).toEqual(['staff.banned']);
    expect(s1?.delta).toMatchObject({ bans: -1, banDays: -7 });
    expect(s2?.changed[0]?.fields).toEqual(['until']);
    expect(s2?.delta).toMatchObject({ bans: 0, banDays: 8 });
    expect(report.company.delta.banDays).toBe(1);
  });

  it('reports a reclaim that appears, attributed to the member who lost the client', () => {
    const reclaim = make({ kind: 'client.reclaimed', clientId: 'c9', fromStaffId: 's4', rule: 'R3' }, DRAFT_REF);
    const report = whatIf([], [reclaim]);
    expect(report.staff.map((s) => s.staffId)).toEqual(['s4']);
    expect(report.staff[0]?.appeared).toEqual([reclaim]);
    expect(report.staff[0]?.delta.reclaims).toBe(1);
    expect(report.company.delta.reclaims).toBe(1);
  });

  it('treats duplicates as a multiset', () => {
    const base = [fine('s1', 2000), fine('s1', 2000)];
    const candidate = [fine('s1', 2000), fine('s1', 2000), fine('s1', 2000)];
    const more = whatIf(base, candidate);
    expect(more.counts).toMatchObject({ same: 2, appeared: 1, disappeared: 0, changed: 0 });
    expect(more.staff[0]?.delta).toMatchObject({ fines: 1, finesFen: 2000 });
    const fewer = whatIf(candidate, base);
    expect(fewer.counts).toMatchObject({ same: 2, appeared: 0, disappeared: 1, changed: 0 });
  });

  it('counts department credit in the company totals only', () => {
    const base = [make({ kind: 'deal.credited', clientId: 'c1', to: 's1', amountFen: 50_000, rule: 'R2' })];
    const candidate = [make({ kind: 'deal.credited', clientId: 'c1', to: 'department', amountFen: 50_000, rule: 'R4' }, DRAFT_REF)];
    const report = whatIf(base, candidate);
    expect(report.company.delta.creditToDepartmentFen).toBe(50_000);
    expect(report.company.delta.creditToStaffFen).toBe(-50_000);
    expect(report.staff.map((s) => s.staffId)).toEqual(['s1']);
    expect(report.staff[0]?.delta.creditToStaffFen).toBe(-50_000);
    expect(report.staff[0]?.changed[0]?.fields).toEqual(['rule', 'to']);
    expect(report.unattributed.changed).toEqual([]);
  });

  it('lists an allocation that went to someone else under both members', () => {
    const base = [make({ kind: 'lead.allocated', clientId: 'c1', staffId: 's1', rule: 'P1' })];
    const candidate = [make({ kind: 'lead.allocated', clientId: 'c1', staffId: 's2', rule: 'P1' }, DRAFT_REF)];
    const report = whatIf(base, candidate);
    expect(report.counts.changed).toBe(1);
    expect(report.staff.map((s) => [s.staffId, s.delta.allocations, s.changed.length])).toEqual([
      ['s1', -1, 1],
      ['s2', 1, 1],
    ]);
  });

  it('keeps tiering changes apart from staff', () => {
    const tiered = (tier: string): Decision => make({ kind: 'client.tiered', clientId: 'c1', tier, expectedDealFen: 50_000_000, rule: 'T1' });
    const report = whatIf([tiered('B')], [tiered('A')]);
    expect(report.staff).toEqual([]);
    expect(report.unattributed.changed[0]?.fields).toEqual(['tier']);
  });

  it('sorts staff by the largest absolute change in fines, then by id', () => {
    const base = [fine('s3', 2000), fine('s2', 2000), fine('s1', 2000)];
    const candidate = [fine('s3', 2500), fine('s1', 7000), make({ kind: 'staff.paused', staffId: 's0', count: 1, rule: 'D1' }), fine('s4', 3000)];
    const report = whatIf(base, candidate);
    expect(report.staff.map((s) => [s.staffId, s.delta.finesFen])).toEqual([
      ['s1', 5000],
      ['s4', 3000],
      ['s2', -2000],
      ['s3', 500],
      ['s0', 0],
    ]);
  });

  it('is deterministic', () => {
    const base = [fine('s1', 2000), ban('s2', '2026-03-01T10:00:00+08:00', '2026-03-08T10:00:00+08:00')];
    const candidate = [fine('s1', 5000), fine('s2', 2000)];
    expect(JSON.stringify(whatIf(base, candidate))).toBe(JSON.stringify(whatIf(base, candidate)));
  });
});

describe('diffDecisionsInSteps', () => {
  it('pauses on long lists and gives the diff diffDecisions gives', () => {
    // 45,000 fines, one a minute; the candidate raises every thousandth and drops every 5,000th.
    const fine = (i: number, amountFen: number): Decision =>
      ({ id: `d${i}`, kind: 'staff.fined', at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), rule: 'F1', staffId: `s${i % 50}`, amountFen, reason: 'late_entry', policy: { id: 'p', version: '1', hash: 'h' }, cause: [`e${i}`], explain: { zh: '', en: '' } }) as unknown as Decision;
    const base = Array.from({ length: 45_000 }, (_, i) => fine(i, 2000));
    const candidate = base.flatMap((d, i) => (i % 5_000 === 0 ? [] : [i % 1_000 === 0 ? fine(i, 5000) : d]));
    const steps = diffDecisionsInSteps(base, candidate);
    let pauses = 0;
    let step = steps.next();
    while (step.done !== true) {
      pauses++;
      step = steps.next();
    }
    expect(pauses).toBeGreaterThanOrEqual(Math.floor((base.length + candidate.length) / DIFF_STEP));
    const diff = step.value;
    expect(diff).toEqual(diffDecisions(base, candidate));
    expect(diff.disappeared.map((d) => d.id)).toEqual(Array.from({ length: 9 }, (_, k) => `d${k * 5_000}`));
    expect(diff.changed.map((c) => [c.base.id, c.fields])).toEqual(
      Array.from({ length: 45 }, (_, k) => k * 1_000)
        .filter((i) => i % 5_000 !== 0)
        .map((i) => [`d${i}`, ['amountFen']]),
    );
    expect(diff.appeared).toEqual([]);
    expect(diff.same).toBe(45_000 - 9 - 36);
  });
});
