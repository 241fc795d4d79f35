import { describe, expect, it } from 'vitest';
import { DECISION_KINDS, checkHistory, decisionIdentity, parseEvents, simulate, validatePolicy } from '@allot/engine';
import { readFileSync } from 'node:fs';
import type { Decision } from '@allot/engine';
import { DEFAULT_POLICY_PATH, loadRejection, loadScenario, prepare, rejectionNames, scenarioNames } from './scenarios/scenario-loader.js';
import type { ExpectedLine } from './scenarios/scenario-loader.js';

/** Fields left out of the readable one-line form (they never take part in identity). */
const HIDDEN = new Set(['id', 'explain', 'policy', 'cause', 'at', 'kind', 'rule']);

/** `at kind rule {field: value, …}` — what a reader compares by eye. */
function readable(line: Readonly<Record<string, unknown>>): string {
  const rest = Object.entries(line)
    .filter(([key, value]) => !HIDDEN.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return `${String(line['at'])} ${String(line['kind'])} ${String(line['rule'])} ${rest}`;
}

/** A line diff (longest common subsequence on identities): "  " same, "- " expected only, "+ " actual only. */
function diff(expected: readonly string[], actual: readonly string[], expectedText: readonly string[], actualText: readonly string[]): string {
  const n = expected.length;
  const m = actual.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const row = lcs[i] as number[];
      row[j] = expected[i] === actual[j] ? (lcs[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && expected[i] === actual[j]) {
      out.push(`  ${expectedText[i]}`);
      i++;
      j++;
    } else if (j < m && (i === n || (lcs[i]?.[j + 1] ?? 0) >= (lcs[i + 1]?.[j] ?? 0))) {
      out.push(`+ ${actualText[j]}`);
      j++;
    } else {
      out.push(`- ${expectedText[i]}`);
      i++;
    }
  }
  return out.join('\n');
}

const names = scenarioNames();
const KNOWN_KINDS: ReadonlySet<string> = new Set(DECISION_KINDS);

describe('golden scenarios', () => {
  it('finds the scenario folders', () => {
    expect(names.length).toBeGreaterThan(0);
  });

  const runs = names.flatMap((name) => loadScenario(name).formats.map((format) => [name, format] as const));
  it.each(runs)('%s (policy format %i)', (name, format) => {
    const scenario = loadScenario(name, format);
    for (const line of scenario.expected) {
      expect(KNOWN_KINDS.has(line.kind), `${name}: unknown kind ${line.kind} in expected.jsonl`).toBe(true);
    }
    const { policy, events } = prepare(scenario);
    const decisions: Decision[] = simulate(policy, events, scenario.until === undefined ? {} : { until: scenario.until });

    const expectedIds = scenario.expected.map((line: ExpectedLine) => decisionIdentity(line));
    const actualIds = decisions.map((d) => decisionIdentity(d));
    if (expectedIds.join('\n') !== actualIds.join('\n')) {
      const text = diff(
        expectedIds,
        actualIds,
        scenario.expected.map((line) => readable(line)),
        decisions.map((d) => readable(d as unknown as Record<string, unknown>)),
      );
      expect.fail(`${name}: decisions differ (- expected, + actual)\n${scenario.description}\n${text}`);
    }

    scenario.expected.forEach((line, i) => {
      if (line.cause === undefined) return;
      const actual = decisions[i] as Decision;
      expect(actual.cause, `${name}: cause of decision ${i + 1} (${readable(line)})`).toEqual(line.cause);
    });

    decisions.forEach((d, i) => {
      const where = `${name}: decision ${i + 1} (${readable(d as unknown as Record<string, unknown>)})`;
      expect(typeof d.id === 'string' && d.id.length > 0, `${where}: id`).toBe(true);
      expect(typeof d.explain?.zh === 'string' && d.explain.zh.length > 0, `${where}: explain.zh`).toBe(true);
      expect(typeof d.explain?.en === 'string' && d.explain.en.length > 0, `${where}: explain.en`).toBe(true);
      expect(d.policy?.hash.startsWith('sha256:'), `${where}: policy.hash`).toBe(true);
      expect(typeof d.policy?.version === 'string' && d.policy.version.length > 0, `${where}: policy.version`).toBe(true);
      expect(Array.isArray(d.cause) && d.cause.length > 0, `${where}: cause`).toBe(true);
    });
  });
});

describe('golden rejection scenarios', () => {
  const rejections = rejectionNames();
  it('finds the rejection folders', () => {
    expect(rejections.length).toBeGreaterThan(0);
  });

  it.each(rejections)('%s', (name) => {
    const { eventsText, rejects, description } = loadRejection(name);
    const parsed = parseEvents(eventsText);
    // Lines that are well formed but cannot apply where they stand (a late appeal) are found by
    // replaying the valid events under the default policy.
    const checked = validatePolicy(JSON.parse(readFileSync(DEFAULT_POLICY_PATH, 'utf8')));
    if (!checked.ok) throw new Error('the default policy is invalid');
    const stateful = checkHistory(checked.policy, parsed.events).map((p) => ({ line: parsed.lines[p.index] ?? 0, field: p.field, message: p.message }));
    const all = [...parsed.errors, ...stateful].sort((a, b) => a.line - b.line);
    const actual = all.map((e) => ({ line: e.line, field: e.field }));
    expect(actual, `${name}: ${description}\n${all.map((e) => `line ${e.line} ${e.field ?? ''}: ${e.message}`).join('\n')}`).toEqual(rejects);
    // Every other line is valid, so the rejection is the line's own.
    const lines = eventsText.split('\n').filter((l) => l.trim() !== '').length;
    expect(parsed.events.length - stateful.length).toBe(lines - new Set(rejects.map((r) => r.line)).size);
  });
});
