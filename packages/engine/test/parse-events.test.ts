import { describe, expect, it } from 'vitest';
import { EVENT_TYPE_SPECS } from '../src/events/event-fields.js';
import type { AllotEvent, EventError } from '../src/events/event-types.js';
import { EVENT_TYPES } from '../src/events/event-types.js';
import { formatEventError, parseEvents, validateEvent } from '../src/events/parse-events.js';
import { EXAMPLE_EVENTS, EXAMPLE_JSONL, EXAMPLE_LIST } from './fixtures/event-examples.js';

const contact = EXAMPLE_EVENTS['contact.made'];
const deal = EXAMPLE_EVENTS['deal.closed'];

/** The errors of validating `value` (which must be invalid). */
function errorsOf(value: unknown, line = 1): EventError[] {
  const result = validateEvent(value, line);
  if (result.ok) throw new Error(`expected ${JSON.stringify(value)} to be invalid`);
  return result.errors;
}

/** `event` with `patch` applied; a field set to undefined is dropped. */
function withFields(event: AllotEvent, patch: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...event, ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === undefined) delete copy[key];
  return copy;
}

describe('validateEvent: valid events', () => {
  it.each(EVENT_TYPES.map((type) => [type]))('accepts a full %s and returns a fresh equal object', (type) => {
    const input = EXAMPLE_EVENTS[type];
    const result = validateEvent(JSON.parse(JSON.stringify(input)));
    expect(result).toEqual({ ok: true, event: input });
    if (!result.ok) return;
    expect(JSON.stringify(result.event)).toBe(JSON.stringify(input));
    expect(Object.getPrototypeOf(result.event)).toBe(Object.prototype);
  });

  it.each(EVENT_TYPES.map((type) => [type]))('accepts a %s with only its required fields', (type) => {
    const spec = EVENT_TYPE_SPECS.get(type);
    const input = EXAMPLE_EVENTS[type] as unknown as Record<string, unknown>;
    const minimal = Object.fromEntries(spec?.fields.filter((f) => f.required).map((f) => [f.name, input[f.name]]) ?? []);
    expect(validateEvent(minimal)).toEqual({ ok: true, event: minimal });
  });

  it("never returns the input object, and keeps the input's field order", () => {
    const input = { staffId: 's1', clientId: 'c1', at: contact.at, type: 'contact.made', id: 'x' };
    const result = validateEvent(input);
    expect(result.ok && result.event).not.toBe(input);
    expect(result.ok && Object.keys(result.event)).toEqual(Object.keys(input));
  });

  it('reads each field once, so a getter cannot swap in a bad value after the check', () => {
    let reads = 0;
    const input = { ...contact, get staffId(): unknown { reads++; return reads === 1 ? 's1' : 42; } };
    const result = validateEvent(input);
    expect(result.ok && result.event.type === 'contact.made' && result.event.staffId).toBe('s1');
    expect(reads).toBe(1);
  });

  it('accepts zero money and stores -0 as 0', () => {
    const text = '{"id":"z","type":"deal.closed","at":"2026-01-01T00:00:00Z","clientId":"c","staffId":"s","amountFen":-0}';
    const result = validateEvent(JSON.parse(text));
    expect(result.ok && Object.is((result.event as typeof deal).amountFen, 0)).toBe(true);
    expect(Object.is((parseEvents(text).events[0] as typeof deal).amountFen, 0)).toBe(true);
  });
});

