import { readFileSync } from 'node:fs';
import { parseEvents } from '@allot/engine';
import type { Decision } from '@allot/engine';
import { createRuntime } from '@allot/runtime';
import type { Runtime } from '@allot/runtime';
import { readAccessLog, readDecisions } from '@allot/store';
import type { StoredDecision } from '@allot/store';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../../../../packages/store/test/test-stores.js';
import { readAuditDecision } from '../decision';
import { parseAuditQuery, searchDecisions, searchChoices } from '../search';
import type { AuditQuery } from '../search';
import { periodRange, verifyPeriod } from '../verify';

/**
 * The audit explorer's server code against a real store: the example history ingested through
 * the runtime under 1.0.0 and, from 15 Feb, 1.1.0 (F1 fine 50元), as the admin app seeds it.
 */

const root = new URL('../../../../../', import.meta.url);
const historyText = readFileSync(new URL('examples/history.jsonl', root), 'utf8');
const history = parseEvents(historyText).events;
const v100 = JSON.parse(readFileSync(new URL('policies/sales-resource/1.0.0.json', root), 'utf8')) as { version: string; rules: { F1: { fineFen: number } } };
const v110 = { ...structuredClone(v100), version: '1.1.0' };
v110.rules.F1.fineFen = 5000;
const SWITCH = '2026-02-15T00:00:00+08:00';
const NOW = new Date('2026-04-02T09:00:00+08:00');

const q = (params: Record<string, string>): AuditQuery => {
  const parsed = parseAuditQuery(new URLSearchParams(params));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.query;
};

