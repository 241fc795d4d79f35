import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateEvent } from '@allot/engine';
import { IMPORT_KINDS, KIND_DEFS, importTable, staffDirectory } from '@allot/sheets';
import type { Cell, Table } from '@allot/sheets';
import { zone } from './fixtures.js';

/** Cells of every shape a reader can hand over, biased towards the near-misses an importer must judge. */
const cell: fc.Arbitrary<Cell> = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom('s1', 's2', '张三', 'A', 'B类', '严重', '一般', '销售员', '接听客服', 'ABCD统筹表', '20', '-5', '12.345', '1,234.50元', '0', '3'),
  fc.constantFrom('2026-03-01', '2026/3/1 9:30', '03/04/2026', '13/04/2026', '2026-02-30', '2026年3月1日', '2026-03-01T09:00:00+08:00', '9999-12-31 23:59:59', '0000-01-01'),
  fc.double({ noNaN: false }),
  fc.integer(),
  fc.boolean(),
  fc.date({ noInvalidDate: false }),
);

describe('the importer on random cells', () => {
  it('never throws; every error names its row and column; every event it makes is valid', () => {
    const directory = staffDirectory([{ staffId: 's1', name: '张三' }, { staffId: 's2', name: '张三' }, { staffId: 's3' }]);
    fc.assert(
      fc.property(
        fc.constantFrom(...IMPORT_KINDS),
        fc.array(fc.array(cell, { maxLength: 9 }), { maxLength: 12 }),
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: 2_000_000_000_000 }), { nil: null }),
        (kind, body, withHeaders, goLive) => {
          const headers = KIND_DEFS[kind].columns.map((c) => c.label.zh);
          const rows: Table['rows'] = [...(withHeaders ? [headers] : []), ...body].map((cells, i) => ({ row: i + 1, cells }));
          const result = importTable({ sheet: 'x', rows }, { kind, zone, goLive, staff: directory });
          for (const e of result.errors) {
            expect(Number.isSafeInteger(e.row) && e.row >= 1).toBe(true);
            expect(e.column.length).toBeGreaterThan(0);
            expect(e.message.zh.length + e.message.en.length).toBeGreaterThan(0);
          }
          for (const r of result.rows) if (r.errors.length > 0) expect(r.events).toEqual([]);
          const ids = new Set<string>();
          for (const e of result.events) {
            expect(validateEvent(JSON.parse(JSON.stringify(e))).ok).toBe(true);
            expect(ids.has(e.id)).toBe(false);
            ids.add(e.id);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('the importer on date cells outside the years 0001–9999', () => {
  it('rejects them with row and column instead of throwing (a reader can hand over any Date)', () => {
    const directory = staffDirectory([{ staffId: 's1', name: '张三' }]);
    const headers = KIND_DEFS.staff.columns.map((c) => c.label.zh);
    for (const date of [new Date('+275760-09-11T23:59:59.500Z'), new Date('-000001-01-01T00:00:00Z'), new Date('+010000-01-01T00:00:00Z')]) {
      const cells: Cell[] = KIND_DEFS.staff.columns.map((c) => (c.label.zh === headers[0] ? 's1' : null));
      const rows: Table['rows'] = [headers, ...[0, 1, 2, 3, 4].map((i) => cells.map((c, j) => (j === i ? date : c)))].map((r, i) => ({ row: i + 1, cells: r }));
      const result = importTable({ sheet: 'x', rows }, { kind: 'staff', zone, goLive: null, staff: directory });
      for (const e of result.errors) expect(e.column.length).toBeGreaterThan(0);
    }
    // The exact cell the fuzz test once found: a date in the fifth column of a staff row.
    const result = importTable({ sheet: 'x', rows: [{ row: 1, cells: [null, null, 's1', 's1', new Date('+275760-09-11T23:59:59.500Z')] }] }, { kind: 'staff', zone, goLive: null, staff: directory });
    expect(result.events.every((e) => validateEvent(JSON.parse(JSON.stringify(e))).ok)).toBe(true);
  });
});
