#!/usr/bin/env node
// Builds the admin app (`next build`) when the build is missing or older than its sources.
// `npm test` runs it first, so the browser tests start from a finished build instead of
// building inside a test's time limit while the rest of the suite loads the machine.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { needsBuild } from './build-state.mjs';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const nextBin = createRequire(resolve(appDir, 'package.json')).resolve('next/dist/bin/next');

if (needsBuild(appDir)) {
  console.log('allot admin: building (next build)…');
  const build = spawnSync(process.execPath, [nextBin, 'build'], { cwd: appDir, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
