/**
 * The people pages' data on a seeded store: the list, statuses, fines, filters and sorting, a
 * person's decisions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Decision } from '@allot/engine';
import { readAccessLog } from '@allot/store';
import { readPerson } from '../detail';
import { listPeople, selectPeople } from '../list';
import type { PeopleList } from '../list';
import { historyEvents, openSeededApp, simulated } from '../../shared/test/seeded-app';
import type { SeededApp } from '../../shared/test/seeded-app';

/** The staff member a decision is about, read from its fields as SPEC §4 names them. */
function aboutStaff(d: Decision): string | null {
  const f = d as unknown as Record<string, unknown>;
  const to = typeof f['to'] === 'string' && f['to'] !== 'department' ? (f['to'] as string) : null;
  return (f['staffId'] as string | undefined) ?? (f['toStaffId'] as string | undefined) ?? (f['fromStaffId'] as string | undefined) ?? to;
}

/** Fines per staff member in the month "YYYY-MM" (decision instants are written in China time, +08:00). */
function finesIn(month: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of simulated) if (d.kind === 'staff.fined' && d.at.slice(0, 7) === month) out.set(d.staffId, (out.get(d.staffId) ?? 0) + d.amountFen);
  return out;
}

describe('people pages: list, status, fines, timeline', () => {
  let app: SeededApp;
  let list: PeopleList;
  beforeAll(async () => {
    app = await openSeededApp('2026-04-01T09:00:00+08:00');
    list = await listPeople(app);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('lists every staff member of the events, in join order, with who left', () => {
    const joined = historyEvents.filter((e) => e.type === 'staff.joined');
    expect(list.people.map((p) => p.staffId)).toEqual(joined.map((e) => (e.type === 'staff.joined' ? e.staffId : '')));
    expect(list.people).toHaveLength(34);
    const s0002 = list.people.find((p) => p.staffId === 's0002');
    expect(s0002).toMatchObject({ name: '蒋楠兰', role: 'rep', level: 'B', joinedAt: '2026-01-01T00:00:00+08:00', leftAt: '2026-03-05T17:39:01+08:00' });
    const left = historyEvents.flatMap((e) => (e.type === 'staff.left' ? [[e.staffId, e.at]] : []));
    expect(left.length).toBeGreaterThan(0);
    for (const [id, at] of left) expect(list.people.find((p) => p.staffId === id)?.leftAt).toBe(at);
    for (const p of list.people) expect(p.status.active).toBe(p.leftAt === null);
  });

  it('counts fines in the calendar month (China time) of the runtime’s time, not the wall clock', () => {
    expect(list.asOf).toBe('2026-03-31T22:38:30+08:00');
    expect(list.month).toEqual({ key: '2026-03', from: '2026-03-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00' });
    const march = finesIn('2026-03');
    expect([...march.values()].some((fen) => fen > 0)).toBe(true);
    for (const p of list.people) expect(p.finesThisMonth.fen, p.staffId).toBe(march.get(p.staffId) ?? 0);
  });

  it('shows the runtime’s status of each member', async () => {
    for (const p of list.people.slice(0, 5)) expect(p.status).toEqual(await app.runtime.status(p.staffId));
    const paused = simulated.filter((d) => d.kind === 'staff.paused').map((d) => d.staffId);
    for (const id of new Set(paused)) expect(list.people.find((p) => p.staffId === id)?.status.pausesImposed).toBeGreaterThan(0);
  });

  it('filters by role and sorts', () => {
    const reps = selectPeople(list.people, { role: 'rep' });
    expect(reps.length).toBeGreaterThan(10);
    expect(reps.every((p) => p.role === 'rep')).toBe(true);
    const byFines = selectPeople(list.people, { sort: 'fines', desc: true }).map((p) => p.finesThisMonth.fen);
    expect(byFines).toEqual([...byFines].sort((a, b) => b - a));
    const byName = selectPeople(list.people, { sort: 'name' }).map((p) => p.name ?? '');
    expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b, 'zh-CN')));
    expect(selectPeople(list.people, {}).map((p) => p.staffId)).toEqual(list.people.map((p) => p.staffId));
  });

  it('pages through a person’s decisions newest first, and logs the clients it names', async () => {
    const counts = new Map<string, number>();
    for (const d of simulated) {
      const id = aboutStaff(d);
      if (id !== null) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const [staffId] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    const expected = simulated.filter((d) => aboutStaff(d) === staffId).map((d) => d.id).reverse();
    const seen: string[] = [];
    let before: number | undefined;
    for (let page = 0; page < 100; page++) {
      const person = await readPerson(app, staffId, { actor: 'tester', limit: 7, ...(before === undefined ? {} : { before }) });
      expect(person?.timeline.total).toBe(expected.length);
      for (const item of person?.timeline.items ?? []) seen.push(item.decision.id);
      if (person?.timeline.next === null || person === null) break;
      before = person.timeline.next;
    }
    expect(seen).toEqual(expected);
    const log = await readAccessLog(app.store.db, { limit: 10_000 });
    const logged = new Set(log.filter((e) => e.actor === 'tester' && e.action === 'people.timeline').map((e) => e.clientId));
    const named = new Set(simulated.filter((d) => aboutStaff(d) === staffId && 'clientId' in d).map((d) => (d as { clientId: string }).clientId));
    expect(logged).toEqual(named);
  });

  it('totals a person’s fines this month and by month', async () => {
    const fined = simulated.filter((d) => d.kind === 'staff.fined');
    const staffId = fined[fined.length - 1]?.kind === 'staff.fined' ? fined[fined.length - 1]?.staffId ?? '' : '';
    const person = await readPerson(app, staffId, { actor: 'tester', limit: 1 });
    const mine = fined.filter((d) => d.staffId === staffId);
    expect(person?.finesThisMonth.fen).toBe(finesIn('2026-03').get(staffId) ?? 0);
    const byMonth = new Map<string, { count: number; fen: number }>([['2026-03', { count: 0, fen: 0 }]]);
    for (const d of mine) {
      const m = byMonth.get(d.at.slice(0, 7)) ?? { count: 0, fen: 0 };
      byMonth.set(d.at.slice(0, 7), { count: m.count + 1, fen: m.fen + d.amountFen });
    }
    expect(person?.finesByMonth).toEqual([...byMonth.entries()].sort((a, b) => b[0].localeCompare(a[0])).map(([month, t]) => ({ month, ...t })));
    expect(person?.finesByMonth.reduce((s, m) => s + m.fen, 0)).toBe(person?.status.finedFen);
  });

  it('knows nobody by a made-up id', async () => {
    expect(await readPerson(app, 's9999', { actor: 'tester' })).toBeNull();
  });
});
