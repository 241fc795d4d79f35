import { describeValue } from './describe-value.js';
import type { AllotEvent, EventError } from './event-types.js';
import type { EventCodes } from './event-fields.js';
import { validateEventInto } from './validate-event.js';

export { validateEvent } from './validate-event.js';
export type { EventValidation } from './validate-event.js';

/** The result of parsing a JSON Lines event file: the valid events in file order, and every error. */
export interface ParsedEvents {
  events: AllotEvent[];
  errors: EventError[];
  /** The 1-based line of each valid event (`lines[i]` is the line of `events[i]`). */
  lines: number[];
}

const OPEN_BRACE = 123;
const BYTE_ORDER_MARK = 0xfeff;
const isEnumerableOwn = Object.prototype.propertyIsEnumerable;

/** The id an invalid line claims, so a later line repeating it is still reported as a duplicate. */
function claimedId(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Record<string, unknown>;
  const id = isEnumerableOwn.call(record, 'id') ? record['id'] : undefined;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

/**
 * Parses JSON Lines event text (SPEC §3): one event object a line, split on `\n` (a `\r`
 * before it and a final newline are fine; a leading byte-order mark is ignored). Blank lines
 * are skipped but still counted, so line numbers match an editor's. Every line is checked by
 * `validateEvent` (against `options.codes`, the codes of the policy in force: see
 * `eventCodesOf`); a repeated `id` is an error on the later line. Never throws: every problem
 * comes back in `errors` (in line order), and every valid line in `events` (in file order).
 */
export function parseEvents(text: string, options: { codes?: EventCodes } = {}): ParsedEvents {
  const { events, errors, lines } = parseEventsBounded(text, options);
  return { events, errors, lines };
}

/** {@link parseEvents}' result when only the first errors are kept. */
export interface BoundedParsedEvents extends ParsedEvents {
  /** How many errors there were in all (`errors` holds the first `maxErrors` of them). */
  errorCount: number;
}

/**
 * {@link parseEvents} keeping only the first `maxErrors` errors (the rest are counted in
 * `errorCount`), so the memory a hostile input costs stays in proportion to the valid events
 * and the cap, not to how many ways each line is wrong. Also gives each event's line.
 */
export function parseEventsBounded(text: string, options: { codes?: EventCodes; maxErrors?: number } = {}): BoundedParsedEvents {
  const codes = options.codes;
  const maxErrors = options.maxErrors ?? Number.POSITIVE_INFINITY;
  const events: AllotEvent[] = [];
  const lines: number[] = [];
  const errors: EventError[] = [];
  let dropped = 0;
  const trim = (): void => {
    if (errors.length > maxErrors) {
      dropped += errors.length - maxErrors;
      errors.length = maxErrors;
    }
  };
  // A prototype-less dictionary, not a Map: measurably faster at millions of ids, and with no
  // prototype an id such as "__proto__" or "constructor" is an ordinary key.
  const firstLineOfId = Object.create(null) as Record<string, number | undefined>;
  const length = text.length;
  let pos = length > 0 && text.charCodeAt(0) === BYTE_ORDER_MARK ? 1 : 0;
  let line = 0;
  while (pos <= length) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = length;
    line++;
    const raw = text.slice(pos, end);
    pos = end + 1;
    // Fast path: a line that starts with `{` is not blank; otherwise look closer.
    if (raw.charCodeAt(0) !== OPEN_BRACE && raw.trim().length === 0) continue;

    let value: unknown;
    try {
      // JSON whitespace includes `\r`, so CRLF lines need no trimming.
      value = JSON.parse(raw);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      errors.push({ line, field: null, message: `invalid JSON: ${reason}` });
      trim();
      continue;
    }

    // `value` is this loop's own fresh object, so the validator may hand it back uncopied.
    const event = validateEventInto(value, line, errors, true, codes);
    const id = event === null ? claimedId(value) : event.id;
    if (id !== undefined) {
      const first = firstLineOfId[id];
      if (first !== undefined) {
        errors.push({ line, field: 'id', message: `duplicate event id ${describeValue(id)} (first on line ${first})` });
        trim();
        continue;
      }
      firstLineOfId[id] = line;
    }
    if (event !== null) {
      events.push(event);
      lines.push(line);
    } else trim();
  }
  return { events, errors, lines, errorCount: errors.length + dropped };
}

/**
 * One error as the CLI and the API print it: `line 12, field "at": …`, or `line 12: …` when the
 * error concerns the whole line.
 */
export function formatEventError(error: EventError): string {
  return error.field === null
    ? `line ${error.line}: ${error.message}`
    : `line ${error.line}, field ${JSON.stringify(error.field)}: ${error.message}`;
}
