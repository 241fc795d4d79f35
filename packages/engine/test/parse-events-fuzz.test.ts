import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPE_SPECS } from '../src/events/event-fields.js';
import { isInstant } from '../src/events/is-instant.js';
import type { FieldSpec } from '../src/events/event-fields.js';
import type { AllotEvent, EventError } from '../src/events/event-types.js';
import { EVENT_TYPES } from '../src/events/event-types.js';
import { parseEvents, validateEvent } from '../src/events/parse-events.js';
import { parseInstant } from '../src/time/instant.js';
import { EXAMPLE_LIST } from './fixtures/event-examples.js';

const RUNS = { numRuns: 300 };

/** Lines as parseEvents counts them. */
const linesOf = (text: string): string[] => text.replace(/^\uFEFF/, '').split('\n');
const nonBlankCount = (text: string): number => linesOf(text).filter((l) => l.trim() !== '').length;

/** The invariants every parse holds, whatever the input. */
function checkInvariants(text: string): { events: AllotEvent[]; errors: EventError[] } {
  const result = parseEvents(text);
  const lineCount = linesOf(text).length;
  for (const event of result.events) expect(validateEvent(event).ok).toBe(true);
  for (const error of result.errors) {
    expect(Number.isInteger(error.line) && error.line >= 1 && error.line <= lineCount).toBe(true);
    expect(error.field === null || typeof error.field === 'string').toBe(true);
    expect(typeof error.message).toBe('string');
  }
  const errorLines = new Set(result.errors.map((e) => e.line));
  expect(result.events.length + errorLines.size).toBeLessThanOrEqual(nonBlankCount(text));
  return result;
}

const anyLine = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.json(),
  fc.constantFrom(...EXAMPLE_LIST.map((e) => JSON.stringify(e))),
);

describe('parseEvents never throws', () => {
  it('on arbitrary strings joined as lines', () => {
    fc.assert(
      fc.property(fc.array(anyLine, { maxLength: 20 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        checkInvariants(lines.join(eol));
      }),
      RUNS,
    );
  });

  it('on arbitrary whole strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => void checkInvariants(text)), RUNS);
  });

  it('on arbitrary JSON values, one a line', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 20 }), (values) => {
        const text = values.map((v) => JSON.stringify(v)).join('\n');
        const { events, errors } = checkInvariants(text);
        // Every non-blank line is accounted for: an event or at least one error.
        expect(events.length + new Set(errors.map((e) => e.line)).size).toBe(nonBlankCount(text));
      }),
      RUNS,
    );
  });
});

/** A valid value for one field. */
function fieldValue(field: FieldSpec, type: string): fc.Arbitrary<unknown> {
  switch (field.kind) {
    case 'id':
      return fc.string({ minLength: 1, maxLength: 12 });
    case 'text':
      // NUL and lone surrogates are refused on purpose (docs/events.md), so a valid text has neither.
      return fc.string({ unit: 'binary', maxLength: 20 }).filter((t) => !t.includes('\u0000') && (t as unknown as { isWellFormed(): boolean }).isWellFormed());
    case 'instant':
      return fc
        .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'fen':
      return fc.maxSafeNat();
    case 'days':
    case 'count':
      return fc.integer({ min: 1, max: 100_000 });
    case 'enum':
      return fc.constantFrom(...field.values);
    case 'code':
      return field.values.length > 0 ? fc.constantFrom(...field.values) : fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/);
    case 'eventType':
      return fc.constant(type);
  }
}

