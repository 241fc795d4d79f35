import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { policyHash, simulate, validatePolicy } from '@allot/engine';
import type { AllotEvent, AnyPolicy as Policy } from '@allot/engine';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvRecords, peopleCsv } from '../csv';
import { METRICS, zeroTotals } from '../metrics';
import type { PersonRow } from '../types';
import { personDetailOf, planRun, replayRun, resultOf } from '../run';
import type { RunPlan } from '../run';
import { historyOf } from '../history';

/**
 * The what-if computation over the demo history (examples/history.jsonl) and the seed policy:
 * the expectations are counted from the events themselves, not from the code under test.
 */

const root = new URL('../../../../../', import.meta.url);
const events = readFileSync(new URL('examples/history.jsonl', root), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AllotEvent);
const seed = JSON.parse(readFileSync(new URL('policies/sales-resource/1.0.0.json', root), 'utf8')) as { rules: Record<string, Record<string, unknown>> };
const history = historyOf(events);

const policyOf = (content: unknown): Policy => {
  const v = validatePolicy(content);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.policy;
};
const versionOf = (version: string, content: unknown) => ({ version, hash: policyHash(content), policy: policyOf(content) });
const withFines = (fen: number, fen2 = fen): unknown => {
  const c = structuredClone(seed);
  (c.rules['F1'] as { fineFen: number }).fineFen = fen;
  (c.rules['F2'] as { fineFen: number }).fineFen = fen2;
  return c;
};
const BASE = versionOf('1.0.0', seed);
const FIFTY = { ...versionOf('1.1.0', withFines(5000)), edited: false };

async function whatIf(plan: Partial<RunPlan> = {}) {
  const planned = planRun(history, { policyId: 'sales-resource', base: BASE, candidate: FIFTY, from: null, to: null, team: null, allocationsAsRecorded: true, ...plan });
  if (!planned.ok) throw new Error(planned.error);
  const replayed = await replayRun(planned.run);
  return { run: planned.run, replayed, result: resultOf(planned.run, replayed, 0) };
}

// Independent expectations, from the events.
const last = Math.max(...events.map((e) => Date.parse(e.at)));
const from90 = last - 90 * 86_400_000;
const lateIn = (fromMs: number, toMs: number, who: (staffId: string) => boolean = () => true) =>
  events.filter((e): e is Extract<AllotEvent, { type: 'entry.late' }> => e.type === 'entry.late' && Date.parse(e.at) >= fromMs && Date.parse(e.at) <= toMs && who(e.staffId));
const joined = new Map(events.flatMap((e) => (e.type === 'staff.joined' ? [[e.staffId, e] as const] : [])));

describe('what-if totals', () => {
  it('the 20元 → 50元 late-entry fines: fines change by exactly late entries × 30元, nothing else changes', async () => {
    const { result } = await whatIf();
    const late = lateIn(from90, last);
    expect(late.length).toBeGreaterThan(0);
    expect(result.period).toMatchObject({ from: new Date(from90).toISOString(), to: new Date(last).toISOString(), days: 90 });
    expect(result.totals.delta.finesFen).toBe(late.length * 3000);
    expect(result.totals.base.finesFen).toBe(late.length * 2000);
    expect(result.totals.base.fines).toBe(late.length);
    expect(result.totals.candidate.fines).toBe(late.length);
    for (const m of METRICS) if (m !== 'finesFen') expect(result.totals.delta[m], m).toBe(0);
    // Per person: exactly those with late entries, each by their own count × 30元.
    const perStaff = new Map<string, number>();
    for (const e of late) perStaff.set(e.staffId, (perStaff.get(e.staffId) ?? 0) + 1);
    expect(new Map(result.people.map((p) => [p.staffId, p.delta.finesFen]))).toEqual(new Map([...perStaff].map(([id, n]) => [id, n * 3000])));
    expect(result.people.every((p) => p.differing === perStaff.get(p.staffId))).toBe(true);
    expect(result.decisions.differing).toBe(late.length);
    // The weeks add up to the totals.
    const weekly = result.weeks.reduce((sum, w) => sum + w.candidate.finesFen, 0);
    expect(weekly).toBe(result.totals.candidate.finesFen);
    expect(result.weeks.every((w) => new Date(`${w.week}T12:00:00Z`).getUTCDay() === 1)).toBe(true);
  });

  it('company totals are the engine’s own decisions in the period, added up', async () => {
    const { result } = await whatIf();
    const decisions = simulate(BASE.policy, events).filter((d) => Date.parse(d.at) >= from90 && Date.parse(d.at) <= last);
    const sum = (kind: string) => decisions.filter((d) => d.kind === kind).length;
    expect(result.totals.base.reclaims).toBe(sum('client.reclaim_due') + sum('client.reclaimed'));
    expect(result.totals.base.reviewNotices).toBe(sum('client.review_due'));
    expect(result.totals.base.hotlineBans).toBe(sum('staff.hotline_banned'));
    expect(result.totals.base.allocationsBlocked).toBe(sum('allocation.breach') + decisions.filter((d) => d.kind === 'lead.unallocated' && d.reason === 'no_eligible_staff').length);
    expect(result.totals.base.pauses).toBe(decisions.reduce((n, d) => n + (d.kind === 'staff.paused' ? d.count : 0), 0));
    expect(result.totals.base.creditToDepartmentFen).toBe(decisions.reduce((n, d) => n + (d.kind === 'deal.credited' && d.to === 'department' ? d.amountFen : 0), 0));
    expect(result.totals.base.allocations).toBe(sum('lead.allocated'));
    expect(result.decisions.base).toBe(decisions.length);
  });

  it('opens one person: their decisions under both versions, the fines marked changed, explanations in both languages', async () => {
    const { run, replayed } = await whatIf();
    const someone = lateIn(from90, last)[0]?.staffId ?? '';
    const detail = personDetailOf(run, replayed, someone);
    const fines = (side: 'base' | 'candidate') => detail[side].filter((p) => p.decision.kind === 'staff.fined');
    expect(fines('base').map((p) => [p.status, 'amountFen' in p.decision ? p.decision.amountFen : 0])).toEqual(fines('candidate').map((p) => [p.status, 2000]));
    expect(fines('candidate').every((p) => p.status === 'changed' && 'amountFen' in p.decision && p.decision.amountFen === 5000)).toBe(true);
    expect(fines('candidate')[0]?.decision.explain.zh).toContain('50.00 元');
    expect(fines('base')[0]?.decision.explain.en).toContain('20.00 yuan');
    expect(detail.totals.delta.finesFen).toBe(fines('base').length * 3000);
    // Everything else about them is the same decision in both runs.
    expect(detail.base.filter((p) => p.status !== 'same').length).toBe(fines('base').length);
  });
});

