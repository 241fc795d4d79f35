/** The people list's pages: 100 a page, a page out of range clamped. */
import { describe, expect, it } from 'vitest';
import { pagePeople } from '../list';
import type { PersonRow } from '../list';

const row = (i: number): PersonRow => ({ staffId: `s${i}` }) as unknown as PersonRow;
const rows = Array.from({ length: 250 }, (_, i) => row(i));

describe('people list pages', () => {
  it('cuts the list into pages of 100 and says how many there are', () => {
    const first = pagePeople(rows, undefined);
    expect(first).toMatchObject({ page: 1, pages: 3, total: 250 });
    expect(first.rows.map((r) => r.staffId)).toEqual(rows.slice(0, 100).map((r) => r.staffId));
    const last = pagePeople(rows, '3');
    expect(last.rows.map((r) => r.staffId)).toEqual(rows.slice(200).map((r) => r.staffId));
  });

  it('clamps a page out of range or not a number to the pages there are', () => {
    expect(pagePeople(rows, '9').page).toBe(3);
    expect(pagePeople(rows, '0').page).toBe(1);
    expect(pagePeople(rows, 'x').page).toBe(1);
    expect(pagePeople([], '2')).toEqual({ rows: [], page: 1, pages: 1, total: 0 });
  });
});
