import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decisionIdentity } from '@allot/engine';
import type { Decision } from '@allot/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The runtime commands of the built CLI (packages/cli/dist, built by `npm test`'s pretest
// `tsc -b`) on a throw-away PGlite directory (`--data-dir`), one database for the whole file:
// each step builds on the one before, as an operator would use them.
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'packages/cli/bin/allot.js');
const HISTORY = join(ROOT, 'examples/history.jsonl');
const BUNDLED = join(ROOT, 'policies/sales-resource/1.0.0.json');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `allot …` from the repository root. */
function allot(args: readonly string[]): Promise<Run> {
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

let dir = '';
let dataDir = '';
/** `allot <command> … --data-dir <the test's database>`. */
const db = (command: string, ...args: string[]): Promise<Run> => allot([command, ...args, '--data-dir', dataDir]);
const file = async (name: string, content: string): Promise<string> => {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
};
const jsonLines = (stdout: string): Decision[] =>
  stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Decision);
/** The number in a summary row such as `接受 accepted   3,696`. */
const count = (stdout: string, label: string): number => {
  const row = stdout.split('\n').find((l) => l.includes(label));
  return Number(row?.trim().split(/\s+/).pop()?.replace(/,/g, '') ?? Number.NaN);
};
const line = (event: Record<string, unknown>): string => JSON.stringify(event);
const noStack = (r: Run): void => expect(r.stderr).not.toMatch(/\n\s+at /);

/** After the history (it ends 2026-03-31T22:38:30+08:00). */
const AFTER = '2026-03-31T23:00:00+08:00';
const SWITCH = '2026-04-01T00:00:00+08:00';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'allot-cli-runtime-'));
  dataDir = join(dir, 'pglite');
});

