import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvOf, gbk, recordRows, rosterRows, xlsxOf } from '../packages/sheets/test/fixtures.js';

// These tests run the built command (packages/cli/dist, built by `npm test`'s pretest `tsc -b`).
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'packages/cli/bin/allot.js');

function allot(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DATABASE_URL: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (c: string) => (stdout += c));
    child.stderr.on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'allot-import-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('allot import', () => {
  it('writes the good rows as events, names every bad cell on stderr, and exits 1', async () => {
    const roster = join(dir, 'roster.xlsx');
    await writeFile(roster, await xlsxOf('名册', rosterRows()));
    const rows = [...recordRows('violations'), { 日期: '2026-13-01', 员工: 's0002', 严重程度: '一般', 备注: '' }];
    const book = join(dir, 'violations.csv');
    await writeFile(book, gbk(csvOf(rows)));
    const errors = join(dir, 'errors.csv');
    const run = await allot(['import', book, '--kind', 'violations', '--roster', roster, '--errors', errors]);
    expect(run.code).toBe(1);
    const events = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; id: string });
    expect(events).toHaveLength(rows.length - 1);
    expect(events.every((e) => e.type === 'violation' && e.id.startsWith('imp:violation:'))).toBe(true);
    expect(run.stderr).toContain(`violations.csv:${rows.length + 1}:A: 日期: "2026-13-01" 不是有效日期 / "2026-13-01" is not a valid date`);
    expect(run.stderr).toContain('gb18030');
    expect((await readFile(errors, 'utf8')).startsWith('\uFEFF')).toBe(true);
  });

  it('dry-runs opened sanctions to go-live and ingests them once', async () => {
    const roster = join(dir, 'roster2.xlsx');
    await writeFile(roster, await xlsxOf('名册', rosterRows()));
    const book = join(dir, 'sanctions.csv');
    await writeFile(book, gbk(csvOf([{ 员工: 's0002', 停止分配至: '2026-07-10', 暂停次数: '1', 既往违规次数: '2' }])));
    const dry = await allot(['import', book, '--kind', 'sanctions', '--roster', roster, '--go-live', '2026-07-01T00:00:00+08:00', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/s0002\s+│?\s*2026-07-10T00:00:00\+08:00/);
    const data = join(dir, 'db');
    const args = ['import', book, '--kind', 'sanctions', '--roster', roster, '--go-live', '2026-07-01T00:00:00+08:00', '--ingest', '--data-dir', data];
    const first = await allot(args);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/accepted\s+│?\s*1/);
    const second = await allot(args);
    expect(second.stdout).toMatch(/accepted\s+│?\s*0/);
    expect(second.stdout).toMatch(/duplicates \(already stored\)\s+│?\s*1/);
  }, 60_000);

  it('refuses an unknown kind as a usage error', async () => {
    const run = await allot(['import', join(dir, 'x.csv'), '--kind', 'nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--kind must be one of staff, clients, sanctions');
  });
});
