import { readFileSync } from 'node:fs';
import { policyHash, validatePolicy } from '@allot/engine';
import type { AllotEvent } from '@allot/engine';
import { describe, expect, it } from 'vitest';
import { METRICS } from '../metrics';
import type { WhatIfLine } from '../types';
import { personDetailOf, planRun, replayRun, resultOf } from '../run';
import { historyOf } from '../history';
import { whatIfStream } from '../stream';

/**
 * "Allocations as recorded": both runs hand every lead to the same person; what the candidate's
 * bans and pauses would have blocked shows as allocations blocked. Small histories whose
 * outcome is worked out by hand from SPEC §2, then the demo history; and the NDJSON stream with
 * its cancellation.
 */

const root = new URL('../../../../../', import.meta.url);
type Content = { rules: Record<string, Record<string, unknown>> };
const seed = JSON.parse(readFileSync(new URL('policies/sales-resource/1.0.0.json', root), 'utf8')) as Content;
const demo = readFileSync(new URL('examples/history.jsonl', root), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AllotEvent);

const version = (v: string, content: unknown) => {
  const check = validatePolicy(content);
  if (!check.ok) throw new Error(JSON.stringify(check.errors));
  return { version: v, hash: policyHash(content), policy: check.policy, edited: false };
};
const edit = (change: (c: Content) => void): Content => {
  const c = structuredClone(seed);
  change(c);
  return c;
};

async function compare(events: AllotEvent[], candidate: Content, allocationsAsRecorded: boolean) {
  const planned = planRun(historyOf(events), { policyId: 'sales-resource', base: version('1.0.0', seed), candidate: version('9.9.9', candidate), from: '2026-01-01T00:00:00+08:00', to: null, team: null, allocationsAsRecorded });
  if (!planned.ok) throw new Error(planned.error);
  const replayed = await replayRun(planned.run);
  return { result: resultOf(planned.run, replayed, 0), detail: (id: string) => personDetailOf(planned.run, replayed, id) };
}

let n = 0;
const at = (day: number, time = '10:00') => `2026-01-${String(day).padStart(2, '0')}T${time}:00+08:00`;
const ev = (fields: Record<string, unknown>) => ({ id: `x${++n}`, ...fields }) as AllotEvent;
const ring = () => ['s1', 's2', 's3'].map((staffId) => ev({ type: 'staff.joined', at: '2026-01-01T00:00:00+08:00', staffId, role: 'rep', level: 'B' }));
const allocate = (day: number, clientId: string, mode: 'pool' | 'direct' = 'pool') => ev({ type: 'lead.allocate', at: at(day), clientId, mode });
const person = (r: Awaited<ReturnType<typeof compare>>['result'], id: string) => r.people.find((p) => p.staffId === id);

