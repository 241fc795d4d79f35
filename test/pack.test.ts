import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The published package works outside the monorepo: `npm pack` the engine, install the tarball
 * into an empty project, and use it from plain JavaScript the way examples/01 does.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TIMEOUT = 120_000;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let dir = '';
let app = '';
let files: string[] = [];

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: TIMEOUT });
}

/** The script an integrator would write (mirrors examples/01-embed-engine.ts, minus printing). */
const CHECK_SCRIPT = `
import { readFileSync } from 'node:fs';
import { parseEvents, simulate, validatePolicy } from '@allot/engine';

const result = validatePolicy(JSON.parse(readFileSync(new URL('./policy.json', import.meta.url), 'utf8')));
if (!result.ok) throw new Error('policy invalid: ' + JSON.stringify(result.errors));
const lines = [
  { id: 'e1', type: 'staff.joined', at: '2026-03-02T09:00:00+08:00', staffId: 's1', role: 'rep', level: 'B' },
  { id: 'e2', type: 'lead.received', at: '2026-03-02T09:05:00+08:00', clientId: 'c1', channel: 'hotline400', expectedDealFen: 50000000 },
  { id: 'e3', type: 'entry.late', at: '2026-03-02T19:00:00+08:00', staffId: 's1', form: 'abcd_table' },
].map((e) => JSON.stringify(e)).join('\\n');
const { events, errors } = parseEvents(lines);
if (errors.length > 0) throw new Error('events invalid: ' + JSON.stringify(errors));
const decisions = simulate(result.policy, events);
console.log(JSON.stringify(decisions.map((d) => ({ kind: d.kind, rule: d.rule, staffId: d.staffId, amountFen: d.amountFen, tier: d.tier, policy: d.policy }))));
`;

const DEEP_SCRIPT = `
try {
  await import('@allot/engine/dist/simulate.js');
  console.log('imported');
} catch (error) {
  console.log(error.code);
}
`;

describe('the packed @allot/engine', () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'packages/engine/dist/index.js'))) run('npx', ['tsc', '-b'], ROOT);
    dir = mkdtempSync(join(tmpdir(), 'allot-pack-'));
    const packed = JSON.parse(run(npm, ['pack', '-w', '@allot/engine', '--pack-destination', dir, '--json'], ROOT)) as {
      filename: string;
      files: { path: string }[];
    }[];
    const info = packed[0];
    if (info === undefined) throw new Error('npm pack printed nothing');
    files = info.files.map((f) => f.path);
    app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'allot-pack-check', private: true, type: 'module' }, null, 2));
    run(npm, ['install', join(dir, info.filename), '--no-audit', '--no-fund', '--prefer-offline'], app);
    copyFileSync(join(ROOT, 'policies/sales-resource/1.0.0.json'), join(app, 'policy.json'));
    writeFileSync(join(app, 'check.mjs'), CHECK_SCRIPT);
    writeFileSync(join(app, 'deep.mjs'), DEEP_SCRIPT);
  }, TIMEOUT);

  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('ships the built JavaScript and its types, not the sources', () => {
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('package.json');
    expect(files.filter((f) => f.startsWith('src/'))).toEqual([]);
  });

  it('validates the bundled policy and simulates events from plain JavaScript', () => {
    const decisions = JSON.parse(run(process.execPath, ['check.mjs'], app)) as Record<string, unknown>[];
    expect(decisions).toContainEqual(expect.objectContaining({ kind: 'client.tiered', rule: 'T1', tier: 'B' }));
    expect(decisions).toContainEqual(expect.objectContaining({ kind: 'staff.fined', rule: 'F1', staffId: 's1', amountFen: 2000 }));
    const fined = decisions.find((d) => d['kind'] === 'staff.fined') as { policy: { id: string; version: string; hash: string } };
    expect(fined.policy).toMatchObject({ id: 'sales-resource', version: '1.0.0' });
    expect(fined.policy.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  }, TIMEOUT);

  it('refuses deep imports: only the entry point is exported', () => {
    expect(run(process.execPath, ['deep.mjs'], app).trim()).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
  }, TIMEOUT);
});
