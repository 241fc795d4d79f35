import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { neutralizeCell, sheetCsv, toXlsx } from '@allot/sheets';
import type { OutSheet } from '@allot/sheets';
import { zone } from './fixtures.js';

const sheet: OutSheet = {
  name: '罚款明细',
  columns: [{ header: '员工' }, { header: '时间', kind: 'instant' }, { header: '金额(元)', kind: 'yuan' }, { header: '次数', kind: 'int' }, { header: '说明' }],
  rows: [
    ['s0002 张三', '2026-03-05T02:00:00Z', 2000, 1, '未按时录入'],
    ['=HYPERLINK("http://evil.example","点我")', '2026-03-06T10:00:00+08:00', 12_345, 2, '+1+1'],
    ['@SUM(A1)', null, 5, 0, '\tcmd'],
    ['-3', '2026-03-07T00:00:00+08:00', 0, 3, '-2+3'],
  ],
};

describe('exports', () => {
  it('neutralises every cell a spreadsheet would read as a formula, and leaves plain numbers alone', () => {
    for (const bad of ['=1+1', '+1+1', '-1+HYPERLINK("x")', '@SUM(A1)', '\tx', '\rx']) expect(neutralizeCell(bad)).toBe(`'${bad}`);
    for (const fine of ['张三', 's0002', '-20', '-12.50', '+3', 'a=b', ' =x']) expect(neutralizeCell(fine)).toBe(fine);
  });

  it('a workbook reads back as its rows: 元 from fen, instants as wall time in the zone, formulas as text', async () => {
    const bytes = await toXlsx([sheet], zone);
    const [read] = await readXlsxFile(Buffer.from(bytes));
    expect(read?.sheet).toBe('罚款明细');
    const [head, ...rows] = read?.data ?? [];
    expect(head).toEqual(['员工', '时间', '金额(元)', '次数', '说明']);
    expect(rows.map((r) => r[2])).toEqual([20, 123.45, 0.05, 0]);
    // 02:00Z is 10:00 in Shanghai: the cell holds the wall time.
    expect((rows[0]?.[1] as unknown as Date).toISOString()).toBe('2026-03-05T10:00:00.000Z');
    expect(rows[1]?.[0]).toBe('\'=HYPERLINK("http://evil.example","点我")');
    expect(rows[1]?.[4]).toBe("'+1+1");
    expect(rows[2]?.[0]).toBe("'@SUM(A1)");
    expect(rows[2]?.[4]).toBe("'\tcmd");
    expect(rows[3]?.[0]).toBe('-3');
    expect(rows[3]?.[4]).toBe("'-2+3");
  });

  it('CSV is UTF-8 with a BOM and CRLF, 元 with two decimals, instants in the zone, formulas neutralised', () => {
    const csv = sheetCsv(sheet, zone);
    expect(csv.startsWith('\uFEFF员工,时间,金额(元),次数,说明\r\n')).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data.slice(1);
    expect(rows[0]).toEqual(['s0002 张三', '2026-03-05 10:00:00', '20.00', '1', '未按时录入']);
    expect(rows[1]?.[0]).toBe('\'=HYPERLINK("http://evil.example","点我")');
    expect(rows[1]?.[2]).toBe('123.45');
    expect(rows[2]?.[2]).toBe('0.05');
  });
});
