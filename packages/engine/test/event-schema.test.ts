import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventSchema } from '../src/events/event-schema.js';
import { EVENT_TYPES } from '../src/events/event-types.js';
import { validateEvent } from '../src/events/parse-events.js';
import { EXAMPLE_EVENTS, EXAMPLE_LIST } from './fixtures/event-examples.js';

const ajv = new Ajv({ strict: true, allErrors: true });
const check = ajv.compile(eventSchema);
const contact = EXAMPLE_EVENTS['contact.made'];

describe('eventSchema', () => {
  it('is draft-07 with one branch per event type', () => {
    expect(eventSchema['$schema']).toBe('http://json-schema.org/draft-07/schema#');
    expect((eventSchema['oneOf'] as { title: string }[]).map((b) => b.title)).toEqual([...EVENT_TYPES]);
    expect(Object.isFrozen(eventSchema)).toBe(true);
    expect(JSON.stringify(eventSchema)).not.toContain('$ref');
  });

  it.each(EXAMPLE_LIST.map((e) => [e.type, e]))('accepts the %s example', (_type, event) => {
    expect(check(event), JSON.stringify(check.errors)).toBe(true);
  });

  it.each([
    ['an unknown type', { ...contact, type: 'foo.bar' }],
    ['a missing field', { id: 'x', type: 'contact.made', at: contact.at, clientId: 'c1' }],
    ['an unknown field', { ...contact, staffID: 's1' }],
    ['an empty id', { ...contact, id: '' }],
    ['a time without offset', { ...contact, at: '2026-03-01T09:30:00' }],
    ['negative money', { ...EXAMPLE_EVENTS['deal.closed'], amountFen: -1 }],
    ['fractional money', { ...EXAMPLE_EVENTS['deal.closed'], amountFen: 19.5 }],
    ['zero days', { ...EXAMPLE_EVENTS['claim.extended'], days: 0 }],
    ['a bad enum', { ...EXAMPLE_EVENTS['violation'], severity: 'minor' }],
    ['an array', [contact]],
  ])('rejects %s', (_what, value) => {
    expect(check(value)).toBe(false);
    expect(validateEvent(value).ok).toBe(false);
  });

  it('never accepts what validateEvent rejects, except impossible calendar dates', () => {
    const mutated = fc
      .tuple(fc.constantFrom(...EXAMPLE_LIST), fc.constantFrom('id', 'type', 'at', 'clientId', 'staffId', 'amountFen', 'days', 'mode'), fc.jsonValue())
      .map(([event, key, value]) => ({ ...event, [key]: value }));
    fc.assert(
      fc.property(mutated, (value) => {
        const byValidator = validateEvent(value).ok;
        expect(check(value)).toBe(byValidator);
      }),
      { numRuns: 500 },
    );
  });
});