afterAll(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

describe('the runtime commands on PGlite (--data-dir)', () => {
  let simulated: Decision[] = [];

  it('ingest stores the example history, publishing the bundled policy first', async () => {
    const r = await db('ingest', HISTORY);
    noStack(r);
    expect(r.code).toBe(0);
    expect(count(r.stdout, 'accepted')).toBe(3729);
    expect(count(r.stdout, 'duplicates')).toBe(0);
    expect(count(r.stdout, 'rejected')).toBe(0);
    expect(count(r.stdout, 'decisions recorded')).toBeGreaterThan(1000);
    expect(r.stdout).toMatch(/events\/s\s+[\d,]+/);
    expect(r.stderr).toMatch(/published sales-resource 1\.0\.0 sha256:[0-9a-f]{64}/);
  }, 90_000);

  it('ingest of the same file again finds only duplicates and decides nothing', async () => {
    const r = await db('ingest', HISTORY);
    expect(r.code).toBe(0);
    expect(count(r.stdout, 'accepted')).toBe(0);
    expect(count(r.stdout, 'duplicates')).toBe(3729);
    expect(count(r.stdout, 'decisions recorded')).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('decisions --json are exactly the decisions allot simulate gives', async () => {
    const [recorded, simulation] = await Promise.all([db('decisions', '--json'), allot(['simulate', '--events', HISTORY])]);
    expect(recorded.code).toBe(0);
    expect(simulation.code).toBe(0);
    simulated = jsonLines(simulation.stdout);
    expect(simulated.length).toBeGreaterThan(1000);
    expect(jsonLines(recorded.stdout).map(decisionIdentity)).toEqual(simulated.map(decisionIdentity));
    expect(recorded.stderr).toBe('');
  });

  it('status shows a staff member: eligible, pauses, bans and fines, as simulate decided them', async () => {
    const fines = new Map<string, number>();
    for (const d of simulated) if (d.kind === 'staff.fined') fines.set(d.staffId, (fines.get(d.staffId) ?? 0) + d.amountFen);
    const [staffId, fen] = [...fines].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    const r = await db('status', staffId, '--at', AFTER);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`员工 Staff: ${staffId}`);
    for (const label of ['可分配 eligible', '暂停分配 paused', '停止分配至 banned until', '禁接400至 hotline banned until']) expect(r.stdout).toContain(label);
    expect(r.stdout).toContain(`${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}元`);
  });

  it('verify finds the record matching its replay', async () => {
    const r = await db('verify');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok: /);
    expect(r.stdout).toContain(`decisions checked: ${simulated.length.toLocaleString('en-US')}`);
  });

  it('ingest of a file with one bad line names it, keeps the good lines and exits 1', async () => {
    const bad = await file(
      'one-bad.jsonl',
      [
        line({ id: 'x-late-1', type: 'entry.late', at: AFTER, staffId: 's0013', form: 'abcd_table' }),
        line({ id: 'x-late-2', type: 'entry.late', at: AFTER, form: 'abcd_table' }),
      ].join('\n'),
    );
    const r = await db('ingest', bad);
    noStack(r);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}:2: field "staffId"`);
    expect(r.stderr).not.toContain(`${bad}:1:`);
    expect(count(r.stdout, 'accepted')).toBe(1);
    expect(count(r.stdout, 'rejected')).toBe(1);
    expect(r.stdout).toMatch(/valid events were kept/);
  });

  it('ingest rejects an event dated more than the clock skew ahead of the clock, naming the line and field', async () => {
    const ahead = new Date(Date.now() + 10 * 60_000).toISOString();
    const future = await file(
      'future.jsonl',
      [
        line({ id: 'x-future-1', type: 'entry.late', at: '9999-12-31T23:59:59Z', staffId: 's0013', form: 'abcd_table' }),
        line({ id: 'x-future-2', type: 'entry.late', at: ahead, staffId: 's0013', form: 'abcd_table' }),
      ].join('\n'),
    );
    const r = await db('ingest', future);
    noStack(r);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${future}:1: field "at": 9999-12-31T23:59:59Z is more than 5 minutes ahead of the clock`);
    expect(r.stderr).toContain(`${future}:2: field "at"`);
    expect(count(r.stdout, 'accepted')).toBe(0);
  });

  it('publish refuses an invalid policy with its pointer, then publishes a draft effective after the history', async () => {
    const policy = JSON.parse(await readFile(BUNDLED, 'utf8')) as { version: string; rules: { F1: { fineFen: number } } };
    policy.version = '1.1.0';
    policy.rules.F1.fineFen = -5;
    const invalid = await db('publish', await file('invalid.json', JSON.stringify(policy)), '--effective-from', SWITCH);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^\/rules\/F1\/fineFen: .+ \/ .+$/m);
    noStack(invalid);

    policy.rules.F1.fineFen = 5000;
    const draft = await file('draft.json', JSON.stringify(policy));
    const r = await db('publish', draft, '--effective-from', SWITCH, '--author', 'alice', '--approver', 'bob');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^published \/ 已发布: sales-resource 1\.1\.0 sha256:[0-9a-f]{64}$/m);
    expect(r.stdout).toContain(SWITCH);
    expect(r.stdout).toMatch(/alice/);
  });

  it('after the switch, a late entry is fined 5000 fen under 1.1.0, and tick fires a due D1 deadline once', async () => {
    const events = await file(
      'april.jsonl',
      [
        line({ id: 'x-late-3', type: 'entry.late', at: '2026-04-02T10:00:00+08:00', staffId: 's0013', form: 'abcd_table' }),
        line({ id: 'x-lead', type: 'lead.received', at: '2026-04-02T11:00:00+08:00', clientId: 'cx1', channel: 'hotline400' }),
        line({ id: 'x-alloc', type: 'lead.allocate', at: '2026-04-02T11:00:00+08:00', clientId: 'cx1', mode: 'direct' }),
      ].join('\n'),
    );
    const ingested = await db('ingest', events);
    expect(ingested.code).toBe(0);
    expect(count(ingested.stdout, 'accepted')).toBe(3);

    const first = await db('tick', '--now', '2026-04-02T11:10:00+08:00');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/staff\.paused\s+D1/);
    const again = await db('tick', '--now', '2026-04-02T11:10:00+08:00', '--json');
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/nothing to do/);

    const r = await db('decisions', '--json', '--since', AFTER);
    const after = jsonLines(r.stdout);
    const fines = after.filter((d): d is Extract<Decision, { kind: 'staff.fined' }> => d.kind === 'staff.fined');
    // The good line of the bad file (before the switch: 1.0.0, 2000 fen) and the April entry (1.1.0, 5000 fen).
    expect(fines.map((d) => [d.cause, d.amountFen, d.policy.version])).toEqual([
      [['x-late-1'], 2000, '1.0.0'],
      [['x-late-3'], 5000, '1.1.0'],
    ]);
    const d1 = after.filter((d) => d.rule === 'D1');
    expect(d1.map((d) => [d.kind, d.at, d.cause])).toEqual([['staff.paused', '2026-04-02T11:10:00+08:00', ['x-alloc']]]);
  });
});
