#!/usr/bin/env node
// Starts the admin app: `next build` when the build is missing or stale, then `next start`.
// Port: PORT (default 3000). Data: DATABASE_URL (PostgreSQL) or ALLOT_DATA_DIR (default
// <repo>/.allot/pglite). The workspaces must be built first (`tsc -b`, as `npm start` does).
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { needsBuild } from './build-state.mjs';
import { serverNodeOptions } from './server-options.mjs';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(appDir, '..', '..');
const nextBin = createRequire(resolve(appDir, 'package.json')).resolve('next/dist/bin/next');
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  ALLOT_REPO_ROOT: process.env.ALLOT_REPO_ROOT ?? repoRoot,
  ...(process.env.DATABASE_URL ? {} : { ALLOT_DATA_DIR: resolve(process.env.ALLOT_DATA_DIR ?? resolve(repoRoot, '.allot', 'pglite')) }),
};

if (needsBuild(appDir)) {
  console.log('allot admin: building (next build)…');
  const build = spawnSync(process.execPath, [nextBin, 'build'], { cwd: appDir, env, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = process.env.PORT ?? '3000';
const server = spawn(process.execPath, [nextBin, 'start', '-p', port], { cwd: appDir, env: { ...env, NODE_OPTIONS: serverNodeOptions(env.NODE_OPTIONS) }, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 0 : 1)));
