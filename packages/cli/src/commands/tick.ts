import { EXIT_OK } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { LineSink, writeLines } from '../cli-io.js';
import { decisionTable } from '../decision-rows.js';
import { groupDigits } from '../format.js';
import { STORE_OPTIONS, withRuntime } from '../runtime-session.js';
import { USAGE, instantFlag, parseCommand } from '../usage.js';

/**
 * `allot tick [--now <iso>]`: moves the runtime's time to `--now` (default: the clock), firing
 * every deadline due up to it exactly once, and prints the decisions they made: a table, or JSON
 * Lines with `--json` (the count then goes to stderr, so stdout stays JSON Lines).
 */
export async function runTick(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, help } = parseCommand('tick', args, { ...STORE_OPTIONS, now: { type: 'string' }, json: { type: 'boolean' } });
  if (help) {
    writeLines(io.stdout, [USAGE]);
    return EXIT_OK;
  }
  const now = instantFlag('tick', flags, 'now');
  const json = flags['json'] === true;
  return withRuntime('tick', flags, { stderr: io.stderr }, async (runtime) => {
    const before = await runtime.time();
    const result = await runtime.tick(now);
    const n = result.decisions.length;
    const count = result.recorded
      ? `${groupDigits(n)} decision${n === 1 ? '' : 's'} from deadlines due up to ${result.at} / 到期决定 ${groupDigits(n)} 条`
      : `nothing to do: the runtime's time ${before ?? ''} is already at or after ${result.at} / 运行库时间已到，无事可做`;
    const sink = new LineSink(io.stdout);
    if (json) {
      for (const d of result.decisions) await sink.line(JSON.stringify(d));
      await sink.flush();
      writeLines(io.stderr, [count]);
      return EXIT_OK;
    }
    const lines = n === 0 ? [count] : [...decisionTable(result.decisions), '', count];
    for (const line of lines) await sink.line(line);
    await sink.flush();
    return EXIT_OK;
  });
}
