import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseInstant, simulate } from '@allot/engine';
import type { AllotEvent, AnyPolicy as Policy } from '@allot/engine';
import { DEFAULT_POLICY_PATH, DEFAULT_POLICY_V2_PATH, loadScenario, prepare, scenarioNames } from './scenarios/scenario-loader.js';

const HISTORY_PATH = fileURLToPath(new URL('../examples/history.jsonl', import.meta.url));

interface Case {
  name: string;
  policy: Policy;
  events: AllotEvent[];
  until: string | undefined;
}

/** A small seeded generator (mulberry32), so a failing shuffle can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Reorders events by `order`, except that events sharing an instant keep their original relative
 * order (SPEC: ties keep file order, so only events at distinct instants may move).
 */
function reorder(events: readonly AllotEvent[], order: readonly AllotEvent[]): AllotEvent[] {
  const byInstant = new Map<number, AllotEvent[]>();
  for (const e of events) {
    const t = parseInstant(e.at) as number;
    const group = byInstant.get(t);
    if (group === undefined) byInstant.set(t, [e]);
    else group.push(e);
  }
  const used = new Map<number, number>();
  return order.map((e) => {
    const t = parseInstant(e.at) as number;
    const k = used.get(t) ?? 0;
    used.set(t, k + 1);
    return (byInstant.get(t) as AllotEvent[])[k] as AllotEvent;
  });
}

/** Events ordered by id, descending: far from time order for most files. */
const byIdDescending = (events: readonly AllotEvent[]): AllotEvent[] =>
  reorder(events, [...events].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)));

/** A seeded Fisher–Yates shuffle. */
function shuffled(events: readonly AllotEvent[], seed: number): AllotEvent[] {
  const random = seeded(seed);
  const copy = [...events];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as AllotEvent, copy[i] as AllotEvent];
  }
  return reorder(events, copy);
}

function cases(): Case[] {
  const list: Case[] = scenarioNames().flatMap((name) =>
    loadScenario(name).formats.map((format) => {
      const scenario = loadScenario(name, format);
      const { policy, events } = prepare(scenario);
      return { name: `${name} (format ${format})`, policy, events, until: scenario.until };
    }),
  );
  if (existsSync(HISTORY_PATH)) {
    for (const path of [DEFAULT_POLICY_PATH, DEFAULT_POLICY_V2_PATH]) {
      const { policy, events } = prepare({
        name: 'examples/history.jsonl',
        policyJson: JSON.parse(readFileSync(path, 'utf8')) as unknown,
        eventsText: readFileSync(HISTORY_PATH, 'utf8'),
      });
      list.push({ name: `examples/history.jsonl (${policy.version})`, policy, events, until: undefined });
    }
  }
  return list;
}

const all = cases();
const run = (c: Case, events: readonly AllotEvent[]): string =>
  JSON.stringify(simulate(c.policy, events, c.until === undefined ? {} : { until: c.until }));

describe('determinism', () => {
  it.each(all.map((c) => [c.name, c] as const))('%s: two runs are byte-identical', (_name, c) => {
    expect(run(c, c.events)).toBe(run(c, c.events));
  });

  it.each(all.map((c) => [c.name, c] as const))('%s: event file order does not matter (simulate sorts by time)', (_name, c) => {
    const reference = run(c, c.events);
    expect(run(c, byIdDescending(c.events))).toBe(reference);
    expect(run(c, shuffled(c.events, 20260301))).toBe(reference);
  });
});
