import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { needsBuild } from '../../apps/admin/scripts/build-state.mjs';

/** The repository root and the admin app. */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const APP_DIR = join(REPO, 'apps', 'admin');
const NEXT_BIN = createRequire(join(APP_DIR, 'package.json')).resolve('next/dist/bin/next');
const LOCK = join(APP_DIR, '.next-build-lock');

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * One `next build` per test run, shared by every e2e file: skipped when `.next` is fresh; when
 * several files ask at once, one builds (holding a lock directory) and the others wait.
 */
export async function ensureBuilt(): Promise<void> {
  for (let waited = 0; waited < 600_000; waited += 500) {
    if (!needsBuild(APP_DIR)) return;
    try {
      mkdirSync(LOCK);
    } catch {
      // Another file is building; a lock older than 10 minutes is left over from a killed run.
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > 600_000) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // gone meanwhile
      }
      await sleep(500);
      continue;
    }
    try {
      if (!needsBuild(APP_DIR)) return;
      const build = spawnSync(process.execPath, [NEXT_BIN, 'build'], { cwd: APP_DIR, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`);
      return;
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
  throw new Error('timed out waiting for another next build');
}

/** A free TCP port on localhost. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      s.close(() => res(port));
    });
  });
}

/** A running admin app over a throw-away PGlite database. */
export interface AdminServer {
  baseUrl: string;
  /** Everything the server printed. */
  output(): string;
  stop(): Promise<void>;
}

/** Builds if needed, then starts `next start` on a free port with a temp PGlite data dir (seeded on start); `env` adds to the server's environment. */
export async function startAdmin(env: Record<string, string> = {}): Promise<AdminServer> {
  await ensureBuilt();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'allot-e2e-'));
  let out = '';
  const child: ChildProcess = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: APP_DIR,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', DATABASE_URL: '', ALLOT_DATA_DIR: join(dataDir, 'pglite'), ALLOT_REPO_ROOT: REPO, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${baseUrl}/api/session`);
      if (res.status === 401) return { baseUrl, output: () => out, stop };
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  await stop();
  throw new Error(`the admin app did not start:\n${out}`);
}

/** Signs in over HTTP (JSON) and returns the session cookie (`name=value`). */
export async function signIn(baseUrl: string, username: string, password = 'allot-demo'): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { origin: baseUrl, 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${username}: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (!cookie.startsWith('allot_session=')) throw new Error(`sign-in as ${username}: no session cookie`);
  return cookie;
}

/** A JSON request with a session cookie and the app's own Origin. */
export async function api(baseUrl: string, cookie: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    redirect: 'manual',
    headers: { cookie, origin: baseUrl, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { text };
  }
  return { status: res.status, body: parsed };
}
