import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createEngine,
  EngineError,
  parseEvents,
  simulate,
  simulateStream,
  simulateStreamAsync,
  validatePolicy,
  type AllotEvent,
  type Decision,
  type Policy,
} from '@allot/engine';
import { generateHistory } from '../../../examples/history/generate.js';

const root = new URL('../../../', import.meta.url);
const loadPolicy = (): Policy => {
  const checked = validatePolicy(JSON.parse(readFileSync(new URL('policies/sales-resource/1.0.0.json', root), 'utf8')));
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.policy as Policy;
};
const policy = loadPolicy();
const history: AllotEvent[] = [...generateHistory({ seed: 11, staff: 24, clients: 400, months: 4, start: '2026-01-01T00:00:00+08:00' })];

const lines = (decisions: readonly Decision[]): string[] => decisions.map((d) => JSON.stringify(d));

describe('engine entry points agree', () => {
  const expected = lines(simulate(policy, history));

  it('decides something for every kind of rule in a realistic history', () => {
    const rules = new Set(simulate(policy, history).map((d) => d.rule));
    for (const id of ['T1', 'M4', 'F1', 'F2', 'V1', 'D1', 'D2', 'R1', 'R2', 'R3', 'R4', 'R5', 'P1', 'L1']) expect(rules, id).toContain(id);
  });

  it('simulateStream gives simulate’s decisions, byte for byte', () => {
    expect(lines([...simulateStream(policy, history)])).toEqual(expected);
  });

  it('simulateStreamAsync gives the same from an async iterable', async () => {
    async function* feed(): AsyncGenerator<AllotEvent> {
      for (const e of history) yield e;
    }
    const out: Decision[] = [];
    for await (const d of simulateStreamAsync(policy, feed())) out.push(d);
    expect(lines(out)).toEqual(expected);
  });

  it('createEngine fed one event at a time gives the same decisions', () => {
    const engine = createEngine(policy);
    const out: Decision[] = [];
    for (const e of history) out.push(...engine.apply(e));
    out.push(...engine.advanceTo(history[history.length - 1]?.at ?? '2026-01-01T00:00:00+08:00'));
    expect(lines(out)).toEqual(expected);
  });

  it('until cuts the history and its deadlines', () => {
    const until = '2026-02-15T00:00:00+08:00';
    const cut = simulate(policy, history, { until });
    const limit = Date.parse(until);
    expect(cut.every((d) => Date.parse(d.at) <= limit)).toBe(true);
    const full = simulate(policy, history);
    expect(lines(cut)).toEqual(lines(full.filter((d) => Date.parse(d.at) <= limit)));
  });
});

describe('engine misuse is a clear error', () => {
  it('refuses events out of time order in the streaming form', () => {
    const events = parseEvents(
      [
        '{"id":"a","type":"staff.joined","at":"2026-03-02T10:00:00+08:00","staffId":"s1","role":"rep"}',
        '{"id":"b","type":"staff.joined","at":"2026-03-02T09:00:00+08:00","staffId":"s2","role":"rep"}',
      ].join('\n'),
    ).events;
    expect(() => [...simulateStream(policy, events)]).toThrow(EngineError);
    expect(() => [...simulateStream(policy, events)]).toThrow(/"b" at 2026-03-02T09:00:00\+08:00 is earlier/);
    // simulate sorts first, so the same events are fine there.
    expect(simulate(policy, events)).toEqual([]);
  });

  it('refuses a bad until', () => {
    expect(() => simulate(policy, [], { until: 'tomorrow' })).toThrow(/until/);
  });

  it('refuses the reference mode on the synchronous entry points', () => {
    expect(() => createEngine(policy, { mode: 'reference' })).toThrow(EngineError);
  });
});

