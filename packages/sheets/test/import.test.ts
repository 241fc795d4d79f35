import { describe, expect, it } from 'vitest';
import { simulate } from '@allot/engine';
import type { AllotEvent } from '@allot/engine';
import { dryRun, errorFileCsv, importFile, readTableFile, staffDirectory } from '@allot/sheets';
import { csvOf, gbk, history, recordRows, rosterEvents, rosterRows, seedPolicy, withoutId, xlsxOf, zone } from './fixtures.js';

const goLiveText = '2026-07-01T00:00:00+08:00';
const goLive = Date.parse(goLiveText);
const directory = staffDirectory(rosterEvents().flatMap((e) => (e.type === 'staff.joined' ? [{ staffId: e.staffId, name: e.name ?? null }] : [])));

describe('importing the example history from its books', () => {
  it('reads a roster .xlsx (exceljs, a title row above the headers) into the history’s joins and leaves', async () => {
    const bytes = await xlsxOf('员工名册', rosterRows(), '2026 年员工名册');
    const result = await importFile(bytes, 'roster.xlsx', { kind: 'staff', zone, goLive, staff: staffDirectory([]) });
    expect(result.format).toBe('xlsx');
    expect(result.match.headerRow).toBe(2);
    expect(result.errors).toEqual([]);
    const byTime = (a: AllotEvent, b: AllotEvent): number => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : 1);
    const expected = rosterEvents().map(withoutId);
    expect([...result.events].sort(byTime).map(withoutId).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
      expected.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
  });

  it('reads a GBK CSV of violations, late entries, mismatches and deals, with errors on the bad rows only', async () => {
    for (const kind of ['violations', 'late-entries', 'mismatches', 'deals'] as const) {
      const rows = recordRows(kind);
      expect(rows.length).toBeGreaterThan(0);
      const file = gbk(csvOf(rows, `${kind} 记录`));
      const read = await readTableFile(file, `${kind}.csv`);
      expect(read.encoding).toBe('gb18030');
      const result = await importFile(file, `${kind}.csv`, { kind, zone, goLive, staff: directory });
      expect(result.errors, kind).toEqual([]);
      const type = { violations: 'violation', 'late-entries': 'entry.late', mismatches: 'tier.mismatch', deals: 'deal.closed' }[kind];
      expect(result.events.map(withoutId)).toEqual(history.filter((e) => e.type === type).map(withoutId));
    }
  });

  it('names the row and column of every bad cell, and keeps the good rows', async () => {
    const rows = recordRows('violations');
    const good = rows.length;
    const bad = [
      { 日期: '2026-02-30 10:00:00', 员工: 's0002', 严重程度: '一般', 备注: '' }, // no 30 February
      { 日期: '03/04/2026', 员工: 's0002', 严重程度: '一般', 备注: '' }, // day/month?
      { 日期: '2026-03-09 10:00:00', 员工: '无此人', 严重程度: '一般', 备注: '' }, // unknown staff
      { 日期: rows[0]?.['日期'] ?? '', 员工: rows[0]?.['员工'] ?? '', 严重程度: '一般', 备注: 'again' }, // duplicate key
    ];
    const lateRows = recordRows('late-entries');
    const withFines = [...lateRows.slice(0, 2), { ...lateRows[2], '已记录罚款(元)': '-20' }, { ...lateRows[3], '已记录罚款(元)': '20.005' }];
    const v = await importFile(gbk(csvOf([...rows, ...bad])), 'v.csv', { kind: 'violations', zone, goLive, staff: directory });
    // Header is row 1; data rows start at 2; the bad rows follow the good ones.
    const badRows = bad.map((_, i) => good + 2 + i);
    expect([...new Set(v.errors.map((e) => e.row))]).toEqual(badRows);
    expect(v.errors.map((e) => [e.row, e.column, e.header])).toEqual([
      [badRows[0], 'A', '日期'],
      [badRows[1], 'A', '日期'],
      [badRows[2], 'B', '员工'],
      [badRows[3], 'B', '员工'],
    ]);
    expect(v.errors[1]?.message.en).toMatch(/ambiguous/);
    expect(v.errors[3]?.message.zh).toContain('与第 2 行重复');
    expect(v.events).toHaveLength(good);
    const l = await importFile(gbk(csvOf(withFines)), 'l.csv', { kind: 'late-entries', zone, goLive, staff: directory });
    expect(l.errors.map((e) => [e.row, e.column, e.message.en])).toEqual([
      [4, 'D', 'amount -20 is negative'],
      [5, 'D', 'amount 20.005 yuan is not a whole number of fen'],
    ]);
    expect(l.events).toHaveLength(2);
    const file = errorFileCsv(l.errors);
    expect(file.startsWith('\uFEFF行 Row,列 Column')).toBe(true);
    expect(file).toContain('4,D,已记录罚款(元),金额 -20 为负数,amount -20 is negative');
  });

  it('gives the same ids for the same rows, so a re-import adds nothing', async () => {
    const bytes = gbk(csvOf(recordRows('deals')));
    const a = await importFile(bytes, 'deals.csv', { kind: 'deals', zone, goLive, staff: directory });
    const b = await importFile(await xlsxOf('成交', recordRows('deals')), 'deals.xlsx', { kind: 'deals', zone, goLive, staff: directory });
    expect(b.events.map((e) => e.id)).toEqual(a.events.map((e) => e.id));
    expect(new Set(a.events.map((e) => e.id)).size).toBe(a.events.length);
  });

  it('a dry run decides exactly what simulate decides over the same events, and compares the recorded fines', async () => {
    const roster = await importFile(await xlsxOf('名册', rosterRows()), 'roster.xlsx', { kind: 'staff', zone, goLive });
    const late = await importFile(gbk(csvOf(recordRows('late-entries'))), 'late.csv', { kind: 'late-entries', zone, goLive, staff: directory });
    const violations = await importFile(gbk(csvOf(recordRows('violations'))), 'v.csv', { kind: 'violations', zone, goLive, staff: directory });
    const sanctionsCsv = csvOf([
      { 员工: 's0002', 停止分配至: '2026-07-10 09:00', 暂停次数: '2', 既往违规次数: '1' },
      { 员工: 's0004', 停止分配至: '', 暂停次数: '0', 既往违规次数: '' },
    ]);
    const sanctions = await importFile(gbk(sanctionsCsv), 's.csv', { kind: 'sanctions', zone, goLive, staff: directory });
    expect(sanctions.errors).toEqual([]);
    expect(sanctions.events).toEqual([
      { id: 'imp:sanction:s0002', type: 'opening.staff', at: goLiveText, staffId: 's0002', banUntil: '2026-07-10T09:00:00+08:00', pausesOwed: 2, priorViolations: 1 },
    ]);
    const events = [...roster.events, ...late.events, ...violations.events, ...sanctions.events];
    // The company recorded 20 元 per late entry; one of its records says 50.
    const recorded = new Map(late.events.map((e, i): [string, number] => [e.id, i === 0 ? 5000 : 2000]));
    const run = dryRun(seedPolicy as never, events, goLiveText, recorded);
    expect(run.decisions).toEqual(simulate(seedPolicy as never, events, { until: goLiveText }));
    expect(run.decisions.some((d) => d.kind === 'staff.fined')).toBe(true);
    expect(run.totals.differing).toBe(1);
    expect(run.totals.recordedFen - run.totals.engineFen).toBe(3000);
    const s2 = run.standings.find((s) => s.staffId === 's0002');
    expect(s2).toMatchObject({ bannedUntil: '2026-07-10T09:00:00+08:00', pausesLeft: 2 });
  });
});
