import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// These tests run the built command (packages/cli/dist, built by `npm test`'s pretest `tsc -b`).
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'packages/cli/bin/allot.js');
const BUNDLED = join(ROOT, 'policies/sales-resource/1.0.0.json');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `allot …`; with `stopAfterFirstChunk` the reader goes away after the first output (EPIPE). */
function allot(args: readonly string[], stopAfterFirstChunk = false): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (stopAfterFirstChunk) child.stdout.destroy();
    });
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const line = (event: Record<string, unknown>): string => JSON.stringify(event);
const joined = (staffId: string, at: string, id = `j-${staffId}`): string =>
  line({ id, type: 'staff.joined', at, staffId, role: 'rep', name: '张三' });
const late = (id: string, staffId: string, at: string): string => line({ id, type: 'entry.late', at, staffId, form: 'abcd_table' });

let dir = '';
const file = async (name: string, content: string): Promise<string> => {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
};
const decisionsOf = (stdout: string): Record<string, unknown>[] =>
  stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

let bundled: Record<string, unknown> = {};
/** The bundled policy with changes applied (a deep copy). */
const policyWith = (change: (p: { rules: { F1: { fineFen: number } }; version: string } & Record<string, unknown>) => void): string => {
  const copy = structuredClone(bundled) as Parameters<typeof change>[0];
  change(copy);
  return JSON.stringify(copy, null, 2);
};

let history = '';
let draft = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'allot-cli-'));
  bundled = JSON.parse(await readFile(BUNDLED, 'utf8')) as Record<string, unknown>;
  history = await file('history.jsonl', [joined('s1', '2026-03-02T09:00:00+08:00'), late('e2', 's1', '2026-03-02T10:00:00+08:00')].join('\n') + '\n');
  draft = await file(
    'draft.json',
    policyWith((p) => {
      p.version = '1.1.0';
      p.rules.F1.fineFen = 5000;
    }),
  );
});

