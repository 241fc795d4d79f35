import { readFileSync } from 'node:fs';
import { DECISION_KINDS, parseEvents, simulate, validateEvent, validatePolicy } from '@allot/engine';
import type { AllotEvent, AnyPolicy, Decision } from '@allot/engine';
import { describe, expect, it } from 'vitest';
import { SAMPLE_OPTIONS, SAMPLE_PATH } from './generate-history.js';
import { generateHistory } from './history/generate.js';
import type { HistoryOptions } from './history/generate.js';

/** Every rule id of SPEC §2 that the engine decides (A1 and W1 are not engine decisions). */
const ENGINE_RULES = ['T1', 'M1', 'M2', 'M3', 'M4', 'F1', 'F2', 'V1', 'D1', 'D2', 'R1', 'R2', 'R3', 'R4', 'R5', 'P1', 'L1'];

function take(options: HistoryOptions, n: number): AllotEvent[] {
  const out: AllotEvent[] = [];
  for (const event of generateHistory(options)) {
    out.push(event);
    if (out.length === n) break;
  }
  return out;
}

function defaultPolicy(): AnyPolicy {
  const result = validatePolicy(JSON.parse(readFileSync(new URL('../policies/sales-resource/1.0.0.json', import.meta.url), 'utf8')));
  if (!result.ok) throw new Error(`bundled policy invalid: ${JSON.stringify(result.errors)}`);
  return result.policy;
}

const sample = [...generateHistory(SAMPLE_OPTIONS)];