describe.each(BACKENDS)('audit explorer on $name', (backend) => {
  let db: TestDatabase;
  let runtime: Runtime;
  let all: StoredDecision[];
  const ids = (rows: readonly { decision: Decision }[]): string[] => rows.map((r) => r.decision.id);
  const where = (pred: (d: StoredDecision) => boolean): string[] => all.filter(pred).map((d) => d.decisionId);
  const search = async (params: Record<string, string>, actor = 'auditor'): Promise<string[]> => {
    const out: string[] = [];
    for (let cursor: number | null = 0; cursor !== null; ) {
      const page = await searchDecisions(db.store.db, q({ order: 'asc', limit: '500', ...params, cursor: String(cursor) }), actor, NOW);
      out.push(...ids(page.items));
      cursor = page.next;
    }
    return out;
  };

  beforeAll(async () => {
    db = await backend.open();
    runtime = createRuntime({ store: db.store, clock: () => NOW, actor: 'system' });
    await runtime.publish(v100, { effectiveFrom: history[0]?.at ?? null });
    await runtime.publish(v110, { effectiveFrom: SWITCH });
    await runtime.ingest(historyText);
    all = await readDecisions(db.store.db, { afterSeq: 0, limit: 100_000 });
  }, 120_000);
  afterAll(async () => {
    await runtime.close();
    await db.cleanup();
  });

  it('filters by person, client, kind, rule, period and policy version, alone and together', async () => {
    expect(all.length).toBeGreaterThan(1000);
    const fine = all.find((d) => d.kind === 'staff.fined' && d.at.getTime() > Date.parse(SWITCH)) as StoredDecision;
    const staffId = fine.staffId as string;
    const person = await search({ staffId });
    expect(person.length).toBeGreaterThan(1);
    expect(person).toEqual(where((d) => d.staffId === staffId));

    const breach = all.find((d) => d.kind === 'allocation.breach') as StoredDecision;
    const clientId = breach.clientId as string;
    expect(await search({ clientId })).toEqual(where((d) => d.clientId === clientId));
    expect(await search({ kind: 'staff.banned' })).toEqual(where((d) => d.kind === 'staff.banned'));
    expect(await search({ rule: 'M3' })).toEqual(where((d) => d.rule === 'M3'));
    expect((await search({ rule: 'M3' })).length).toBe(2);

    // Days are whole days in China time, the end day included.
    const feb = await search({ from: '2026-02-01', to: '2026-02-28' });
    const lo = Date.parse('2026-02-01T00:00:00+08:00');
    const hi = Date.parse('2026-03-01T00:00:00+08:00');
    expect(feb).toEqual(where((d) => d.at.getTime() >= lo && d.at.getTime() < hi));
    expect(await search({ from: '2026-02-01T12:00:00+08:00' })).toEqual(where((d) => d.at.getTime() >= lo + 12 * 3_600_000));

    // Policy versions: 1.0.0 up to the switch, 1.1.0 after it; the F1 fine is 50元 under 1.1.0.
    const newer = await search({ policy: 'sales-resource@1.1.0' });
    expect(newer).toEqual(where((d) => d.policyVersion === '1.1.0'));
    expect(newer.length).toBeGreaterThan(100);
    expect(all.filter((d) => d.policyVersion === '1.1.0').every((d) => d.at.getTime() >= Date.parse(SWITCH))).toBe(true);
    expect(await search({ policy: '1.0.0' })).toEqual(where((d) => d.policyVersion === '1.0.0'));
    expect((await search({ policy: 'sales-resource' })).length).toBe(all.length);
    expect(await search({ policy: 'other-policy@1.0.0' })).toEqual([]);
    const f1 = await searchDecisions(db.store.db, q({ rule: 'F1', policy: 'sales-resource@1.1.0' }), 'auditor', NOW);
    expect(f1.items.length).toBeGreaterThan(0);
    expect(f1.items.every((i) => (i.decision as { amountFen?: number }).amountFen === 5000)).toBe(true);

    // Everything together.
    const combined = await search({ staffId, kind: 'staff.fined', rule: fine.rule, from: '2026-02-15', to: '2026-03-31', policy: 'sales-resource@1.1.0' });
    expect(combined).toContain(fine.decisionId);
    expect(combined).toEqual(
      where((d) => d.staffId === staffId && d.kind === 'staff.fined' && d.rule === fine.rule && d.at.getTime() >= Date.parse(SWITCH) && d.policyVersion === '1.1.0'),
    );
  });

  it('pages with cursors, newest first by default, with no row lost or repeated', async () => {
    const collect = async (order: string): Promise<string[]> => {
      const out: string[] = [];
      let cursor: number | null = null;
      for (let pages = 0; pages < 100; pages++) {
        const page = await searchDecisions(db.store.db, q({ kind: 'staff.paused', limit: '4', order, ...(cursor === null ? {} : { cursor: String(cursor) }) }), 'auditor', NOW);
        out.push(...ids(page.items));
        expect(page.items.length).toBeLessThanOrEqual(4);
        cursor = page.next;
        if (cursor === null) return out;
      }
      throw new Error('did not end');
    };
    const paused = where((d) => d.kind === 'staff.paused');
    expect(paused.length).toBeGreaterThan(8);
    expect(await collect('asc')).toEqual(paused);
    expect(await collect('desc')).toEqual([...paused].reverse());
  });

  it('refuses filters it cannot read, naming the field', () => {
    const bad = parseAuditQuery(new URLSearchParams({ kind: 'staff.sacked', from: '2026-02-30', to: 'soon', policy: '@@', cursor: '-1', limit: 'x', staffId: 'a b' }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.field).sort()).toEqual(['cursor', 'from', 'kind', 'limit', 'policy', 'staffId', 'to']);
    const reversed = parseAuditQuery(new URLSearchParams({ from: '2026-03-01', to: '2026-02-01' }));
    expect(reversed.ok).toBe(false);
  });

  it('offers the rules and published versions as choices', async () => {
    const choices = await searchChoices(db.store.db);
    expect(choices.policies).toEqual(['sales-resource@1.0.0', 'sales-resource@1.1.0']);
    expect(choices.rules).toEqual(expect.arrayContaining(['T1', 'M1', 'M2', 'M3', 'M4', 'F1', 'F2', 'V1', 'D1', 'P1', 'L1']));
    expect(choices.rules).not.toContain('M');
  });

  it('writes the clients a search shows to the access log', async () => {
    const breach = all.find((d) => d.kind === 'allocation.breach') as StoredDecision;
    await searchDecisions(db.store.db, q({ clientId: breach.clientId as string }), 'auditor-log-test', NOW);
    const log = await readAccessLog(db.store.db, { clientId: breach.clientId as string });
    expect(log[0]).toMatchObject({ actor: 'auditor-log-test', clientId: breach.clientId, action: 'audit.search' });
  });

  it('explains a sanction: fields, policy version and hash, the rule clause, cause events', async () => {
    const ban = all.find((d) => d.kind === 'staff.banned' && d.rule === 'V1') as StoredDecision;
    const view = await readAuditDecision(runtime, db.store.db, ban.decisionId, 'auditor', NOW);
    if (view === null) throw new Error('not found');
    expect(view.fields.map((f) => f.name).sort()).toEqual(['from', 'staffId', 'until']);
    expect(view.policy).toMatchObject({ id: 'sales-resource', version: '1.0.0', hash: ban.policyHash, status: 'published', hashOk: true, source: 'seed/000_13c33d2fa6685167.txt' });
    expect(view.rule?.id).toBe('V1');
    expect(view.rule?.clause.quote).toMatch(/7天|7 天|15/);
    expect(view.causes.map((c) => c.event.id)).toEqual(ban.cause);
    expect(view.causes.every((c) => c.event.type === 'violation')).toBe(true);
    expect(await readAuditDecision(runtime, db.store.db, 'no-such-decision', 'auditor', NOW)).toBeNull();
  });

  it('downstream: later decisions citing its causes, decisions of the same op, breaches of a ban', async () => {
    const bans = all.filter((d) => d.kind === 'staff.banned' && d.rule === 'V1');
    // A second V1 ban of a member cites the violation of the first: it counts on the ladder.
    const second = bans.find((b) => b.cause.length > 1) as StoredDecision;
    const first = bans.find((b) => b.staffId === second.staffId && b.seq < second.seq && second.cause.includes(b.cause[0] as string)) as StoredDecision;
    const view = await readAuditDecision(runtime, db.store.db, first.decisionId, 'auditor', NOW);
    const citing = view?.downstream.citing ?? [];
    expect(citing.map((r) => r.decision.id)).toContain(second.decisionId);
    expect(citing.find((r) => r.decision.id === second.decisionId)?.shared).toEqual([first.cause[0]]);
    expect(citing.every((r) => r.seq > first.seq && r.decision.cause.some((c) => first.cause.includes(c)))).toBe(true);
    expect(citing.map((r) => r.decision.id)).toEqual(where((d) => d.seq > first.seq && d.sourceSeq !== first.sourceSeq && d.cause.some((c) => first.cause.includes(c))));

    // M3 makes a ban and a hotline ban in one op: each lists the other as decided with it.
    const m3 = all.filter((d) => d.rule === 'M3');
    const m3ban = await readAuditDecision(runtime, db.store.db, (m3.find((d) => d.kind === 'staff.banned') as StoredDecision).decisionId, 'auditor', NOW);
    expect(m3ban?.downstream.together.map((r) => r.decision.kind)).toContain('staff.hotline_banned');

    // Every V1 ban-breach of the history belongs to exactly one ban: the earliest running one.
    const breaches = where((d) => d.kind === 'allocation.breach' && d.rule === 'V1' && (d.payload as { reason?: string }).reason === 'banned');
    expect(breaches.length).toBeGreaterThan(0);
    const attributed: string[] = [];
    for (const b of bans) attributed.push(...ids((await readAuditDecision(runtime, db.store.db, b.decisionId, 'auditor', NOW))?.downstream.breaches ?? []));
    expect(attributed.sort()).toEqual([...breaches].sort());
  });

  it('downstream of pauses: the allocations that used them add up to what the runtime projects', async () => {
    const paused = all.filter((d) => d.kind === 'staff.paused');
    const byStaff = new Map<string, { used: number; left: number }>();
    for (const p of paused) {
      const view = await readAuditDecision(runtime, db.store.db, p.decisionId, 'auditor', NOW);
      const ds = view?.downstream;
      expect(ds?.replay).toBe('matched');
      const used = ds?.pausesUsed ?? [];
      // A used pause was an engine allocation that went to someone else (or to nobody).
      for (const u of used) {
        expect(u.outcome?.decision.kind).toMatch(/^lead\.(allocated|unallocated)$/);
        expect((u.outcome?.decision as { staffId?: string }).staffId).not.toBe(p.staffId);
        expect(u.outcome?.decision.cause).toEqual([u.eventId]);
        expect(Date.parse(u.at)).toBeGreaterThanOrEqual(p.at.getTime());
      }
      const s = byStaff.get(p.staffId as string) ?? { used: 0, left: 0 };
      s.used += used.length;
      s.left += ds?.pausesLeft ?? 0;
      byStaff.set(p.staffId as string, s);
    }
    let usedAny = 0;
    for (const [staffId, s] of byStaff) {
      const status = await runtime.status(staffId);
      expect({ staffId, used: s.used, left: s.left }).toEqual({ staffId, used: status.pausesImposed - status.pausesLeft, left: status.pausesLeft });
      usedAny += s.used;
    }
    expect(usedAny).toBeGreaterThan(0);
  });

  it('downstream of a hotline ban: the hotline leads the receptionist took while it ran', async () => {
    const hb = all.find((d) => d.kind === 'staff.hotline_banned') as StoredDecision;
    const p = hb.payload as { staffId: string; from: string; until: string };
    const view = await readAuditDecision(runtime, db.store.db, hb.decisionId, 'auditor', NOW);
    const expected = history
      .filter((e) => e.type === 'lead.received' && e.receptionistId === p.staffId && (e.channel === 'hotline400' || e.channel === 'lixianbao'))
      .filter((e) => Date.parse(e.at) >= Date.parse(p.from) && Date.parse(e.at) < Date.parse(p.until))
      .map((e) => e.id);
    expect(view?.downstream.hotlineCalls?.map((c) => c.eventId)).toEqual(expected);
    expect(view?.downstream.pausesUsed).toBeNull();
  });

  it('verifies a period: passes on the untouched record, reports the period decisions', async () => {
    const period = { from: new Date('2026-02-01T00:00:00+08:00'), to: new Date('2026-03-01T00:00:00+08:00') };
    const range = await periodRange(db.store.db, period);
    const inFeb = all.filter((d) => d.at >= period.from && d.at < period.to);
    expect(range).toEqual({ fromSeq: inFeb[0]?.seq, toSeq: inFeb[inFeb.length - 1]?.seq, count: inFeb.length });
    // Two requests at once share one run.
    const [a, b] = await Promise.all([verifyPeriod(runtime, db.store.db, period, 'auditor-v', NOW), verifyPeriod(runtime, db.store.db, period, 'auditor-v', NOW)]);
    expect(a).toBe(b);
    // No snapshot before February: replayed from the first event, up to the op of February's last decision.
    const lastOp = inFeb[inFeb.length - 1]?.sourceSeq ?? 0;
    const eventsUpTo = (await sql<{ n: number }>`select count(*)::int as n from events where seq <= ${lastOp}`.execute(db.store.db)).rows[0]?.n;
    expect(a).toMatchObject({ ok: true, mismatchCount: 0, mismatches: [], decisionsInPeriod: inFeb.length, snapshot: null, events: eventsUpTo, checked: all.filter((d) => d.sourceSeq <= lastOp).length });
    expect(a.range).toEqual({ fromSeq: range?.fromSeq, toSeq: range?.toSeq });
    const empty = await verifyPeriod(runtime, db.store.db, { from: new Date('2030-01-01T00:00:00+08:00') }, 'auditor-v', NOW);
    expect(empty).toMatchObject({ ok: true, range: null, decisionsInPeriod: 0 });
    const log = (await readAccessLog(db.store.db, { limit: 50 })).filter((e) => e.actor === 'auditor-v');
    expect(log.filter((e) => e.action === 'audit.verify' && e.clientId === null)).toHaveLength(3);
  });

  it('verify names the edited row and what differs, only in the period that holds it', async () => {
    const fine = all.find((d) => d.kind === 'staff.fined' && d.at.getTime() >= Date.parse('2026-03-01T00:00:00+08:00')) as StoredDecision;
    await db.store.db.connection().execute(async (conn) => {
      await sql`begin`.execute(conn);
      await sql`set local session_replication_role = replica`.execute(conn);
      await sql.raw(`update decisions set payload = (payload::jsonb || '{"amountFen": 1}')::json where seq = ${fine.seq}`).execute(conn);
      await sql`commit`.execute(conn);
    });
    const march = await verifyPeriod(runtime, db.store.db, { from: new Date('2026-03-01T00:00:00+08:00') }, 'auditor', NOW);
    expect(march.ok).toBe(false);
    expect(march.mismatches.map((m) => [m.seq, m.decisionId, m.reason])).toEqual([
      [fine.seq, fine.decisionId, 'edited'],
      [fine.seq, fine.decisionId, 'chain'],
    ]);
    expect(march.mismatches[0]?.differs).toEqual(['amountFen']);
    const january = await verifyPeriod(runtime, db.store.db, { to: new Date('2026-02-01T00:00:00+08:00') }, 'auditor', NOW);
    expect(january).toMatchObject({ ok: true, mismatchCount: 0 });
  });
});