describe('validateEvent: errors name the line and the field', () => {
  it('rejects a value that is not an object', () => {
    for (const value of [[], [contact], 'x', 3, null, true]) {
      expect(errorsOf(value, 4)).toEqual([{ line: 4, field: null, message: expect.stringContaining('must be a JSON object') }]);
    }
  });

  it('rejects an unknown type without listing every type', () => {
    const errors = errorsOf(withFields(contact, { type: 'foo.bar' }), 7);
    expect(errors).toEqual([{ line: 7, field: 'type', message: 'unknown event type "foo.bar"' }]);
  });

  it('rejects a missing or non-string type, and still checks id and at', () => {
    expect(errorsOf({ id: '', at: 'soon' }).map((e) => e.field)).toEqual(['id', 'at', 'type']);
    expect(errorsOf(withFields(contact, { type: 5 }))).toEqual([
      { line: 1, field: 'type', message: 'must be a string naming an event type, got 5' },
    ]);
  });

  it.each(EVENT_TYPES.flatMap((type) => (EVENT_TYPE_SPECS.get(type)?.fields ?? []).filter((f) => f.required && f.name !== 'type').map((f) => [type, f.name])))(
    'rejects a %s without %s',
    (type, name) => {
      const errors = errorsOf(withFields(EXAMPLE_EVENTS[type as (typeof EVENT_TYPES)[number]], { [name]: undefined }), 9);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ line: 9, field: name, message: expect.stringContaining(`missing required field "${name}"`) });
    },
  );

  it('names the event type in a missing type-specific field', () => {
    expect(errorsOf(withFields(contact, { staffId: undefined }))[0]?.message).toBe('missing required field "staffId" for event type "contact.made"');
  });

  it.each([
    ['staffId', 42, 'must be a non-empty string, got 42'],
    ['staffId', '', 'must be a non-empty string, got ""'],
    ['clientId', null, 'must be a non-empty string, got null'],
    ['clientId', { x: 1 }, 'must be a non-empty string, got an object'],
    ['id', ['e1'], 'must be a non-empty string, got an array'],
  ])('rejects %s = %j', (field, value, message) => {
    expect(errorsOf(withFields(contact, { [field]: value }))).toEqual([{ line: 1, field, message }]);
  });

  it.each([
    ['2026-03-01T09:30:00', 'no offset'],
    ['2026-02-30T09:30:00+08:00', 'Feb 30'],
    ['2026-03-01T24:00:00+08:00', 'hour 24'],
    ['2026-13-01T00:00:00+08:00', 'month 13'],
    ['next tuesday', 'garbage'],
    ['2026-03-01', 'date only'],
    ['', 'empty'],
  ])('rejects at = %j (%s)', (at) => {
    expect(errorsOf(withFields(contact, { at }))).toEqual([
      { line: 1, field: 'at', message: `${JSON.stringify(at)} is not an ISO-8601 date-time with offset (e.g. "2026-03-01T09:30:00+08:00")` },
    ]);
  });

  it('rejects a non-string at and a bad developedAt', () => {
    expect(errorsOf(withFields(contact, { at: 1767225600000 }))[0]).toMatchObject({ field: 'at', message: expect.stringContaining('got 1767225600000') });
    const registered = EXAMPLE_EVENTS['client.registered'];
    expect(errorsOf(withFields(registered, { developedAt: '2026-02-29T10:00:00+08:00' }))[0]?.field).toBe('developedAt');
  });

  it.each([
    [-1, 'negative'],
    [19.5, 'non-integer'],
    [2 ** 53, 'unsafe'],
    ['100', 'string'],
    [null, 'null'],
  ] as [unknown, string][])('rejects amountFen = %j (%s)', (amountFen) => {
    expect(errorsOf(withFields(deal, { amountFen }))).toEqual([
      { line: 1, field: 'amountFen', message: `must be a non-negative integer number of fen (1元 = 100 fen), got ${JSON.stringify(amountFen)}` },
    ]);
  });

  it('rejects bad expectedDealFen and claim days', () => {
    expect(errorsOf(withFields(EXAMPLE_EVENTS['lead.received'], { expectedDealFen: -100 }))[0]?.field).toBe('expectedDealFen');
    for (const days of [0, -3, 1.5, '7']) {
      expect(errorsOf(withFields(EXAMPLE_EVENTS['claim.extended'], { days }))).toEqual([
        { line: 1, field: 'days', message: `must be a positive integer number of days, got ${JSON.stringify(days)}` },
      ]);
    }
  });

  it.each([
    ['staff.joined', 'role', 'boss'],
    ['staff.joined', 'level', 'E'],
    ['lead.received', 'channel', 'wechat'],
    ['lead.received', 'classifiedTier', 'a'],
    ['lead.allocate', 'mode', 'manual'],
    ['lead.assigned', 'mode', 'auto'],
    ['entry.late', 'form', 'timesheet'],
    ['violation', 'severity', 'minor'],
    ['tier.mismatch', 'actualTier', 1],
  ] as const)('rejects %s.%s = %j', (type, field, value) => {
    const errors = errorsOf(withFields(EXAMPLE_EVENTS[type], { [field]: value }));
    expect(errors).toEqual([{ line: 1, field, message: expect.stringMatching(/^must be one of ".*", got /) }]);
  });

  it('rejects an unknown field and suggests the field it resembles', () => {
    expect(errorsOf(withFields(contact, { staffId: undefined, staffID: 's1' }))).toEqual([
      { line: 1, field: 'staffID', message: 'unknown field "staffID" for event type "contact.made" (did you mean "staffId"?)' },
      { line: 1, field: 'staffId', message: 'missing required field "staffId" for event type "contact.made"' },
    ]);
    expect(errorsOf(withFields(contact, { comment: 'hi' }))).toEqual([
      { line: 1, field: 'comment', message: 'unknown field "comment" for event type "contact.made"' },
    ]);
    // A field of another type is still unknown for this one.
    expect(errorsOf(withFields(contact, { amountFen: 100 }))[0]?.field).toBe('amountFen');
  });

  it('rejects a tier.mismatch with equal tiers and a staff.left naming the leaver as successor (SPEC §2)', () => {
    const mismatch = EXAMPLE_EVENTS['tier.mismatch'];
    expect(errorsOf(withFields(mismatch, { classifiedTier: 'B', actualTier: 'B' }), 4)).toEqual([
      { line: 4, field: 'actualTier', message: 'actualTier "B" equals classifiedTier: a tier mismatch needs two different tiers' },
    ]);
    expect(validateEvent(withFields(mismatch, { classifiedTier: 'B', actualTier: 'C' })).ok).toBe(true);
    const left = EXAMPLE_EVENTS['staff.left'];
    expect(errorsOf(withFields(left, { staffId: 's1', successorId: 's1' }), 2)).toEqual([
      { line: 2, field: 'successorId', message: 'successorId "s1" is the leaver: a successor must be another staff member' },
    ]);
    expect(validateEvent(withFields(left, { staffId: 's1', successorId: 's2' })).ok).toBe(true);
    expect(validateEvent(withFields(left, { staffId: 's1', successorId: undefined })).ok).toBe(true);
    // In a file, the line is rejected and nothing around it is lost.
    const text = [JSON.stringify(contact), JSON.stringify(withFields(mismatch, { actualTier: 'A', classifiedTier: 'A' }))].join('\n');
    const parsed = parseEvents(text);
    expect(parsed.events).toHaveLength(1);
    expect(parsed.errors.map((e) => [e.line, e.field])).toEqual([[2, 'actualTier']]);
  });

  it('rejects instants without seconds, with more than 9 fraction digits, or without a full offset (SPEC §2)', () => {
    for (const at of ['2026-03-01T09:30+08:00', '2026-03-01T09:30:00.1234567891+08:00', '2026-03-01T09:30:00+08', '2026-03-01T09:30:00+0800', '2026-03-01t09:30:00Z', '2026-03-01T09:30:00,5Z']) {
      expect(errorsOf(withFields(contact, { at })).map((e) => e.field), at).toEqual(['at']);
    }
    expect(validateEvent(withFields(contact, { at: '2026-03-01T09:30:00.123456789+08:00' })).ok).toBe(true);
  });

  it('reports every error of a line, not only the first (in key order, then missing fields)', () => {
    const errors = errorsOf({ id: 'd', type: 'deal.closed', at: '2026-02-30T00:00:00Z', clientId: '', amountFen: 19.5, extra: 1 }, 3);
    expect(errors.map((e) => e.field)).toEqual(['at', 'clientId', 'amountFen', 'extra', 'staffId']);
    expect(errors.every((e) => e.line === 3)).toBe(true);
  });
});