/** Any valid event of any type, with a random subset of its optional fields. */
const validEvent: fc.Arbitrary<Record<string, unknown>> = fc.constantFrom(...EVENT_TYPES).chain((type) => {
  const fields = EVENT_TYPE_SPECS.get(type)?.fields ?? [];
  const shape = Object.fromEntries(fields.map((f) => [f.name, fieldValue(f, type)]));
  const requiredKeys = fields.filter((f) => f.required).map((f) => f.name);
  // SPEC §2: a mismatch needs two different tiers; a leaver is not their own successor; an
  // opened hold needs an owner; an appeal's decision carries exactly one of amountFen and days
  // when reduced, neither otherwise.
  const holds = ['registeredAt', 'r2Deadline', 'handedOutAt', 'lastActivityAt'];
  const reductionFits = (e: Record<string, unknown>): boolean =>
    e['outcome'] === 'reduced' ? (e['amountFen'] === undefined) !== (e['days'] === undefined) : e['amountFen'] === undefined && e['days'] === undefined;
  return fc
    .record(shape, { requiredKeys })
    .filter(
      (e) =>
        !(type === 'tier.mismatch' && e['actualTier'] === e['classifiedTier']) &&
        !(type === 'staff.left' && e['successorId'] === e['staffId']) &&
        !(type === 'opening.client' && e['owner'] === undefined && holds.some((h) => e[h] !== undefined)) &&
        !(type === 'appeal.decided' && !reductionFits(e)),
    );
});

describe('generated events', () => {
  it('every valid event parses and round-trips', () => {
    fc.assert(
      fc.property(validEvent, (event) => {
        const result = validateEvent(JSON.parse(JSON.stringify(event)));
        expect(result).toEqual({ ok: true, event });
      }),
      RUNS,
    );
  });

  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: fc.jsonValue() }),
    fc.record({ kind: fc.constant('add' as const), key: fc.string(), value: fc.jsonValue() }),
  );

  it('a mutated event is still valid or fails on its own line only, with a field string or null', () => {
    fc.assert(
      fc.property(fc.array(validEvent, { maxLength: 6 }), validEvent, mutation, (others, target, change) => {
        const keep = others.map((e, i) => ({ ...e, id: `keep-${i}` }));
        const mutated: Record<string, unknown> = { ...target, id: 'target' };
        const keys = Object.keys(mutated);
        if (change.kind === 'add') {
          Object.defineProperty(mutated, change.key, { value: change.value, enumerable: true, writable: true, configurable: true });
        } else {
          const key = keys[change.pick % keys.length] as string;
          if (change.kind === 'drop') delete mutated[key];
          else mutated[key] = change.value;
        }
        const text = [...keep, mutated].map((e) => JSON.stringify(e)).join('\n');
        const line = keep.length + 1;
        const { events, errors } = checkInvariants(text);
        expect(events.slice(0, keep.length)).toEqual(keep);
        const single = validateEvent(JSON.parse(JSON.stringify(mutated)), line);
        if (single.ok) {
          // Still valid (e.g. an optional field dropped): kept, unless its id repeats an earlier one.
          if (!(typeof mutated['id'] === 'string' && mutated['id'].startsWith('keep-'))) expect(events).toHaveLength(keep.length + 1);
        } else {
          expect(single.errors.length).toBeGreaterThan(0);
          expect(events).toHaveLength(keep.length);
        }
        for (const error of errors) {
          expect(error.line).toBe(line);
          expect(error.field === null || typeof error.field === 'string').toBe(true);
        }
      }),
      RUNS,
    );
  });
});

describe('isInstant', () => {
  const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
  const zone = fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), two, two).map(([sign, h, m]) => `${sign}${h}:${m}`));
  const shaped = fc
    .tuple(fc.integer({ min: 0, max: 9999 }), two, two, two, two, two, zone)
    .map(([y, mo, d, h, mi, se, z]) => `${String(y).padStart(4, '0')}-${mo}-${d}T${h}:${mi}:${se}${z}`);
  const damaged = fc
    .tuple(shaped, fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }))
    .map(([text, at, char]) => text.slice(0, at % text.length) + char + text.slice((at % text.length) + 1));

  it('agrees with parseInstant on instant-shaped, damaged and arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(shaped, damaged, fc.string()), (text) => {
        expect(isInstant(text)).toBe(parseInstant(text) !== null);
      }),
      { numRuns: 5000 },
    );
  });

  it('decides leap days and limits as parseInstant does', () => {
    for (const text of ['2024-02-29T00:00:00Z', '2100-02-29T00:00:00Z', '2000-02-29T23:59:59+23:59', '2026-04-31T00:00:00Z', '2026-01-01T00:00:60Z', '2026-01-01T00:00:00+24:00']) {
      expect(isInstant(text)).toBe(parseInstant(text) !== null);
    }
  });
});
