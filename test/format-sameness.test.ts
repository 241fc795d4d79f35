import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migratePolicy, simulate, validatePolicy } from '@allot/engine';
import type { Decision } from '@allot/engine';
import { DEFAULT_POLICY_PATH, DEFAULT_POLICY_V2_PATH, loadScenario, prepare, scenarioNames } from './scenarios/scenario-loader.js';

/** A decision without its policy reference: what SPEC §4 sameness (and more: id, explain) compares. */
const withoutPolicy = (d: Decision): Omit<Decision, 'policy'> => {
  const { policy: _policy, ...rest } = d;
  return rest;
};

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

/** Rules with each clause's text left out: 2.0.0 adds `clause.reading` and completes quotes from the seed. */
const withoutClauseText = (rules: unknown): unknown =>
  (rules as Array<Record<string, unknown>>).map((r) => ({ ...r, clause: { section: (r['clause'] as { section: string }).section } }));

describe('format 2 decides exactly as format 1', () => {
  it('policies/sales-resource/2.0.0.json is 1.0.0 migrated (plus its version, description, the meeting_late code and clean clause readings)', () => {
    const v1 = validatePolicy(readJson(DEFAULT_POLICY_PATH));
    const v2 = readJson(DEFAULT_POLICY_V2_PATH) as Record<string, unknown>;
    if (!v1.ok) throw new Error('1.0.0 is invalid');
    const migrated = migratePolicy(v1.policy) as unknown as Record<string, unknown>;
    expect(withoutClauseText(v2['rules'])).toEqual(withoutClauseText(migrated['rules']));
    // Every clause keeps the seed's verbatim quote (completed where the seed has more text) and gains a reading.
    const before = migrated['rules'] as Array<{ id: string; clause: { quote: string } }>;
    for (const [i, r] of (v2['rules'] as Array<{ id: string; clause: { quote: string; reading?: string } }>).entries()) {
      expect(r.clause.quote.startsWith(before[i]?.clause.quote ?? '\u0000'), r.id).toBe(true);
      expect(r.clause.reading, r.id).toMatch(/[\u4e00-\u9fff]/);
      expect(r.clause.reading, r.id).not.toMatch(/Байду|номын|сангаас/);
    }
    expect(v2['options']).toEqual(migrated['options']);
    expect((v2['codes'] as { tiers: unknown }).tiers).toEqual((migrated['codes'] as { tiers: unknown }).tiers);
    expect(validatePolicy(v2)).toMatchObject({ ok: true, warnings: [] });
  });

  const names = scenarioNames().filter((name) => loadScenario(name).formats.includes(1));
  it.each(names)('%s: every decision, id and explanation included, is the same; only `policy` differs', (name) => {
    const one = prepare(loadScenario(name, 1));
    const two = prepare(loadScenario(name, 2));
    const until = loadScenario(name).until;
    const a = simulate(one.policy, one.events, until === undefined ? {} : { until });
    const b = simulate(two.policy, two.events, until === undefined ? {} : { until });
    expect(b.map(withoutPolicy)).toEqual(a.map(withoutPolicy));
    for (const d of b) expect(d.policy.version).toBe('2.0.0');
  });

  it('examples/history.jsonl: the same decisions under 1.0.0 and 2.0.0', () => {
    const text = readFileSync(new URL('../examples/history.jsonl', import.meta.url), 'utf8');
    const one = prepare({ name: 'history', policyJson: readJson(DEFAULT_POLICY_PATH), eventsText: text });
    const two = prepare({ name: 'history', policyJson: readJson(DEFAULT_POLICY_V2_PATH), eventsText: text });
    const a = simulate(one.policy, one.events);
    expect(a.length).toBeGreaterThan(100);
    expect(simulate(two.policy, two.events).map(withoutPolicy)).toEqual(a.map(withoutPolicy));
  });
});
