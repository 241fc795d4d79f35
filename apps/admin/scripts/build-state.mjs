// Decides whether the admin app needs a `next build`: no build yet, or a source newer than it.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** What a build of the admin app is made from (relative to the app directory). */
const INPUTS = ['app', 'features', 'instrumentation.ts', 'next.config.ts', 'package.json', 'tsconfig.json', '../../packages/engine/dist', '../../packages/store/dist', '../../packages/runtime/dist'];

/** The newest modification time (ms) of a file or of every file under a directory. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === '.next') continue;
    max = Math.max(max, newest(join(path, entry)));
  }
  return max;
}

/**
 * True when `.next` holds no production build or any input changed after it was made
 * (`.next/BUILD_ID` is written at the end of a successful `next build`).
 * @param {string} appDir the admin app's directory
 * @returns {boolean}
 */
export function needsBuild(appDir) {
  const buildId = join(appDir, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  return INPUTS.some((input) => newest(resolve(appDir, input)) > builtAt);
}
