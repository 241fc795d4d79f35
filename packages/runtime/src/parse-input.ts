import { ANY_CODES, parseEventsBounded, validateEvent } from '@allot/engine';
import type { AllotEvent, EventError } from '@allot/engine';

/** Events of one ingest call, checked: the valid ones in input order with their lines, and the errors by line. */
export interface ParsedInput {
  events: AllotEvent[];
  /** The line (or array index + 1) of each event of `events`. */
  lines: number[];
  /** The first `maxErrors` errors, in line order. */
  rejected: EventError[];
  /** How many errors there were in all. */
  rejectedCount: number;
}

/**
 * Checks JSON Lines text (line numbers as an editor shows them) or an array of values (line =
 * index + 1). An id repeated within the input is an error on the later line, as `parseEvents`
 * reports it for files. Codes (tiers, forms, incidents) are only checked for shape here: which
 * ones are declared depends on the policy in force at each event's instant (see ingest.ts).
 * Only the first `maxErrors` errors are kept (the rest are counted), so a hostile batch costs
 * memory in proportion to its valid events, not to its errors.
 */
export function parseInput(input: string | readonly unknown[], maxErrors = Number.POSITIVE_INFINITY): ParsedInput {
  if (typeof input === 'string') {
    const { events, lines, errors, errorCount } = parseEventsBounded(input, { codes: ANY_CODES, maxErrors });
    return { events, lines, rejected: errors, rejectedCount: errorCount };
  }
  const events: AllotEvent[] = [];
  const lines: number[] = [];
  const rejected: EventError[] = [];
  let dropped = 0;
  const trim = (): void => {
    if (rejected.length > maxErrors) {
      dropped += rejected.length - maxErrors;
      rejected.length = maxErrors;
    }
  };
  const firstLine = new Map<string, number>();
  input.forEach((value, index) => {
    const line = index + 1;
    const result = validateEvent(value, line, ANY_CODES);
    if (!result.ok) {
      rejected.push(...result.errors);
      trim();
      return;
    }
    const event = result.event;
    const first = firstLine.get(event.id);
    if (first !== undefined) {
      rejected.push({ line, field: 'id', message: `duplicate event id ${JSON.stringify(event.id)} (first on line ${first})` });
      trim();
      return;
    }
    firstLine.set(event.id, line);
    events.push(event);
    lines.push(line);
  });
  return { events, lines, rejected, rejectedCount: rejected.length + dropped };
}
