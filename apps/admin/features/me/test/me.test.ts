import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Decision } from '@allot/engine';
import { readMyStatus } from '../status';
import { readNotice } from '../notice';
import { appealLink } from '../index';
import { statusAt } from '../../shared/clock';
import { historyEnd, openSeededApp, simulated } from '../../shared/test/seeded-app';
import type { SeededApp } from '../../shared/test/seeded-app';

/** 我的状态 and the penalty notice against a real store seeded with examples/history.jsonl. */

let app: SeededApp;
const about = (staffId: string, kinds: string[]): Decision[] => simulated.filter((d) => kinds.includes(d.kind) && 'staffId' in d && d.staffId === staffId);

describe('my status', () => {
  beforeAll(async () => {
    app = await openSeededApp('2026-12-02T12:00:00Z');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('lists each pause and ban of a member with the causes the engine gave', async () => {
    // rep1 (s0006), and the first member the history bans.
    const banned = simulated.find((d): d is Extract<Decision, { kind: 'staff.banned' }> => d.kind === 'staff.banned');
    expect(banned).toBeDefined();
    for (const id of ['s0006', banned?.staffId ?? '']) {
      const me = await readMyStatus(app, id, 'test');
      expect(me.instant.source).toBe('runtime');
      expect(Date.parse(me.instant.at)).toBe(Date.parse(historyEnd));
      const expected = about(id, ['staff.paused', 'staff.banned', 'staff.hotline_banned', 'staff.termination_review']);
      expect(me.sanctions.map((s) => s.decisionId).sort()).toEqual(expected.map((d) => d.id).sort());
      for (const d of expected) {
        const s = me.sanctions.find((x) => x.decisionId === d.id);
        expect(s?.causes.map((e) => e.id)).toEqual([...d.cause].sort());
        expect(s?.ruleText?.clause?.section).toBeTruthy();
      }
      const left = me.sanctions.filter((s) => s.kind === 'staff.paused').reduce((n, s) => n + (s.left ?? 0), 0);
      expect(left).toBe(me.status.pausesLeft);
    }
  });

  it('judges bans at the runtime time: a ban running then is not eligible', () => {
    const view = { staffId: 's1', known: true, role: 'rep', level: 'C', active: true, pausesImposed: 0, pausesLeft: 0, bannedUntil: '2026-04-01T00:00:00.000Z', hotlineBannedUntil: null, banned: false, hotlineBanned: false, eligible: true, finedFen: 0, asOf: '2026-12-02T00:00:00.000Z' };
    expect(statusAt(view, '2026-03-31T14:38:30.000Z')).toMatchObject({ banned: true, eligible: false });
    expect(statusAt(view, '2026-04-01T00:00:00.000Z')).toMatchObject({ banned: false, eligible: true });
  });

  it('fines this month and last are the engine’s', async () => {
    const fined = simulated.filter((d): d is Extract<Decision, { kind: 'staff.fined' }> => d.kind === 'staff.fined');
    const who = fined.find((d) => d.at.startsWith('2026-03'))?.staffId ?? '';
    const me = await readMyStatus(app, who, 'test');
    const sum = (month: string): number => fined.filter((d) => d.staffId === who && d.at.startsWith(month)).reduce((n, d) => n + d.amountFen, 0);
    expect(me.fines.thisMonth.key).toBe('2026-03');
    expect(me.fines.thisMonth.totalFen).toBe(sum('2026-03'));
    expect(me.fines.lastMonth.totalFen).toBe(sum('2026-02'));
  });

  it('counts down a fresh direct lead (D1) and lists the clocks soonest first', async () => {
    app.clock.set('2026-04-01T10:00:00+08:00');
    await app.runtime.ingest([
      { id: 'me-t-1', type: 'lead.received', at: '2026-04-01T10:00:00+08:00', clientId: 'c-me-1', channel: 'hotline400', receptionistId: 's0012', expectedDealFen: 100000 },
      { id: 'me-t-2', type: 'lead.assigned', at: '2026-04-01T10:01:00+08:00', clientId: 'c-me-1', staffId: 's0006', mode: 'direct', by: 's0022' },
    ]);
    const me = await readMyStatus(app, 's0006', 'test');
    const d1 = me.deadlines.find((d) => d.rule === 'D1' && d.clientId === 'c-me-1');
    expect(d1?.msLeft).toBe(10 * 60_000);
    expect(me.deadlines[0]?.clientId).toBe('c-me-1');
    for (let i = 1; i < me.deadlines.length; i++) expect(me.deadlines[i]?.msLeft).toBeGreaterThanOrEqual(me.deadlines[i - 1]?.msLeft ?? 0);
    expect(me.deadlines.some((d) => d.rule === 'R3' && d.clientId === 'c-me-1')).toBe(true);
  });

  it('prints notices for the person, HR and auditors only', async () => {
    const pause = about('s0006', ['staff.paused'])[0];
    expect(pause).toBeDefined();
    const id = pause?.id ?? '';
    const rep1 = { username: 'rep1', displayName: '', role: 'rep' as const, staffId: 's0006', mustChangePassword: false };
    const rep2 = { username: 'rep2', displayName: '', role: 'rep' as const, staffId: 's0004', mustChangePassword: false };
    const ok = await readNotice(app, rep1, id);
    expect(ok.ok && ok.notice.policy.storedHash === ok.notice.policy.hash).toBe(true);
    expect(await readNotice(app, rep2, id)).toEqual({ ok: false, status: 403 });
    expect((await readNotice(app, { ...rep2, role: 'editor', staffId: null }, id)).ok).toBe(true);
    expect((await readNotice(app, { ...rep2, role: 'auditor', staffId: null }, id)).ok).toBe(true);
    expect(await readNotice(app, { ...rep2, role: 'approver', staffId: null }, id)).toEqual({ ok: false, status: 403 });
    expect(await readNotice(app, rep1, 'no-such')).toEqual({ ok: false, status: 404 });
    expect(appealLink(id)).toBe(`/appeals/new?decision=${encodeURIComponent(id)}`);
  });
});
