import type { Decision } from '@allot/engine';
import { DecisionDigest } from './decision-digest.js';

/** One timed pass of one path over some events. */
export interface PathRun {
  events: number;
  seconds: number;
  digest: DecisionDigest;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Collects garbage when node runs with `--expose-gc`, so one path's garbage is not billed to the next. */
export function collectGarbage(): void {
  if (gc !== undefined) {
    gc();
    gc();
  }
}

/** Seconds since an `hrtime` mark. */
export const secondsSince = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;

/** Times a synchronous path, folding its decisions into a digest (decisions are not kept). */
export function timeSync(events: number, run: () => Iterable<Decision>): PathRun {
  collectGarbage();
  const digest = new DecisionDigest();
  const start = process.hrtime.bigint();
  for (const d of run()) digest.add(d);
  return { events, seconds: secondsSince(start), digest };
}

/** Times an asynchronous path the same way. */
export async function timeAsync(events: number, run: () => AsyncIterable<Decision>): Promise<PathRun> {
  collectGarbage();
  const digest = new DecisionDigest();
  const start = process.hrtime.bigint();
  for await (const d of run()) digest.add(d);
  return { events, seconds: secondsSince(start), digest };
}

/** The run with the median time (the lower middle for an even count). */
export function medianRun(runs: readonly PathRun[]): PathRun {
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  const middle = sorted[Math.floor((sorted.length - 1) / 2)];
  if (middle === undefined) throw new Error('no runs');
  return middle;
}

/** Events per second of a run. */
export const eps = (run: PathRun): number => run.events / run.seconds;

/** The largest 1, 2 or 5 × 10^k not above `n` (a prefix length that reads well and repeats across machines). */
export function roundDown125(n: number): number {
  if (n < 1) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  for (const step of [5, 2, 1]) if (step * power <= n) return step * power;
  return power;
}

/** Peak resident set size of this process so far, in MB. */
export const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;
