import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseInstant } from '../src/time/instant.js';
import { zoneOf } from '../src/time/zone.js';

const at = (s: string): number => {
  const t = parseInstant(s);
  if (t === null) throw new Error(`bad test instant ${s}`);
  return t;
};

describe('parseInstant', () => {
  it('accepts ISO-8601 date-times with an offset', () => {
    expect(parseInstant('2026-01-31T23:59:59+08:00')).toBe(Date.parse('2026-01-31T23:59:59+08:00'));
    expect(parseInstant('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
    expect(parseInstant('2026-01-01T00:00:00.5-05:30')).toBe(Date.parse('2026-01-01T00:00:00.500-05:30'));
    expect(parseInstant('2026-01-01T00:00:00.123456789Z')).toBe(Date.UTC(2026, 0, 1, 0, 0, 0, 123));
    // Digits past the millisecond are dropped, toward the past (SPEC §2).
    expect(parseInstant('2026-01-01T10:10:00.0005+08:00')).toBe(Date.parse('2026-01-01T10:10:00.000+08:00'));
    expect(parseInstant('2026-01-01T10:10:00.9999+08:00')).toBe(Date.parse('2026-01-01T10:10:00.999+08:00'));
    expect(parseInstant('0001-01-01T00:00:00Z')).toBe(Date.parse('0001-01-01T00:00:00Z'));
    expect(parseInstant('9999-12-31T23:59:59.999+14:00')).toBe(Date.parse('9999-12-31T23:59:59.999+14:00'));
    expect(parseInstant('1969-12-31T23:59:59.999Z')).toBe(-1);
  });

  it.each([
    '2026-01-01T00:00:00',
    '2026-01-01 00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2026-02-30T00:00:00+08:00',
    '2026-13-01T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T00:60:00Z',
    '2026-01-01T00:00:60Z',
    '2026-01-01T00:00:00.Z',
    '2026-01-01T00:00:00+0800',
    '2026-01-01T00:00:00+08:00x',
    '2026-01-01T00:00:00.1234567890Z',
    '2026-01-31T23:59+08:00',
    '2026-01-31T23:59Z',
    '2026-01-01t00:00:00Z',
    '2026-01-01T00:00:00,5Z',
    '2026-01-01T00:00:00+08',
    '2026-01-01T00:00:00+08:00:00',
    '',
    'yesterday',
  ])('rejects %j', (text) => {
    expect(parseInstant(text)).toBeNull();
  });

  it('agrees with Date.parse on every valid instant it formats', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }), fc.integer({ min: -14 * 60, max: 14 * 60 }), (t, offsetMin) => {
        const local = new Date(t + offsetMin * 60_000).toISOString().slice(0, 23);
        const sign = offsetMin < 0 ? '-' : '+';
        const abs = Math.abs(offsetMin);
        const text = `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        expect(parseInstant(text)).toBe(t);
      }),
    );
  });
});

describe('zone arithmetic', () => {
  const shanghai = zoneOf('Asia/Shanghai');
  const newYork = zoneOf('America/New_York');

  it('formats in the zone, milliseconds only when present', () => {
    expect(shanghai.format(at('2026-01-31T15:59:59Z'))).toBe('2026-01-31T23:59:59+08:00');
    expect(shanghai.format(at('2026-01-31T16:00:00.250Z'))).toBe('2026-02-01T00:00:00.250+08:00');
    expect(zoneOf('UTC').format(at('2026-01-31T16:00:00+08:00'))).toBe('2026-01-31T08:00:00Z');
    expect(newYork.format(at('2026-07-01T12:00:00Z'))).toBe('2026-07-01T08:00:00-04:00');
  });

  it('takes calendar months in the zone, clamping to the month end', () => {
    expect(shanghai.format(shanghai.addMonths(at('2026-01-31T10:00:00+08:00'), 1))).toBe('2026-02-28T10:00:00+08:00');
    expect(shanghai.format(shanghai.addMonths(at('2024-01-31T10:00:00+08:00'), 1))).toBe('2024-02-29T10:00:00+08:00');
    expect(shanghai.format(shanghai.addMonths(at('2026-08-31T09:00:00+08:00'), 6))).toBe('2027-02-28T09:00:00+08:00');
    expect(shanghai.format(shanghai.addMonths(at('2026-03-31T09:00:00+08:00'), -1))).toBe('2026-02-28T09:00:00+08:00');
    // 23:30 UTC on Jan 31 is already Feb 1 in Shanghai.
    expect(shanghai.format(shanghai.addMonths(at('2024-01-31T23:30:00Z'), 1))).toBe('2024-03-01T07:30:00+08:00');
  });

  it('finds month starts in the zone', () => {
    const t = at('2026-01-31T23:59:59+08:00');
    expect(shanghai.format(shanghai.monthStart(t))).toBe('2026-01-01T00:00:00+08:00');
    expect(shanghai.format(shanghai.monthStartAfter(t, 1))).toBe('2026-02-01T00:00:00+08:00');
    expect(shanghai.format(shanghai.monthStartAfter(t, -2))).toBe('2025-11-01T00:00:00+08:00');
    expect(shanghai.format(shanghai.monthStartAfter(at('2026-12-15T00:00:00+08:00'), 1))).toBe('2027-01-01T00:00:00+08:00');
    expect(shanghai.monthKey(at('2026-01-31T16:00:00Z'))).toBe('2026-02');
  });

  it('keeps the wall time across a daylight-saving change', () => {
    const before = at('2026-03-08T01:30:00-05:00');
    expect(newYork.format(newYork.addDays(before, 7))).toBe('2026-03-15T01:30:00-04:00');
    expect(newYork.format(newYork.monthStartAfter(before, 1))).toBe('2026-04-01T00:00:00-04:00');
  });

  it('adds calendar days', () => {
    expect(shanghai.format(shanghai.addDays(at('2026-04-01T00:00:00+08:00'), 7))).toBe('2026-04-08T00:00:00+08:00');
    expect(shanghai.format(shanghai.addDays(at('2026-02-25T12:00:00+08:00'), 30))).toBe('2026-03-27T12:00:00+08:00');
  });
});