describe('validateEvent: prototype-pollution keys', () => {
  it('rejects __proto__, constructor and prototype keys from JSON text, top level or nested', () => {
    const base = JSON.stringify(contact).slice(0, -1);
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      expect(errorsOf(JSON.parse(`${base},"${key}":{"polluted":true}}`))).toEqual([
        { line: 1, field: key, message: `forbidden key "${key}"` },
      ]);
    }
    const nested = errorsOf(JSON.parse(`${base.replace('"s1"', '{"a":[{"__proto__":{"polluted":true}}]}')}}`));
    expect(nested).toContainEqual({ line: 1, field: 'staffId', message: 'forbidden key "__proto__" inside the value' });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('terminates on a cyclic value (possible outside JSON)', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    expect(errorsOf({ ...contact, staffId: cyclic }).map((e) => e.field)).toEqual(['staffId']);
  });

  it('rejects a forbidden key even when the type is unknown', () => {
    const errors = errorsOf(JSON.parse('{"id":"p","type":"constructor","at":"2026-01-01T00:00:00Z","__proto__":{"x":1}}'));
    expect(errors.map((e) => e.field)).toEqual(['type', '__proto__']);
  });
});

describe('parseEvents', () => {
  it('parses one event of every type in file order', () => {
    const { events, errors } = parseEvents(EXAMPLE_JSONL);
    expect(errors).toEqual([]);
    expect(events).toEqual(EXAMPLE_LIST);
    expect(`${events.map((e) => JSON.stringify(e)).join('\n')}\n`).toBe(EXAMPLE_JSONL);
  });

  it('handles empty text, CRLF, blank lines, a trailing newline and a byte-order mark', () => {
    expect(parseEvents('')).toEqual({ events: [], errors: [], lines: [] });
    expect(parseEvents('\n\n  \t\n')).toEqual({ events: [], errors: [], lines: [] });
    const lines = EXAMPLE_LIST.slice(0, 3).map((e) => JSON.stringify(e));
    const crlf = `\uFEFF${lines[0]}\r\n\r\n   \r\n${lines[1]}\r\n${lines[2]}\r\n`;
    expect(parseEvents(crlf)).toEqual({ events: EXAMPLE_LIST.slice(0, 3), errors: [], lines: [1, 4, 5] });
  });

  it('keeps line numbers across blank lines', () => {
    const text = ['', JSON.stringify(contact), '   ', '', '{"id":"x","type":"nope","at":"2026-01-01T00:00:00Z"}', ''].join('\n');
    expect(parseEvents(text).errors).toEqual([{ line: 5, field: 'type', message: 'unknown event type "nope"' }]);
  });

  it('reports bad JSON, arrays and scalars as whole-line errors, losing nothing around them', () => {
    const [a, b, c, d] = EXAMPLE_LIST;
    const text = [a, '{"id": "x",', b, `[${JSON.stringify(c)}]`, '42', 'null', '"text"', d].map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join('\r\n');
    const { events, errors, lines } = parseEvents(text);
    expect(events).toEqual([a, b, d]);
    expect(lines).toEqual([1, 3, 8]);
    expect(errors.map((e) => [e.line, e.field])).toEqual([[2, null], [4, null], [5, null], [6, null], [7, null]]);
    expect(errors[0]?.message).toMatch(/^invalid JSON: /);
    expect(errors[1]?.message).toBe('an event must be a JSON object, got an array');
  });

  it('reports a duplicate id on the later line, naming the first', () => {
    const e1 = withFields(contact, { id: 'e1' });
    const text = [JSON.stringify(deal), '', JSON.stringify(e1), JSON.stringify({ ...e1, at: '2026-05-01T00:00:00Z' })].join('\n');
    const { events, errors } = parseEvents(text);
    expect(events).toEqual([deal, e1]);
    expect(errors).toEqual([{ line: 4, field: 'id', message: 'duplicate event id "e1" (first on line 3)' }]);
  });

  it('counts the id of an invalid line, so its repeat is reported too', () => {
    const text = [JSON.stringify(withFields(contact, { staffId: 1 })), JSON.stringify(contact)].join('\n');
    const { events, errors } = parseEvents(text);
    expect(events).toEqual([]);
    expect(errors.map((e) => [e.line, e.field])).toEqual([[1, 'staffId'], [2, 'id']]);
  });

  it('keeps valid lines around invalid ones', () => {
    const bad = JSON.stringify(withFields(deal, { id: 'bad', amountFen: -5 }));
    const text = [...EXAMPLE_LIST.slice(0, 8).map((e) => JSON.stringify(e)), bad, ...EXAMPLE_LIST.slice(8).map((e) => JSON.stringify(e))].join('\n');
    const { events, errors } = parseEvents(text);
    expect(events).toEqual(EXAMPLE_LIST);
    expect(errors).toEqual([{ line: 9, field: 'amountFen', message: expect.stringContaining('non-negative integer number of fen') }]);
  });
});

describe('formatEventError', () => {
  it('prints line and field, or line only', () => {
    expect(formatEventError({ line: 12, field: 'at', message: 'bad' })).toBe('line 12, field "at": bad');
    expect(formatEventError({ line: 3, field: null, message: 'invalid JSON: x' })).toBe('line 3: invalid JSON: x');
  });
});
