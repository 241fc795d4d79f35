import { describe, expect, it } from 'vitest';
import { parseInstant, zoneOf } from '@allot/engine';
import { addDays, addMonths, formatAt, monthIndexOf, monthStart, parseAt } from './handwritten/shanghai-time.js';

const shanghai = zoneOf('Asia/Shanghai');

/** A deterministic spread of instants from 1995 to 2060, many near month ends. */
function* instants(): Generator<number> {
  let x = 12345;
  for (let i = 0; i < 5000; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const base = Date.UTC(1995 + (x % 65), (x >> 8) % 12, 26 + ((x >> 4) % 6));
    yield base + ((x >> 3) % 86_400) * 1000 - 8 * 3_600_000 + (i % 7 === 0 ? (x % 1000) : 0);
  }
}

describe("the hand-written reducer's fixed +08:00 calendar agrees with the engine's Asia/Shanghai zone", () => {
  it('parses and formats instants', () => {
    for (const t of instants()) {
      const text = formatAt(t);
      expect(text).toBe(shanghai.format(t));
      expect(parseAt(text)).toBe(t);
      expect(parseAt(new Date(t).toISOString())).toBe(parseInstant(new Date(t).toISOString()));
    }
    expect(parseAt('2026-03-01T00:00:00.0009+05:30')).toBe(parseInstant('2026-03-01T00:00:00.0009+05:30'));
  });

  it('adds calendar months (end-of-month clamped) and days; finds month starts', () => {
    for (const t of instants()) {
      for (const n of [1, 2, 6, 13]) expect(addMonths(t, n)).toBe(shanghai.addMonths(t, n));
      expect(addDays(t, 7)).toBe(shanghai.addDays(t, 7));
      expect(monthStart(monthIndexOf(t) + 1)).toBe(shanghai.monthStartAfter(t, 1));
    }
  });
});