describe('a new policy version takes over with state carried across', () => {
  const events = parseEvents(
    [
      '{"id":"j","type":"staff.joined","at":"2026-03-01T09:00:00+08:00","staffId":"s1","role":"rep"}',
      '{"id":"v1","type":"violation","at":"2026-03-02T09:00:00+08:00","staffId":"s1","severity":"normal"}',
      '{"id":"l1","type":"entry.late","at":"2026-03-03T09:00:00+08:00","staffId":"s1","form":"abcd_table"}',
      '{"id":"v2","type":"violation","at":"2026-03-10T09:00:00+08:00","staffId":"s1","severity":"normal"}',
      '{"id":"l2","type":"entry.late","at":"2026-03-10T10:00:00+08:00","staffId":"s1","form":"abcd_table"}',
    ].join('\n'),
  ).events;

  it('decides earlier events under the old version and later ones under the new', () => {
    const draft = structuredClone(policy) as Policy;
    draft.version = '1.1.0';
    draft.rules.F1.fineFen = 5000;
    const checked = validatePolicy(draft);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const engine = createEngine(policy);
    const out: Decision[] = [];
    for (const e of events) {
      if (e.id === 'v2') engine.usePolicy(checked.policy);
      out.push(...engine.apply(e));
    }
    const fines = out.filter((d) => d.kind === 'staff.fined');
    expect(fines.map((d) => [d.policy.version, (d as { amountFen: number }).amountFen])).toEqual([
      ['1.0.0', 2000],
      ['1.1.0', 5000],
    ]);
    // The violation count carried across the switch: the second violation is the 15-day rung.
    const bans = out.filter((d) => d.kind === 'staff.banned');
    expect(bans.map((d) => [d.policy.version, (d as { until: string }).until])).toEqual([
      ['1.0.0', '2026-03-09T09:00:00+08:00'],
      ['1.1.0', '2026-03-25T09:00:00+08:00'],
    ]);
  });
});

describe('snapshots', () => {
  it('resume mid-history with exactly the decisions of an uninterrupted run', () => {
    const expected = lines(simulate(policy, history));
    for (const cut of [1, Math.floor(history.length / 3), Math.floor(history.length / 2), history.length - 1]) {
      const first = createEngine(policy);
      const out: Decision[] = [];
      for (const e of history.slice(0, cut)) out.push(...first.apply(e));
      const saved = JSON.parse(JSON.stringify(first.snapshot())) as ReturnType<typeof first.snapshot>;
      const second = createEngine(policy, { snapshot: saved });
      expect(second.now).toBe(first.now);
      for (const e of history.slice(cut)) out.push(...second.apply(e));
      out.push(...second.advanceTo(history[history.length - 1]?.at ?? ''));
      expect(lines(out), `cut at ${cut}`).toEqual(expected);
    }
  });

  it('advanceTo can stop strictly before an instant', () => {
    const engine = createEngine(policy);
    for (const e of parseEvents('{"id":"t1","type":"tier.mismatch","at":"2026-01-05T10:00:00+08:00","clientId":"c1","receptionistId":"k1","repId":"r1","classifiedTier":"A","actualTier":"B","approvedBy":"m1"}').events) engine.apply(e);
    expect(engine.advanceTo('2026-02-01T00:00:00+08:00', { inclusive: false })).toEqual([]);
    expect(engine.now).toBe(Date.parse('2026-01-05T10:00:00+08:00'));
  });
});

