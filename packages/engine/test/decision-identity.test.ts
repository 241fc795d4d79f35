import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decisionIdentity, sameDecision } from '../src/index.js';
import { parseInstant } from '../src/time/instant.js';

/** The identity as SPEC §4 defines it, written plainly: identity keys sorted, instants as UTC, each `"key":value` as JSON. */
function plainIdentity(record: Readonly<Record<string, unknown>>): string {
  const keys = Object.keys(record)
    .filter((k) => !['id', 'explain', 'policy', 'cause'].includes(k) && record[k] !== undefined)
    .sort();
  return `{${keys
    .map((key) => {
      let value = record[key];
      if (['at', 'from', 'until'].includes(key) && typeof value === 'string') {
        const t = parseInstant(value);
        if (t !== null) value = new Date(t).toISOString();
      }
      return `${JSON.stringify(key)}:${JSON.stringify(value)}`;
    })
    .join(',')}}`;
}

const instant = fc
  .tuple(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }), fc.constantFrom('Z', '+08:00', '-05:30'))
  .map(([d, zone]) => {
    if (zone === 'Z') return d.toISOString();
    const offset = zone === '+08:00' ? 480 : -330;
    return `${new Date(d.getTime() + offset * 60_000).toISOString().slice(0, 19)}${zone}`;
  });

describe('decisionIdentity', () => {
  it('names a record exactly as the plain definition does, whatever its keys and values', () => {
    const key = fc.oneof(fc.constantFrom('at', 'from', 'until', 'kind', 'rule', 'id', 'explain', 'policy', 'cause', 'staffId', 'amountFen', 'a\u0000b', 'a', 'b'), fc.string());
    const value = fc.oneof(instant, fc.string(), fc.integer(), fc.boolean(), fc.constant(undefined), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(fc.dictionary(key, value, { maxKeys: 8 }), { minLength: 1, maxLength: 20 }), (records) => {
        // Several records in a row: what one call remembers must not change the next one's identity.
        for (const r of records) expect(decisionIdentity(r)).toBe(plainIdentity(r));
      }),
      { numRuns: 300 },
    );
  });

  it('tells keys that only a separator would confuse apart', () => {
    expect(decisionIdentity({ 'a\u0000b': 1 })).not.toBe(decisionIdentity({ a: 1, b: 1 }));
    expect(decisionIdentity({ a: 1, b: 1 })).toBe('{"a":1,"b":1}');
  });

  it('compares instants whatever their offset, and ignores id, explain, policy and cause', () => {
    const a = { kind: 'staff.fined', at: '2026-03-02T09:00:00+08:00', staffId: 's1', rule: 'F1', amountFen: 2000, id: 'd1', cause: ['e1'] };
    const b = { ...a, at: '2026-03-02T01:00:00.000Z', id: 'd2', cause: ['e9'], explain: { zh: '', en: '' } };
    expect(sameDecision(a as never, b as never)).toBe(true);
    expect(sameDecision(a as never, { ...b, amountFen: 5000 } as never)).toBe(false);
  });
});
