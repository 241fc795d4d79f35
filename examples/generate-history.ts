/**
 * Writes a generated event history as JSON Lines (SPEC §3).
 *
 *   npm run examples:generate                      # examples/history.jsonl, the committed sample
 *   node --import tsx examples/generate-history.ts --staff 1000 --clients 200000 --months 12 --out /tmp/big.jsonl
 *
 * Flags: --seed --staff --clients --months --start --out. Same flags, same bytes.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateHistory } from './history/generate.js';
import type { HistoryOptions } from './history/generate.js';

/** The committed sample: 30 staff, ~600 clients, the first quarter of 2026. */
export const SAMPLE_OPTIONS: HistoryOptions = {
  seed: 20260101,
  staff: 30,
  clients: 600,
  months: 3,
  start: '2026-01-01T00:00:00+08:00',
};

/** Where the committed sample lives. */
export const SAMPLE_PATH = fileURLToPath(new URL('./history.jsonl', import.meta.url));

/** Writes the history for `options` to `path`, streaming; returns the number of events. */
export function writeHistory(options: HistoryOptions, path: string): number {
  const fd = openSync(path, 'w');
  let count = 0;
  let chunk = '';
  try {
    for (const event of generateHistory(options)) {
      chunk += JSON.stringify(event) + '\n';
      count++;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return count;
}

function integer(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`--${name} must be an integer, got ${JSON.stringify(text)}`);
  return n;
}

function main(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: 'string' },
      staff: { type: 'string' },
      clients: { type: 'string' },
      months: { type: 'string' },
      start: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const options: HistoryOptions = {
    seed: integer('seed', values.seed, SAMPLE_OPTIONS.seed),
    staff: integer('staff', values.staff, SAMPLE_OPTIONS.staff),
    clients: integer('clients', values.clients, SAMPLE_OPTIONS.clients),
    months: integer('months', values.months, SAMPLE_OPTIONS.months),
    start: values.start ?? SAMPLE_OPTIONS.start,
  };
  const out = values.out ?? SAMPLE_PATH;
  const started = performance.now();
  const count = writeHistory(options, out);
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(`wrote ${count} events to ${out} in ${seconds.toFixed(1)} s\n`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