describe('generateHistory', () => {
  it('is deterministic: the same seed gives the same events', () => {
    expect(take(SAMPLE_OPTIONS, 2000)).toEqual(take(SAMPLE_OPTIONS, 2000));
  });

  it('depends on the seed', () => {
    const a = take(SAMPLE_OPTIONS, 2000);
    const b = take({ ...SAMPLE_OPTIONS, seed: SAMPLE_OPTIONS.seed + 1 }, 2000);
    expect(JSON.stringify(b)).not.toBe(JSON.stringify(a));
  });

  it('yields valid events (SPEC §3) with unique ids, +08:00 times, in non-decreasing order', () => {
    const other = [...generateHistory({ seed: 7, staff: 80, clients: 1500, months: 5, start: '2026-03-15T10:30:00+08:00' })];
    for (const events of [sample, other]) {
      const ids = new Set<string>();
      let previous = Number.NEGATIVE_INFINITY;
      for (const [i, event] of events.entries()) {
        const check = validateEvent(JSON.parse(JSON.stringify(event)), i + 1);
        if (!check.ok) expect.fail(`${JSON.stringify(event)}: ${JSON.stringify(check.errors)}`);
        expect(event.at.endsWith('+08:00')).toBe(true);
        const t = Date.parse(event.at);
        expect(t).toBeGreaterThanOrEqual(previous);
        previous = t;
        expect(ids.has(event.id)).toBe(false);
        ids.add(event.id);
      }
    }
  });

  it('mentions only staff who joined earlier and registers or extends only known clients', () => {
    const staff = new Set<string>();
    const clients = new Set<string>();
    const staffFields = ['staffId', 'successorId', 'receptionistId', 'repId', 'approvedBy', 'by', 'fromStaffId', 'toStaffId'] as const;
    for (const event of sample) {
      if (event.type === 'staff.joined') {
        staff.add(event.staffId);
        continue;
      }
      const record = event as unknown as Record<string, unknown>;
      for (const field of staffFields) {
        const value = record[field];
        if (typeof value === 'string') expect(staff.has(value), `${event.id} ${field} ${value}`).toBe(true);
      }
      if (event.type === 'client.registered' || event.type === 'claim.extended') expect(clients.has(event.clientId), event.id).toBe(true);
      if ('clientId' in event) clients.add(event.clientId);
    }
  });

  it('streams: the first events of the benchmark-size history come at once', () => {
    const started = performance.now();
    const first = take({ seed: 1, staff: 1000, clients: 200_000, months: 12, start: '2026-01-01T00:00:00+08:00' }, 1000);
    expect(first).toHaveLength(1000);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('produces about 8–12 events per client over a year', () => {
    const clients = 4000;
    let n = 0;
    for (const _ of generateHistory({ seed: 3, staff: 120, clients, months: 12, start: '2026-01-01T00:00:00+08:00' })) n++;
    expect(n / clients).toBeGreaterThanOrEqual(8);
    expect(n / clients).toBeLessThanOrEqual(12);
  });

  it('matches the committed examples/history.jsonl (if not: run `npm run examples:generate`)', () => {
    const fresh = sample.map((e) => JSON.stringify(e) + '\n').join('');
    const committed = readFileSync(SAMPLE_PATH, 'utf8');
    expect(committed === fresh, 'examples/history.jsonl is stale: run `npm run examples:generate`').toBe(true);
  });
});

describe('the sample history under the default policy', () => {
  const policy = defaultPolicy();
  const parsed = parseEvents(readFileSync(SAMPLE_PATH, 'utf8'));
  const decisions: Decision[] = simulate(policy, parsed.events);

  it('parses without errors', () => {
    expect(parsed.errors).toEqual([]);
    expect(parsed.events.length).toBe(sample.length);
  });

  it('makes decisions under every rule the engine decides', () => {
    const rules = new Set(decisions.map((d) => d.rule));
    expect(ENGINE_RULES.filter((r) => !rules.has(r))).toEqual([]);
  });

  it('makes every kind of decision that three months allow', () => {
    const kinds = new Set<string>(decisions.map((d) => d.kind));
    // client.reclaimed: R3's auto-reclaim is off by default (L1 reclaims may still appear).
    // client.review_due: R2's deadline is 6 months after registration, beyond a 3-month history.
    // decision.superseded: only an appeal or a dismissal makes one; the sample history has none.
    const optional = new Set(['client.reclaimed', 'client.review_due', 'decision.superseded']);
    expect(DECISION_KINDS.filter((k) => !optional.has(k) && !kinds.has(k))).toEqual([]);
  });

  it('follows up with the rep the engine allocated each lead to', () => {
    // The generator replays P1 (with the pauses and bans of M1–M3, V1, D1) to know the owner.
    const contacts = new Map<string, { t: number; staffId: string }[]>();
    for (const e of parsed.events) {
      if (e.type !== 'contact.made') continue;
      const list = contacts.get(e.clientId) ?? [];
      list.push({ t: Date.parse(e.at), staffId: e.staffId });
      contacts.set(e.clientId, list);
    }
    const handedOver = new Map<string, number[]>();
    for (const d of decisions) {
      if (d.kind === 'client.transferred' || d.kind === 'client.reclaimed') handedOver.set(d.clientId, [...(handedOver.get(d.clientId) ?? []), Date.parse(d.at)]);
    }
    const wrong: string[] = [];
    let checked = 0;
    for (const d of decisions) {
      if (d.kind !== 'lead.allocated') continue;
      const t = Date.parse(d.at);
      const next = contacts.get(d.clientId)?.find((c) => c.t >= t);
      if (next === undefined) continue;
      if ((handedOver.get(d.clientId) ?? []).some((h) => h >= t && h <= next.t)) continue;
      checked++;
      if (next.staffId !== d.staffId) wrong.push(`${d.clientId}: allocated to ${d.staffId}, contacted by ${next.staffId}`);
    }
    expect(checked).toBeGreaterThan(300);
    expect(wrong).toEqual([]);
  });

  it('reaches R2 review notices when the history is longer than six months', () => {
    const events = [...generateHistory({ ...SAMPLE_OPTIONS, clients: 1000, months: 7 })];
    const kinds = new Set<string>(simulate(policy, events).map((d) => d.kind));
    expect(kinds.has('client.review_due')).toBe(true);
  });
});
