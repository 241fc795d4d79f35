/**
 * Zone history (SPEC §2 "Instants"): every instant from 0001 to 9999 in any IANA zone.
 * Month starts strictly advance and are local midnights, or the first instant after a gap
 * that swallowed the midnight (Asia/Shanghai 1940-06-01, 1948-05-01, 1949-05-01); offsets
 * print as `±hh:mm` or `±hh:mm:ss`. The expectations use `Intl` directly, not the zone module.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseInstant } from '../src/time/instant.js';
import { offsetText, zoneOf } from '../src/time/zone.js';

const HOUR = 3_600_000;

/** Wall clock of an instant in a zone, straight from Intl: [year, month, day, hour, minute, second]. */
function wall(zone: string, t: number): [number, number, number, number, number, number] {
  const parts: Record<string, string> = {};
  const dtf = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', era: 'short', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  for (const p of dtf.formatToParts(t)) parts[p.type] = p.value;
  const year = parts.era === 'BC' || parts.era === 'B' ? 1 - Number(parts.year) : Number(parts.year);
  return [year, Number(parts.month), Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)];
}

/** Offset in seconds at an instant, from Intl (whole seconds). */
function offsetSeconds(zone: string, t: number): number {
  const [y, mo, d, h, mi, s] = wall(zone, t);
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  const local = date.getTime();
  const whole = t - (((t % 1000) + 1000) % 1000);
  return Math.round((local - whole) / 1000);
}

const monthIndex = (w: readonly number[]): number => (w[0] as number) * 12 + (w[1] as number) - 1;

/** Asserts that `m` is the start of the month after the one containing `t`. */
function expectMonthStartAfter(zone: string, t: number, m: number): void {
  expect(m).toBeGreaterThan(t);
  const w = wall(zone, m);
  expect(w[2], `${zone} ${new Date(m).toISOString()} is on the 1st`).toBe(1);
  const before = wall(zone, m - 1000);
  const midnight = w[3] === 0 && w[4] === 0 && w[5] === 0;
  // Either a local midnight, or the first instant after a gap: one second earlier is still the previous month.
  if (!midnight) expect(monthIndex(before), `${zone} ${new Date(m).toISOString()} follows a gap`).toBe(monthIndex(w) - 1);
  // And no earlier instant after `t` is already in that month.
  if (m - 1000 > t) expect(monthIndex(before)).toBeLessThan(monthIndex(w));
}

/** Every offset change of a zone between two instants, found by hourly probes then bisection to the second. */
function transitions(zone: string, from: number, to: number): number[] {
  const out: number[] = [];
  let prev = offsetSeconds(zone, from);
  for (let t = from + HOUR; t <= to; t += HOUR) {
    const cur = offsetSeconds(zone, t);
    if (cur !== prev) {
      let lo = t - HOUR;
      let hi = t;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (offsetSeconds(zone, mid) === prev) lo = mid;
        else hi = mid;
      }
      out.push(hi);
      prev = cur;
    }
  }
  return out;
}

describe('Asia/Shanghai zone history since 1900', () => {
  const name = 'Asia/Shanghai';
  const zone = zoneOf(name);
  const changes = transitions(name, Date.UTC(1900, 0, 1), Date.UTC(1992, 0, 1));

  it('finds the known transitions (local mean time, 1940s, 1986–1991 summer time)', () => {
    expect(changes.length).toBeGreaterThan(20);
    expect(changes).toContain(Date.parse('1940-05-31T16:00:00Z'));
  });

  it('has the exact offset on both sides of every transition, and prints it as ±hh:mm or ±hh:mm:ss', () => {
    for (const t of changes) {
      for (const x of [t - 1, t, t + 1, t - HOUR, t + HOUR]) {
        expect(zone.offsetAt(x) / 1000, new Date(x).toISOString()).toBe(offsetSeconds(name, x));
        const text = zone.format(x);
        expect(text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?(Z|[+-]\d{2}:\d{2}(:\d{2})?)$/);
        // A whole-minute offset reads back to the same instant.
        if (!/[+-]\d{2}:\d{2}:\d{2}$/.test(text)) expect(parseInstant(text)).toBe(x);
      }
    }
    expect(zone.format(Date.parse('1900-06-01T00:00:00Z'))).toBe('1900-06-01T08:05:43+08:05:43');
  });

  it('month starts strictly advance across every transition', () => {
    for (const t of changes) {
      for (const x of [t - 40 * 24 * HOUR, t - HOUR, t - 1, t, t + 1]) expectMonthStartAfter(name, x, zone.monthStartAfter(x, 1));
    }
  });

  it('starts the months whose midnight never happened at the first instant after the gap', () => {
    expect(zone.format(zone.monthStartAfter(Date.parse('1940-05-15T00:00:00+08:00'), 1))).toBe('1940-06-01T01:00:00+09:00');
    expect(zone.format(zone.monthStartAfter(Date.parse('1948-04-15T00:00:00+08:00'), 1))).toBe('1948-05-01T01:00:00+09:00');
    expect(zone.format(zone.monthStartAfter(Date.parse('1949-04-15T00:00:00+08:00'), 1))).toBe('1949-05-01T01:00:00+09:00');
    expect(zone.monthKey(Date.parse('1940-05-31T16:00:00Z') - 1)).toBe('1940-05');
  });

  it('walks every month from 1900 to 1992 without stalling', () => {
    let t = Date.UTC(1900, 0, 1);
    let months = 0;
    while (t < Date.parse('1991-12-31T16:00:00Z')) {
      const next = zone.monthStartAfter(t, 1);
      expect(next).toBeGreaterThan(t);
      t = next;
      months++;
    }
    expect(months).toBe(92 * 12);
  });
});

describe('offsets are printed as RFC 3339', () => {
  it.each([
    [0, 'Z'],
    [8 * HOUR, '+08:00'],
    [-(5 * HOUR + 30 * 60_000), '-05:30'],
    [(8 * 3600 + 5 * 60 + 43) * 1000, '+08:05:43'],
    [-(0 * 3600 + 17 * 60 + 30) * 1000, '-00:17:30'],
  ])('%d ms → %s', (offset, text) => {
    expect(offsetText(offset)).toBe(text);
  });
});

describe('any IANA zone, any instant from 0001 to 9999', () => {
  const zones = Intl.supportedValuesOf('timeZone');
  const lo = Date.parse('0001-01-01T00:00:00Z');
  const hi = Date.parse('9999-11-30T00:00:00Z');

  it('month starts strictly advance and are local midnights or the first instant after a gap', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: lo, max: hi }), (name, t) => {
        const zone = zoneOf(name);
        const m = zone.monthStartAfter(t, 1);
        expectMonthStartAfter(name, t, m);
        expect(zone.offsetAt(t) / 1000).toBe(offsetSeconds(name, t));
        expect(zone.format(m)).toMatch(/^\d{4}-\d{2}-01T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2}(:\d{2})?)$/);
      }),
      { numRuns: 300 },
    );
  });

  it('near the transitions of random zones since 1900 too', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: 1900, max: 2037 }), fc.integer({ min: 0, max: 11 }), (name, year, month) => {
        const zone = zoneOf(name);
        // The last hours of a month, where a midnight gap or repeat at the month boundary would bite.
        const end = Date.UTC(year, month + 1, 1);
        for (const t of [end - 26 * HOUR, end - 14 * HOUR, end - 2 * HOUR, end, end + 12 * HOUR]) expectMonthStartAfter(name, t, zone.monthStartAfter(t, 1));
      }),
      { numRuns: 200 },
    );
  });
});
