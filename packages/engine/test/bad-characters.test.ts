import { parseEvents, parseInstant, validateEvent } from '@allot/engine';
import { describe, expect, it } from 'vitest';

const good = { id: 'e1', type: 'violation', at: '2026-03-01T09:00:00+08:00', staffId: 's1', severity: 'normal' };

describe('characters and instants a database cannot store', () => {
  it('rejects a NUL or a lone surrogate in an id or a text field, naming the field', () => {
    expect(validateEvent({ ...good, staffId: 's\u00001' })).toMatchObject({ ok: false, errors: [{ field: 'staffId', message: expect.stringMatching(/NUL/) }] });
    expect(validateEvent({ ...good, id: 'e\ud8001' })).toMatchObject({ ok: false, errors: [{ field: 'id', message: expect.stringMatching(/surrogate/) }] });
    expect(validateEvent({ ...good, note: 'trailing \udc00' })).toMatchObject({ ok: false, errors: [{ field: 'note' }] });
    // A pair is a character like any other.
    expect(validateEvent({ ...good, note: 'emoji 😀 中文' }).ok).toBe(true);
  });

  it('rejects year 0000 (instants run from 0001-01-01)', () => {
    expect(parseInstant('0000-01-01T00:00:00Z')).toBeNull();
    expect(parseInstant('0000-06-01T08:00:00+08:00')).toBeNull();
    expect(parseInstant('0001-01-01T00:00:00Z')).not.toBeNull();
    expect(validateEvent({ ...good, at: '0000-03-01T09:00:00+08:00' })).toMatchObject({ ok: false, errors: [{ field: 'at' }] });
  });

  it('names the line in a file and keeps the good lines', () => {
    const lines = [
      JSON.stringify(good),
      `{"id":"e2","type":"violation","at":"2026-03-01T09:00:00+08:00","staffId":"s\\u00002","severity":"normal"}`,
      `{"id":"e3","type":"violation","at":"2026-03-01T09:00:00+08:00","staffId":"s3","severity":"normal","note":"\\ud800"}`,
      JSON.stringify({ ...good, id: 'e4', at: '0000-12-31T09:00:00+08:00' }),
      JSON.stringify({ ...good, id: 'e5' }),
    ];
    const { events, errors } = parseEvents(lines.join('\n'));
    expect(events.map((e) => e.id)).toEqual(['e1', 'e5']);
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [2, 'staffId'],
      [3, 'note'],
      [4, 'at'],
    ]);
  });
});