describe('pauses left', () => {
  it('counts pauses imposed and used up by the allocation ring, and reports who changed', () => {
    const engine = createEngine(policy);
    const events = parseEvents(
      [
        '{"id":"j1","type":"staff.joined","at":"2026-03-02T09:00:00+08:00","staffId":"r1","role":"rep"}',
        '{"id":"j2","type":"staff.joined","at":"2026-03-02T09:00:00+08:00","staffId":"r2","role":"rep"}',
        '{"id":"a1","type":"lead.allocate","at":"2026-03-02T10:00:00+08:00","clientId":"c1","mode":"direct"}',
        '{"id":"a2","type":"lead.allocate","at":"2026-03-02T11:00:00+08:00","clientId":"c2"}',
        '{"id":"a3","type":"lead.allocate","at":"2026-03-02T12:00:00+08:00","clientId":"c3"}',
      ].join('\n'),
    ).events;
    const [j1, j2, a1, a2, a3] = events;
    if (j1 === undefined || j2 === undefined || a1 === undefined || a2 === undefined || a3 === undefined) throw new Error('fixture');
    engine.apply(j1);
    engine.apply(j2);
    engine.apply(a1); // r1 gets c1 directly and never follows up: paused once at 10:10.
    expect(engine.takePauseChanges()).toEqual([]);
    engine.apply(a2); // the D1 pause fires first; the pointer is at r2, who gets c2.
    expect(engine.pausesLeft('r1')).toBe(1);
    expect(engine.takePauseChanges()).toEqual(['r1']);
    engine.apply(a3); // the ring reaches r1, uses up the pause, and gives c3 to r2.
    expect(engine.pausesLeft('r1')).toBe(0);
    expect(engine.takePauseChanges()).toEqual(['r1']);
    expect(engine.pausesLeft('nobody')).toBe(0);
  });
});

describe('using a pause up outside the ring', () => {
  it('uses the earliest pause first, as the ring does, and leaves the same state as the ring', () => {
    const events = parseEvents(
      [
        '{"id":"j1","type":"staff.joined","at":"2026-03-02T09:00:00+08:00","staffId":"r1","role":"rep"}',
        '{"id":"j2","type":"staff.joined","at":"2026-03-02T09:00:00+08:00","staffId":"r2","role":"rep"}',
        '{"id":"a1","type":"lead.allocate","at":"2026-03-02T10:00:00+08:00","clientId":"c1","mode":"direct"}',
        '{"id":"a2","type":"lead.allocate","at":"2026-03-02T11:00:00+08:00","clientId":"c2"}',
      ].join('\n'),
    ).events;
    const byRing = createEngine(policy);
    const byHand = createEngine(policy);
    for (const e of events) {
      byRing.apply(e);
      byHand.apply(e);
    }
    expect(byHand.pausesLeft('r1')).toBe(1);
    byHand.takePauseChanges();
    expect(byHand.usePause('r1')).toBe(true);
    expect(byHand.pausesLeft('r1')).toBe(0);
    expect(byHand.takePauseChanges()).toEqual(['r1']);
    expect(byHand.usePause('r1')).toBe(false);
    expect(byHand.usePause('nobody')).toBe(false);
    // The ring uses r1's pause at the next allocation that reaches them: the staff state is then the same.
    const a3 = parseEvents('{"id":"a3","type":"lead.allocate","at":"2026-03-02T12:00:00+08:00","clientId":"c3"}').events[0];
    if (a3 === undefined) throw new Error('fixture');
    byRing.apply(a3);
    const staffOf = (engine: typeof byRing) => engine.snapshot().state.staff.find((m) => m.id === 'r1');
    expect(byRing.pausesLeft('r1')).toBe(0);
    expect(staffOf(byHand)?.pauses).toEqual(staffOf(byRing)?.pauses);
  });
});

describe('pauses left after a snapshot', () => {
  it('a resumed engine reports every member with pauses left once', () => {
    const first = createEngine(policy);
    const events = parseEvents(
      [
        '{"id":"j1","type":"staff.joined","at":"2026-03-02T09:00:00+08:00","staffId":"r1","role":"rep"}',
        '{"id":"j2","type":"staff.joined","at":"2026-03-02T09:00:00+08:00","staffId":"r2","role":"rep"}',
        '{"id":"a1","type":"lead.allocate","at":"2026-03-02T10:00:00+08:00","clientId":"c1","mode":"direct"}',
      ].join('\n'),
    ).events;
    for (const e of events) first.apply(e);
    first.advanceTo('2026-03-02T10:10:00+08:00'); // r1 did not follow up: one pause
    expect(first.pausesLeft('r1')).toBe(1);
    const resumed = createEngine(policy, { snapshot: first.snapshot() });
    expect(resumed.takePauseChanges()).toEqual(['r1']);
    expect(resumed.takePauseChanges()).toEqual([]);
    expect(resumed.pausesLeft('r1')).toBe(1);
  });
});
