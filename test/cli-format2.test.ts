import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Runs the built command (packages/cli/dist, built by `npm test`'s pretest `tsc -b`).
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'packages/cli/bin/allot.js');
const MEETING_LATE = 'examples/policies/meeting-late.json';

function allot(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (stdout += chunk));
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const lines = (events: Array<Record<string, unknown>>): string => `${events.map((e) => JSON.stringify(e)).join('\n')}\n`;
const decisions = (stdout: string): Array<Record<string, unknown>> => stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
const withoutPolicy = (d: Record<string, unknown>): Record<string, unknown> => {
  const { policy: _policy, ...rest } = d;
  return rest;
};

let dir = '';
const file = async (name: string, content: string): Promise<string> => {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'allot-cli2-'));
});
afterAll(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

describe('allot validate (format 2, --strict)', () => {
  it('accepts examples/policies/meeting-late.json, also under --strict', async () => {
    const run = await allot(['validate', '--strict', MEETING_LATE]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^valid: sales-resource 2\.1\.0 sha256:[0-9a-f]{64}\n$/);
  });

  it('prints warnings on stderr, and fails on them only with --strict', async () => {
    const p = JSON.parse(await readFile(join(ROOT, 'policies/sales-resource/1.0.0.json'), 'utf8')) as { rules: { V1: { rungs: Array<{ when: unknown }> } } };
    p.rules.V1.rungs[1] = { ...p.rules.V1.rungs[1], when: { all: [{ fact: 'violations', operator: 'greaterThanInclusive', value: 5 }] } };
    const path = await file('warned.json', JSON.stringify(p));
    const loose = await allot(['validate', path]);
    expect(loose.code).toBe(0);
    expect(loose.stderr).toContain('warning V1 /rules/V1/rungs/2/when');
    const strict = await allot(['validate', '--strict', path]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/warnings? under --strict/);
    expect(strict.stdout).toBe('');
  });
});

describe('allot migrate', () => {
  it('writes the format-2 form of 1.0.0, which decides the same on examples/history.jsonl', async () => {
    // Format 1 has no incident codes, so the migrated form declares none: its events are the
    // history's without the staff.incident lines (which 1.0.0 accepts and ignores).
    const text = await readFile(join(ROOT, 'examples/history.jsonl'), 'utf8');
    const plain = await file('plain.jsonl', text.split('\n').filter((l) => !l.includes('"staff.incident"')).join('\n'));
    const run = await allot(['migrate', 'policies/sales-resource/1.0.0.json']);
    expect(run.code).toBe(0);
    const migrated = JSON.parse(run.stdout) as { format: number; version: string; rules: Array<{ id: string }> };
    expect(migrated.format).toBe(2);
    expect(migrated.version).toBe('1.0.0');
    expect(migrated.rules.map((r) => r.id)).toEqual(['T1', 'M', 'M4', 'F1', 'F2', 'V1', 'D1', 'D2', 'R1', 'R2', 'R3', 'R4', 'R5', 'P1', 'L1']);
    const path = await file('migrated.json', run.stdout);
    expect((await allot(['validate', '--strict', path])).code).toBe(0);
    const a = await allot(['simulate', '--events', 'examples/history.jsonl']);
    const b = await allot(['simulate', '--policy', path, '--events', plain]);
    expect(b.stderr).toBe('');
    const c = await allot(['simulate', '--policy', 'policies/sales-resource/2.0.0.json', '--events', 'examples/history.jsonl']);
    expect(a.code).toBe(0);
    expect(decisions(a.stdout).length).toBeGreaterThan(100);
    expect(decisions(b.stdout).map(withoutPolicy)).toEqual(decisions(a.stdout).map(withoutPolicy));
    expect(decisions(c.stdout).map(withoutPolicy)).toEqual(decisions(a.stdout).map(withoutPolicy));
  });
});

describe('allot simulate --policy examples/policies/meeting-late.json', () => {
  it('fines meeting_late 30元 citing F3, pauses at 3 in a month under V2, judges D1 in working minutes', async () => {
    const events = await file('ml.jsonl', lines([
      { id: 'j1', type: 'staff.joined', at: '2026-03-01T09:00:00+08:00', staffId: 'r1', role: 'rep' },
      { id: 'i1', type: 'staff.incident', at: '2026-03-03T09:05:00+08:00', staffId: 'r1', code: 'meeting_late' },
      { id: 'i2', type: 'staff.incident', at: '2026-03-10T09:05:00+08:00', staffId: 'r1', code: 'meeting_late', note: '堵车' },
      { id: 'i3', type: 'staff.incident', at: '2026-03-20T09:05:00+08:00', staffId: 'r1', code: 'meeting_late' },
      { id: 'a1', type: 'lead.assigned', at: '2026-03-27T17:55:00+08:00', clientId: 'c1', staffId: 'r1', mode: 'direct' },
      { id: 'k1', type: 'contact.made', at: '2026-03-30T09:00:00+08:00', clientId: 'c1', staffId: 'r1' },
      { id: 'p1', type: 'manager.reported', at: '2026-03-30T09:05:00+08:00', clientId: 'c1', staffId: 'r1' },
      { id: 'x1', type: 'sales.activity', at: '2026-04-01T10:00:00+08:00', clientId: 'c1', staffId: 'r1' },
    ]));
    const run = await allot(['simulate', '--policy', MEETING_LATE, '--events', events]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = decisions(run.stdout);
    const fines = out.filter((d) => d['kind'] === 'staff.fined');
    expect(fines.map((d) => [d['rule'], d['amountFen'], d['reason']])).toEqual([['F3', 3000, 'meeting_late'], ['F3', 3000, 'meeting_late'], ['F3', 3000, 'meeting_late']]);
    const explain = fines[0]?.['explain'] as { zh: string; en: string };
    expect(explain.zh).toContain('F3');
    expect(explain.zh).toContain('30.00');
    expect(explain.en).toContain('F3');
    // The direct assignment (Friday 17:55) was reported Monday 09:05: in time in working minutes.
    expect(out.filter((d) => d['rule'] === 'D1')).toEqual([]);
    expect(out.filter((d) => d['rule'] === 'V2').map((d) => [d['at'], d['kind'], d['count']])).toEqual([['2026-04-01T00:00:00+08:00', 'staff.paused', 1]]);
  });

  it('rejects an event naming an undeclared incident code, by line and field, with no decisions', async () => {
    const events = await file('bad.jsonl', lines([
      { id: 'j1', type: 'staff.joined', at: '2026-03-01T09:00:00+08:00', staffId: 'r1', role: 'rep' },
      { id: 'i1', type: 'staff.incident', at: '2026-03-03T09:05:00+08:00', staffId: 'r1', code: 'meeting_lat' },
    ]));
    const run = await allot(['simulate', '--policy', MEETING_LATE, '--events', events]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${events}:2: field "code": undeclared incident code "meeting_lat": the policy in force declares "meeting_late"`);
  });
});