afterAll(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

describe('allot validate', () => {
  it('accepts the bundled policy and prints its id, version and hash', async () => {
    const r = await allot(['validate', BUNDLED]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^valid: sales-resource 1\.0\.0 sha256:[0-9a-f]{64}\n$/);
    expect(r.stderr).toBe('');
  });

  it('rejects an unknown key with its pointer on stderr', async () => {
    const bad = await file('bad-policy.json', policyWith((p) => (p['bogusKey'] = 1)));
    const r = await allot(['validate', bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bogusKey');
    expect(r.stderr).toMatch(/^.*: .* \/ .*$/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('names an unreadable file and a file that is not JSON', async () => {
    const missing = join(dir, 'missing.json');
    const r1 = await allot(['validate', missing]);
    expect(r1.code).toBe(1);
    expect(r1.stderr).toContain(missing);
    const notJson = await file('not-json.json', '{ "id": ');
    const r2 = await allot(['validate', notJson]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain(notJson);
    expect(r2.stderr).toContain('JSON');
    expect(r2.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('allot simulate', () => {
  it('prints one staff.fined decision of 2000 fen for a late entry', async () => {
    const r = await allot(['simulate', '--events', history]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const decisions = decisionsOf(r.stdout);
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ kind: 'staff.fined', staffId: 's1', amountFen: 2000, rule: 'F1', cause: ['e2'] });
    expect(decisions[0]?.['policy']).toMatchObject({ id: 'sales-resource', version: '1.0.0' });
  });

  it('uses --policy, and accepts events out of time order', async () => {
    const shuffled = await file('shuffled.jsonl', [late('e2', 's1', '2026-03-02T10:00:00+08:00'), joined('s1', '2026-03-02T09:00:00+08:00')].join('\n'));
    const r = await allot(['simulate', '--policy', draft, '--events', shuffled]);
    expect(r.code).toBe(0);
    expect(decisionsOf(r.stdout).map((d) => d['amountFen'])).toEqual([5000]);
  });

  it('rejects the whole file when a line is invalid: every error, nothing on stdout', async () => {
    const bad = await file(
      'bad.jsonl',
      [
        joined('s1', '2026-03-02T09:00:00+08:00'),
        line({ id: 'e2', type: 'entry.late', at: '2026-03-02T10:00:00+08:00', form: 'abcd_table' }),
        '{ not json',
        late('e4', 's1', '2026-03-02T11:00:00+08:00'),
      ].join('\n'),
    );
    const r = await allot(['simulate', '--events', bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${bad}:2: field "staffId": `);
    expect(r.stderr).toContain(`${bad}:3: `);
    expect(r.stderr).not.toContain(`${bad}:4:`);
  });

  it('stops at --until (inclusive) and rejects a bad --until naming the flag', async () => {
    const two = await file(
      'two.jsonl',
      [joined('s1', '2026-03-02T09:00:00+08:00'), late('e2', 's1', '2026-03-02T10:00:00+08:00'), late('e3', 's1', '2026-03-05T10:00:00+08:00')].join('\n'),
    );
    const all = await allot(['simulate', '--events', two]);
    expect(decisionsOf(all.stdout)).toHaveLength(2);
    const cut = await allot(['simulate', '--events', two, '--until', '2026-03-02T10:00:00+08:00']);
    expect(cut.code).toBe(0);
    expect(decisionsOf(cut.stdout).map((d) => d['cause'])).toEqual([['e2']]);
    const bad = await allot(['simulate', '--events', two, '--until', '2026-03-02']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('--until');
    // SPEC §2: --until needs an offset too.
    for (const until of ['2026-03-02T10:00:00', '2026-03-02T10:00:00+08', '2026-03-02T10:00+08:00']) {
      const noOffset = await allot(['simulate', '--events', two, '--until', until]);
      expect(noOffset.code, until).toBe(1);
      expect(noOffset.stdout).toBe('');
      expect(noOffset.stderr).toContain('--until');
    }
  });

  it('finishes on a history across the 1940-06-01 clock gap (Asia/Shanghai)', async () => {
    const gap = await file('gap.jsonl', [late('e1', 's1', '1940-05-15T09:00:00+08:00'), late('e2', 's1', '1940-07-02T09:00:00+08:00')].join('\n'));
    const run = await allot(['simulate', '--events', gap]);
    expect(run.code).toBe(0);
    expect(decisionsOf(run.stdout).map((d) => d['at'])).toEqual(['1940-05-15T09:00:00+08:00', '1940-07-02T10:00:00+09:00']);
  });

  it('reports progress with --progress, on stderr only', async () => {
    const r = await allot(['simulate', '--events', history, '--progress']);
    expect(r.code).toBe(0);
    expect(decisionsOf(r.stdout)).toHaveLength(1);
    expect(r.stderr).toContain('2 events, 1 decisions');
  });

  it('ends quietly when the reader goes away (EPIPE)', async () => {
    const lines = [joined('s1', '2026-03-02T09:00:00+08:00')];
    for (let i = 0; i < 20_000; i += 1) lines.push(late(`l${i}`, 's1', '2026-03-02T10:00:00+08:00'));
    const many = await file('many.jsonl', lines.join('\n'));
    const r = await allot(['simulate', '--events', many], true);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('allot diff', () => {
  it('shows fines of 20.00元 becoming 50.00元 in a table', async () => {
    const r = await allot(['diff', '--base', BUNDLED, '--policy', draft, '--events', history]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('20.00元');
    expect(r.stdout).toContain('50.00元');
    expect(r.stdout).toContain('+30.00元');
    expect(r.stdout).toMatch(/s1 张三 +20\.00元 → 50\.00元/);
  });

  it('prints the WhatIfReport as JSON with a delta of 3000 fen per late entry', async () => {
    const two = await file(
      'two-late.jsonl',
      [joined('s1', '2026-03-02T09:00:00+08:00'), late('e2', 's1', '2026-03-02T10:00:00+08:00'), late('e3', 's1', '2026-03-03T10:00:00+08:00')].join('\n'),
    );
    const r = await allot(['diff', '--policy', draft, '--events', two, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      company: { delta: { finesFen: number; fines: number } };
      staff: { staffId: string; delta: { finesFen: number }; changed: { fields: string[] }[] }[];
      counts: { changed: number };
    };
    expect(report.company.delta).toMatchObject({ finesFen: 6000, fines: 0 });
    expect(report.counts.changed).toBe(2);
    expect(report.staff).toHaveLength(1);
    expect(report.staff[0]?.staffId).toBe('s1');
    expect(report.staff[0]?.delta.finesFen).toBe(6000);
    expect(report.staff[0]?.changed.map((c) => c.fields)).toEqual([['amountFen'], ['amountFen']]);
  });

  it('needs --policy and --events', async () => {
    const r = await allot(['diff', '--events', history]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--policy');
  });
});

describe('allot summary', () => {
  it('summarises a simulation', async () => {
    const r = await allot(['summary', '--events', history]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/sales-resource 1\.0\.0 sha256:[0-9a-f]{64}/);
    expect(r.stdout).toContain('staff.fined');
    expect(r.stdout).toContain('20.00元');
    expect(r.stdout).toContain('s1 张三');
  });
});

describe('usage', () => {
  it('prints help with exit 0, and exit 2 for unknown commands and options', async () => {
    const help = await allot(['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('allot simulate');
    const unknown = await allot(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('frobnicate');
    const option = await allot(['simulate', '--events', history, '--bogus']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain('--bogus');
    const none = await allot([]);
    expect(none.code).toBe(2);
    const missing = await allot(['simulate']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--events');
  });
});

describe('allot simulate with appeals', () => {
  it('refuses a late appeal and an appeal of an unknown decision by line and field, and simulates an appeal in time', async () => {
    const appeal = (id: string, at: string, decisionId: string): string => JSON.stringify({ id, type: 'decision.appealed', at, decisionId, staffId: 's1', reason: '系统故障' });
    const bad = await file(
      'appeals-bad.jsonl',
      [joined('s1', '2026-03-02T09:00:00+08:00'), late('e2', 's1', '2026-03-02T10:00:00+08:00'), appeal('a1', '2026-03-09T10:00:01+08:00', 'e2#1'), appeal('a2', '2026-03-03T10:00:00+08:00', 'e9#1')].join('\n') + '\n',
    );
    const r = await allot(['simulate', '--events', bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${bad}:3: field "at": too late: the appeal window of decision "e2#1"`);
    expect(r.stderr).toContain(`${bad}:4: field "decisionId": no sanction with decision id "e9#1"`);
    const good = await file(
      'appeals-good.jsonl',
      [
        joined('s1', '2026-03-02T09:00:00+08:00'),
        late('e2', 's1', '2026-03-02T10:00:00+08:00'),
        appeal('a1', '2026-03-09T10:00:00+08:00', 'e2#1'),
        JSON.stringify({ id: 'd1', type: 'appeal.decided', at: '2026-03-10T10:00:00+08:00', decisionId: 'e2#1', outcome: 'overturned', by: 'm1', reason: '属实' }),
      ].join('\n') + '\n',
    );
    const ok = await allot(['simulate', '--events', good]);
    expect(ok.code).toBe(0);
    const kinds = ok.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { kind: string }).kind);
    expect(kinds).toEqual(['staff.fined', 'decision.superseded']);
  });
});
