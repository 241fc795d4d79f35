import { ANY_CODES, parseEvents, validateEvent } from '@allot/engine';
import type { AllotEvent, EventError } from '@allot/engine';

/** Events of one ingest call, checked: the valid ones in input order, and every error by line. */
export interface ParsedInput {
  events: AllotEvent[];
  rejected: EventError[];
}

/**
 * Checks JSON Lines text (line numbers as an editor shows them) or an array of values (line =
 * index + 1). An id repeated within the input is an error on the later line, as `parseEvents`
 * reports it for files. Codes (tiers, forms, incidents) are only checked for shape here: which
 * ones are declared depends on the policy in force at each event's instant (see ingest.ts).
 */
export function parseInput(input: string | readonly unknown[]): ParsedInput {
  if (typeof input === 'string') {
    const { events, errors } = parseEvents(input, { codes: ANY_CODES });
    return { events, rejected: errors };
  }
  const events: AllotEvent[] = [];
  const rejected: EventError[] = [];
  const firstLine = new Map<string, number>();
  input.forEach((value, index) => {
    const line = index + 1;
    const result = validateEvent(value, line, ANY_CODES);
    if (!result.ok) {
      rejected.push(...result.errors);
      return;
    }
    const first = firstLine.get(result.event.id);
    if (first !== undefined) {
      rejected.push({ line, field: 'id', message: `duplicate event id ${JSON.stringify(result.event.id)} (first on line ${first})` });
      return;
    }
    firstLine.set(result.event.id, line);
    events.push(result.event);
  });
  return { events, rejected };
}