describe('what-if filters', () => {
  it('a team counts only its members: reps serving B, receptionists', async () => {
    for (const team of ['level:B', 'role:receptionist', 'role:rep']) {
      const member = (id: string) => {
        const s = joined.get(id);
        return team === 'level:B' ? s?.role === 'rep' && s.level === 'B' : s?.role === team.slice(5);
      };
      const { result } = await whatIf({ team });
      expect(result.team?.key).toBe(team);
      expect(result.team?.members).toBe([...joined.keys()].filter(member).length);
      expect(result.totals.delta.finesFen, team).toBe(lateIn(from90, last, member).length * 3000);
      expect(result.people.every((p) => member(p.staffId)), team).toBe(true);
    }
    expect(planRun(history, { policyId: 'x', base: BASE, candidate: FIFTY, from: null, to: null, team: 'role:chairman', allocationsAsRecorded: true })).toMatchObject({ ok: false, error: 'bad_team' });
  });

  it('a period keeps only decisions in it, and replays the history before it', async () => {
    const from = '2026-02-01T00:00:00+08:00';
    const to = '2026-02-28T23:59:59.999+08:00';
    const { result } = await whatIf({ from, to });
    const fromMs = Date.parse(from);
    const toMs = Date.parse(to);
    expect(result.period).toMatchObject({ from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), days: 28 });
    expect(result.period.events).toBe(events.filter((e) => Date.parse(e.at) >= fromMs && Date.parse(e.at) <= toMs).length);
    expect(result.totals.delta.finesFen).toBe(lateIn(fromMs, toMs).length * 3000);
    expect(result.weeks[0]?.week).toBe('2026-01-26');
    expect(result.weeks[result.weeks.length - 1]?.week).toBe('2026-02-23');
    // The end is capped at the latest stored event; a start after the end is refused.
    const capped = await whatIf({ from: '2026-03-20T00:00:00+08:00', to: '2027-01-01T00:00:00+08:00' });
    expect(capped.result.period.to).toBe(new Date(last).toISOString());
    expect(planRun(history, { policyId: 'x', base: BASE, candidate: FIFTY, from: '2026-03-02T00:00:00+08:00', to: '2026-03-01T00:00:00+08:00', team: null, allocationsAsRecorded: true })).toMatchObject({ ok: false, error: 'bad_period' });
  });
});

describe('what-if CSV', () => {
  it('one record per person: who, then base / candidate / change of every measure; money in 元 from integer fen', async () => {
    const { result } = await whatIf();
    const records = csvRecords(result.people);
    expect(records.length).toBe(result.people.length);
    const one = result.people[0] as PersonRow;
    expect(records[0]).toMatchObject({ staffId: one.staffId, finesYuan_base: String(one.base.finesFen / 100), finesYuan_candidate: String(one.candidate.finesFen / 100), finesYuan_delta: String(one.delta.finesFen / 100), fines_delta: 0 });
    const parsed = Papa.parse<Record<string, string>>(peopleCsv(result.people).replace(/^\ufeff/, ''), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...CSV_COLUMNS]);
    expect(parsed.data.map((r) => r['staffId'])).toEqual(result.people.map((p) => p.staffId));
    expect(parsed.data.reduce((n, r) => n + Number(r['finesYuan_delta']), 0)).toBe(lateIn(from90, last).length * 30);
  });

  it('quotes what needs quoting and keeps fen exact', () => {
    const t = zeroTotals();
    const row: PersonRow = { staffId: 's9', name: 'Li, "Jr"\n2', role: 'rep', level: 'B', base: { ...t, finesFen: 2050 }, candidate: { ...t, finesFen: 5001 }, delta: { ...t, finesFen: 2951 }, differing: 1 };
    const csv = peopleCsv([row]);
    expect(csv.startsWith('\ufeffstaffId,name,role,level,differingDecisions,finesYuan_base')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.data[0]).toMatchObject({ name: 'Li, "Jr"\n2', finesYuan_base: '20.5', finesYuan_candidate: '50.01', finesYuan_delta: '29.51' });
  });
});