describe('allocations as recorded', () => {
  // s1 is banned from Jan 2 (7 days under the base, 30 under the candidate). The base ring gives
  // c1 → s2, c2 → s3, c3 → s1 (ban over), c4 → s2, c5 → s3, c6 → s1.
  const banned = [...ring(), ev({ type: 'violation', at: at(2, '09:00'), staffId: 's1', severity: 'normal' }), ...[3, 4, 10, 11, 12, 13].map((d, i) => allocate(d, `c${i + 1}`))];
  const longBan = edit((c) => ((c.rules['V1'] as { rungs: { then: { banDays: number } }[] }).rungs[0]!.then.banDays = 30));

  it('a longer ban: the same allocations, and the two that went to s1 during the longer ban are blocked', async () => {
    const { result, detail } = await compare(banned, longBan, true);
    expect(result.convertedAllocations).toBe(6);
    expect(result.totals.delta).toMatchObject({ banDays: 23, allocationsBlocked: 2, allocations: 0 });
    expect(person(result, 's1')?.delta).toMatchObject({ banDays: 23, allocationsBlocked: 2, allocations: 0 });
    expect(result.people.map((p) => p.staffId)).toEqual(['s1']);
    const breaches = detail('s1').candidate.filter((p) => p.decision.kind === 'allocation.breach');
    expect(breaches.map((p) => [p.decision.at.slice(0, 10), p.status, 'reason' in p.decision && p.decision.reason])).toEqual([
      ['2026-01-10', 'only', 'banned'],
      ['2026-01-13', 'only', 'banned'],
    ]);
    // The allocations themselves are the base run's, marked as recorded, and the same in both.
    const allocated = detail('s1').candidate.filter((p) => p.decision.kind === 'lead.allocated');
    expect(allocated.map((p) => [p.status, p.asRecorded])).toEqual([
      ['same', true],
      ['same', true],
    ]);
  });

  it('re-running the ring instead moves the leads to other people and blocks nothing', async () => {
    const { result } = await compare(banned, longBan, false);
    expect(result.convertedAllocations).toBe(0);
    expect(result.totals.delta.allocationsBlocked).toBe(0);
    expect(person(result, 's1')?.delta.allocations).toBe(-2);
    expect(result.totals.delta.allocations).toBe(0);
  });

  // c1 is allocated directly to s1 on Jan 2 and nobody follows up: D1 pauses s1 (1 under the base,
  // 2 under the candidate). The base ring passes s1 once (c4, using the pause) and gives s1 c6
  // and c9. Under the candidate the pass uses one pause, c6 is blocked by the second (using it
  // up), and c9 is not blocked: pauses are used up as the ring would, not kept for ever.
  const paused = [...ring(), allocate(2, 'c1', 'direct'), ...[3, 4, 5, 6, 7, 8, 9, 10].map((d, i) => allocate(d, `c${i + 2}`))];
  const twoPauses = edit((c) => ((c.rules['D1'] as { then: { pause: number } }).then.pause = 2));

  it('more pauses: one more allocation blocked, the next one not', async () => {
    const { result, detail } = await compare(paused, twoPauses, true);
    expect(result.totals.delta).toMatchObject({ pauses: 1, allocationsBlocked: 1, allocations: 0 });
    const base = detail('s1').base.filter((p) => p.decision.kind === 'lead.allocated').map((p) => 'clientId' in p.decision && p.decision.clientId);
    expect(base).toEqual(['c1', 'c6', 'c9']);
    const blocked = detail('s1').candidate.filter((p) => p.decision.kind === 'allocation.breach');
    expect(blocked.map((p) => ['clientId' in p.decision && p.decision.clientId, 'reason' in p.decision && p.decision.reason, p.decision.rule])).toEqual([['c6', 'paused', 'D1']]);
  });

  it('the same policy on both sides decides exactly the same, on the demo history too', async () => {
    for (const events of [banned, paused, demo]) {
      const { result } = await compare(events, seed, true);
      expect(result.decisions.differing).toBe(0);
      expect(result.people).toEqual([]);
      for (const m of METRICS) expect(result.totals.delta[m], m).toBe(0);
    }
  });
});

describe('the NDJSON stream', () => {
  const history = historyOf(demo);
  const run = (fen: number) => {
    const planned = planRun(history, { policyId: 'sales-resource', base: version('1.0.0', seed), candidate: version('1.1.0', edit((c) => ((c.rules['F1'] as { fineFen: number }).fineFen = fen))), from: null, to: null, team: null, allocationsAsRecorded: true });
    if (!planned.ok) throw new Error(planned.error);
    return planned.run;
  };
  const lines = async (stream: ReadableStream<Uint8Array>, onLine: (line: WhatIfLine) => void = () => undefined): Promise<WhatIfLine[]> => {
    const out: WhatIfLine[] = [];
    let buffer = '';
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read();
      buffer += value === undefined ? '' : decoder.decode(value, { stream: true });
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const p of parts.filter((x) => x !== '')) {
        const line = JSON.parse(p) as WhatIfLine;
        out.push(line);
        onLine(line);
      }
      if (done) return out;
    }
  };

  it('reports progress, then the result', async () => {
    const got = await lines(whatIfStream(run(3100), new AbortController().signal));
    expect(got[0]?.type).toBe('start');
    expect(got.filter((l) => l.type === 'progress').length).toBeGreaterThan(2);
    const last = got[got.length - 1];
    expect(last?.type).toBe('result');
    const late = demo.filter((e) => e.type === 'entry.late' && e.form === 'abcd_table').length;
    if (last?.type === 'result') expect(last.result.totals.delta.finesFen).toBe(late * 1100);
  });

  it('stops when the request is aborted: no more progress, no result', async () => {
    const abort = new AbortController();
    let afterAbort = 0;
    const got = await lines(whatIfStream(run(3200), abort.signal), (line) => {
      if (abort.signal.aborted) afterAbort++;
      if (line.type === 'progress' && line.phase === 'candidate' && line.done > 0) abort.abort();
    });
    expect(abort.signal.aborted).toBe(true);
    expect(afterAbort).toBe(0);
    expect(got.some((l) => l.type === 'result' || l.type === 'error')).toBe(false);
    // Nothing half-done was remembered: the same run replays the candidate again from the start.
    const phases: string[] = [];
    await replayRun(run(3200), { onPhase: (phase, done) => phases.push(`${phase}:${done}`) });
    expect(phases).toContain('candidate:0');
  });
});
