import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine, parseInstant, simulate, simulateReference, validatePolicy } from '@allot/engine';
import type { AllotEvent, AnyPolicy, Decision } from '@allot/engine';
import { readFileSync } from 'node:fs';

/**
 * Appeals against the oracle the issue names: for random histories (violations normal and
 * serious, late entries, tier mismatches) with random overturns and dismissals of sanctions in
 * force, the sanctions in force after the appeals are exactly those a replay of the history
 * without the overturned offences gives.
 */

const load = (path: string): AnyPolicy => {
  const checked = validatePolicy(JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')));
  if (!checked.ok) throw new Error(`${path} is invalid`);
  return checked.policy;
};
const V1 = load('../../../policies/sales-resource/1.0.0.json');
const V2 = load('../../../policies/sales-resource/2.0.0.json');

const DAY = 86_400_000;
const START = Date.parse('2026-01-05T01:00:00Z');
const END = START + 150 * DAY;
const iso = (t: number): string => new Date(t).toISOString();
const REPS = ['r1', 'r2'];
const RECEPTIONISTS = ['rc1', 'rc2'];
const SANCTION = new Set(['staff.paused', 'staff.banned', 'staff.hotline_banned', 'staff.fined', 'staff.termination_review']);
const MONTH_RUNGS = new Set(['M1', 'M2', 'M3']);

type Happening = { day: number; minute: number; what: 'normal' | 'serious' | 'late' | 'mismatch'; who: number };
type Appeal = { day: number; pick: number; how: 'dismiss' | 'overturn' };

const happening = fc.record({
  day: fc.integer({ min: 0, max: 110 }),
  minute: fc.integer({ min: 0, max: 600 }),
  what: fc.constantFrom<Happening['what']>('normal', 'normal', 'serious', 'late', 'mismatch', 'mismatch', 'mismatch'),
  who: fc.nat({ max: 1 }),
});
const appeal = fc.record({ day: fc.integer({ min: 1, max: 130 }), pick: fc.nat({ max: 1000 }), how: fc.constantFrom<Appeal['how']>('dismiss', 'overturn') });

function historyOf(list: Happening[]): AllotEvent[] {
  const events: AllotEvent[] = [
    ...REPS.map((s, i): AllotEvent => ({ id: `j${i}`, type: 'staff.joined', at: iso(START - DAY), staffId: s, role: 'rep' })),
    ...RECEPTIONISTS.map((s, i): AllotEvent => ({ id: `k${i}`, type: 'staff.joined', at: iso(START - DAY), staffId: s, role: 'receptionist' })),
  ];
  const timed = list.map((h, i) => ({ h, i, t: START + h.day * DAY + h.minute * 60_000 })).sort((a, b) => a.t - b.t || a.i - b.i);
  for (const { h, i, t } of timed) {
    const id = `e${i}`;
    const at = iso(t);
    const rep = REPS[h.who] as string;
    if (h.what === 'late') events.push({ id, type: 'entry.late', at, staffId: rep, form: 'abcd_table' });
    else if (h.what === 'mismatch') {
      events.push({ id, type: 'tier.mismatch', at, clientId: `c${i}`, receptionistId: RECEPTIONISTS[h.who] as string, repId: rep, classifiedTier: 'A', actualTier: 'C', approvedBy: 'm1' });
    } else events.push({ id, type: 'violation', at, staffId: rep, severity: h.what });
  }
  return events;
}

/** What a sanction punished, read from the outside: a month close's counted events, else the triggering (last counted) event. */
function offencesOf(d: Decision, appealIds: ReadonlySet<string>): string[] {
  const counted = d.cause.filter((id) => !appealIds.has(id));
  return MONTH_RUNGS.has(d.rule) ? counted : counted.slice(-1);
}

/** A sanction's identity in force: what it imposes, not when it was decided (a replacement is decided later). */
function inForceKey(d: Decision): string {
  const r = d as unknown as Record<string, unknown>;
  const instant = (v: unknown): string => (typeof v === 'string' ? String(parseInstant(v)) : '');
  return [d.kind, d.rule, r['staffId'], r['count'] ?? '', r['amountFen'] ?? '', r['reason'] ?? '', instant(r['from']), instant(r['until'])].join('|');
}

function inForce(decisions: readonly Decision[]): string[] {
  const superseded = new Set(decisions.filter((d) => d.kind === 'decision.superseded').map((d) => (d as { decisionId: string }).decisionId));
  return decisions.filter((d) => SANCTION.has(d.kind) && !superseded.has(d.id)).map(inForceKey).sort();
}

/** Runs the history with the appeals applied at their days; returns every decision and the offences set aside. */
function runWithAppeals(policy: AnyPolicy, events: AllotEvent[], appeals: Appeal[]): { decisions: Decision[]; removed: Set<string> } {
  const engine = createEngine(policy);
  const decisions: Decision[] = [];
  const removed = new Set<string>();
  const appealIds = new Set<string>();
  const slots = appeals.map((a, i) => ({ a, i, t: START + a.day * DAY + 12 * 3_600_000 + 1 })).sort((x, y) => x.t - y.t || x.i - y.i);
  let next = 0;
  const runSlot = (slot: { a: Appeal; i: number; t: number }): void => {
    decisions.push(...engine.advanceTo(slot.t, { inclusive: false }));
    const superseded = new Set(decisions.filter((d) => d.kind === 'decision.superseded').map((d) => (d as { decisionId: string }).decisionId));
    const candidates = decisions.filter((d) => SANCTION.has(d.kind) && !superseded.has(d.id));
    const windowed = candidates.filter((d) => (parseInstant(d.at) ?? 0) >= slot.t - 7 * DAY);
    const overturn = slot.a.how === 'overturn' && windowed.length > 0;
    const pool = overturn ? windowed : candidates;
    const target = pool[slot.a.pick % Math.max(1, pool.length)];
    if (target === undefined) return;
    const staffId = (target as { staffId: string }).staffId;
    const at = iso(slot.t);
    const answer: AllotEvent[] = overturn
      ? [
          { id: `ap${slot.i}`, type: 'decision.appealed', at, decisionId: target.id, staffId, reason: 'appeal' },
          { id: `ad${slot.i}`, type: 'appeal.decided', at, decisionId: target.id, outcome: 'overturned', by: 'm1', reason: 'overturned' },
        ]
      : [{ id: `dm${slot.i}`, type: 'decision.dismissed', at, decisionId: target.id, by: 'm1', reason: 'dismissed' }];
    for (const e of answer) {
      appealIds.add(e.id);
      expect(engine.check(e), `${e.type} of ${target.id}`).toBeNull();
      decisions.push(...engine.apply(e));
    }
    for (const id of offencesOf(target, appealIds)) removed.add(id);
  };
  for (const e of events) {
    const t = parseInstant(e.at) ?? 0;
    while (next < slots.length && (slots[next] as { t: number }).t < t) runSlot(slots[next++] as (typeof slots)[number]);
    decisions.push(...engine.apply(e));
  }
  while (next < slots.length) runSlot(slots[next++] as (typeof slots)[number]);
  decisions.push(...engine.advanceTo(END));
  return { decisions, removed };
}

describe('appeals: in force after the appeals = a replay without the overturned offences', () => {
  it.each([
    ['format 1', V1],
    ['format 2', V2],
  ])('%s', (_name, policy) => {
    fc.assert(
      fc.property(fc.array(happening, { minLength: 1, maxLength: 40 }), fc.array(appeal, { minLength: 1, maxLength: 6 }), (list, appeals) => {
        const events = historyOf(list);
        const { decisions, removed } = runWithAppeals(policy, events, appeals);
        const oracle = simulate(policy, events.filter((e) => !removed.has(e.id)), { until: iso(END) });
        expect(inForce(decisions)).toEqual(inForce(oracle));
      }),
      { numRuns: 120, seed: 20261218 },
    );
  });

  it('replays byte for byte, and the reference path (json-rules-engine) agrees', async () => {
    const events = historyOf([
      { day: 1, minute: 0, what: 'normal', who: 0 },
      { day: 2, minute: 0, what: 'normal', who: 0 },
      { day: 3, minute: 0, what: 'normal', who: 0 },
    ]);
    const history: AllotEvent[] = [
      ...events,
      { id: 'ap', type: 'decision.appealed', at: iso(START + 4 * DAY), decisionId: 'e1#1', staffId: 'r1', reason: '不服' },
      { id: 'ad', type: 'appeal.decided', at: iso(START + 5 * DAY), decisionId: 'e1#1', outcome: 'overturned', by: 'm1', reason: '记录有误' },
    ];
    const a = simulate(V1, history);
    const b = simulate(V1, history);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.filter((d) => d.kind === 'decision.superseded').map((d) => (d as { decisionId: string }).decisionId)).toEqual(['e1#1', 'e2#1']);
    expect(JSON.stringify(await simulateReference(V1, history))).toBe(JSON.stringify(a));
  });

  it('resumes from a snapshot taken between the appeal and its decision', () => {
    const events = historyOf([
      { day: 1, minute: 0, what: 'normal', who: 0 },
      { day: 2, minute: 0, what: 'normal', who: 0 },
    ]);
    const appealed: AllotEvent = { id: 'ap', type: 'decision.appealed', at: iso(START + 3 * DAY), decisionId: 'e0#1', staffId: 'r1', reason: '不服' };
    const decided: AllotEvent = { id: 'ad', type: 'appeal.decided', at: iso(START + 4 * DAY), decisionId: 'e0#1', outcome: 'overturned', by: 'm1', reason: '记录有误' };
    const whole = simulate(V1, [...events, appealed, decided]);
    const first = createEngine(V1);
    const out: Decision[] = [];
    for (const e of [...events, appealed]) out.push(...first.apply(e));
    const resumed = createEngine(V1, { snapshot: first.snapshot() });
    out.push(...resumed.apply(decided));
    expect(JSON.stringify(out)).toBe(JSON.stringify(whole));
  });

  it('decides and changes nothing on an inadmissible event (check says why)', () => {
    const engine = createEngine(V1);
    for (const e of historyOf([{ day: 1, minute: 0, what: 'late', who: 0 }])) engine.apply(e);
    const late: AllotEvent = { id: 'ap', type: 'decision.appealed', at: iso(START + 9 * DAY), decisionId: 'e0#1', staffId: 'r1', reason: '晚了' };
    expect(engine.check(late)).toMatchObject({ field: 'at' });
    expect(engine.apply(late)).toEqual([]);
    expect(engine.sanction('e0#1')?.appealed).toBeUndefined();
    const dismissed: AllotEvent = { id: 'dm', type: 'decision.dismissed', at: iso(START + 9 * DAY), decisionId: 'e0#1', by: 'm1', reason: '录入错误' };
    expect(engine.apply(dismissed).map((d) => d.kind)).toEqual(['decision.superseded']);
  });
});
