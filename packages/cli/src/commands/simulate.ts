import { simulateStream } from '@allot/engine';
import type { AllotEvent } from '@allot/engine';
import { EXIT_OK } from '../cli-error.js';
import type { CliIo, OutputStream } from '../cli-io.js';
import { LineSink, writeLines } from '../cli-io.js';
import { groupDigits } from '../format.js';
import { defaultPolicyFile, loadEvents, loadPolicy } from '../load-files.js';
import { USAGE, parseCommand, requireFlag, stringFlag, untilFlag } from '../usage.js';

/** Progress is reported every this many events. */
export const PROGRESS_EVERY = 100_000;

/**
 * Yields the events while reporting progress on `stderr` every {@link PROGRESS_EVERY} events.
 * The engine pulls events lazily, so the count is the number it has consumed.
 */
function* withProgress(events: readonly AllotEvent[], stderr: OutputStream): Generator<AllotEvent> {
  const total = groupDigits(events.length);
  let n = 0;
  for (const event of events) {
    yield event;
    n += 1;
    if (n % PROGRESS_EVERY === 0) stderr.write(`simulated ${groupDigits(n)} / ${total} events\n`);
  }
}

/**
 * `allot simulate`: validates the policy and the whole events file first (any invalid line:
 * exit 1, nothing on stdout), then streams the decisions as JSON Lines in order.
 */
export async function runSimulate(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, help } = parseCommand('simulate', args, {
    policy: { type: 'string' },
    events: { type: 'string' },
    until: { type: 'string' },
    progress: { type: 'boolean' },
  });
  if (help) {
    writeLines(io.stdout, [USAGE]);
    return EXIT_OK;
  }
  const eventsFile = requireFlag('simulate', flags, 'events');
  const until = untilFlag('simulate', flags);
  const { policy } = await loadPolicy(stringFlag(flags, 'policy') ?? (await defaultPolicyFile()));
  const { events } = await loadEvents(eventsFile, policy);

  const progress = flags['progress'] === true || (events.length > PROGRESS_EVERY && io.stderr.isTTY === true);
  const input = progress ? withProgress(events, io.stderr) : events;
  const sink = new LineSink(io.stdout);
  let decisions = 0;
  for (const decision of simulateStream(policy, input, until === undefined ? {} : { until })) {
    await sink.line(JSON.stringify(decision));
    decisions += 1;
    if (sink.closed) return EXIT_OK;
  }
  await sink.flush();
  if (progress) io.stderr.write(`done: ${groupDigits(events.length)} events, ${groupDigits(decisions)} decisions\n`);
  return EXIT_OK;
}
