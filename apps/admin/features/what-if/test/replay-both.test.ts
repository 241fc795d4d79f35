import { readFileSync } from 'node:fs';
import { validatePolicy } from '@allot/engine';
import type { AllotEvent, AnyPolicy } from '@allot/engine';
import { describe, expect, it } from 'vitest';
import { historyOf } from '../history';
import { replayBase, replayBoth, replayCandidate } from '../replay';

/**
 * Both runs in one pass over the history are the runs made one after the other: the same
 * decisions, allocations, pauses the ring used and deals, with allocations as recorded or not.
 */
const root = new URL('../../../../../', import.meta.url);
type Content = { rules: Record<string, Record<string, unknown>> };
const seed = JSON.parse(readFileSync(new URL('policies/sales-resource/1.0.0.json', root), 'utf8')) as Content;
const demo = readFileSync(new URL('examples/history.jsonl', root), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AllotEvent);
const policyOf = (content: unknown): AnyPolicy => {
  const check = validatePolicy(content);
  if (!check.ok) throw new Error(JSON.stringify(check.errors));
  return check.policy;
};
const edit = (change: (c: Content) => void): AnyPolicy => {
  const c = structuredClone(seed);
  change(c);
  return policyOf(c);
};

describe('replayBoth', () => {
  const history = historyOf(demo);
  const until = Date.parse(demo[demo.length - 1]?.at ?? '');
  const keepFrom = until - 30 * 86_400_000;
  const candidates: [string, AnyPolicy][] = [
    ['a fine of 50 元', edit((c) => ((c.rules['F1'] as { fineFen: number }).fineFen = 5000))],
    ['two pauses for a late follow-up', edit((c) => ((c.rules['D1'] as { then: { pause: number } }).then.pause = 2))],
    ['a 30-day first ban', edit((c) => ((c.rules['V1'] as { rungs: { then: { banDays: number } }[] }).rungs[0]!.then.banDays = 30))],
  ];
  for (const [name, candidate] of candidates) {
    for (const asRecorded of [true, false]) {
      it(`gives the runs one after the other would (${name}, allocations ${asRecorded ? 'as recorded' : 'by the ring'})`, async () => {
        const base = policyOf(seed);
        const one = await replayBase(base, history, until, { keepFrom });
        const two = await replayCandidate(candidate, history, until, asRecorded ? one : null, { keepFrom });
        const both = await replayBoth(base, candidate, history, until, asRecorded, { keepFrom });
        expect(both.base).toEqual(one);
        expect(both.candidate).toEqual(two);
        expect(one.decisions.length).toBeGreaterThan(100);
        if (asRecorded) expect(two.converted).toBeGreaterThan(0);
        // The candidate differs from the base, so the check compares two different runs.
        expect(two.decisions).not.toEqual(one.decisions);
      });
    }
  }
});
