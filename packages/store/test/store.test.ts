import { migrationProvider } from '../src/migrations/migrations.js';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appendEvents,
  openWriteSession,
  readClientStates,
  encodeDecisions,
  encodeEvents,
  findEvents,
  findPolicyVersion,
  insertDecisions,
  insertEvents,
  insertPolicyVersion,
  insertTick,
  logAccess,
  openStore,
  readAccessLog,
  readDecisions,
  readEvents,
  readHead,
  RevisionConflictError,
  updatePolicyVersion,
} from '@allot/store';
import type { NewDecision, NewEvent } from '@allot/store';
import { adminQuery, BACKENDS, POSTGRES_BACKENDS, uniqueSchema, type TestDatabase } from './test-stores.js';

const event = (seq: number): NewEvent => ({
  seq,
  eventId: `e${seq}`,
  type: 'violation',
  at: '2026-03-01T09:00:00+08:00',
  appliedAt: '2026-03-01T01:00:00.000Z',
  payloadText: JSON.stringify({ id: `e${seq}`, type: 'violation', at: '2026-03-01T09:00:00+08:00', staffId: 's1', severity: 'normal' }),
  receivedAt: '2026-03-01T01:00:01.000Z',
  prevHash: 'p',
  rowHash: 'r',
});

const decision = (seq: number): NewDecision => ({
  seq,
  decisionId: `e${seq}#1`,
  at: '2026-03-01T09:00:00+08:00',
  kind: 'staff.banned',
  rule: 'V1',
  staffId: 's1',
  clientId: null,
  policyId: 'sales-resource',
  policyVersion: '1.0.0',
  policyHash: 'sha256:x',
  cause: [`e${seq}`, 'quote"and\\backslash'],
  payloadText: JSON.stringify({ id: `e${seq}#1`, kind: 'staff.banned', explain: { zh: '禁止分配 7 天', en: 'banned' } }),
  sourceSeq: seq,
  prevHash: 'p',
  rowHash: 'r',
  recordedAt: '2026-03-01T01:00:01.000Z',
});

/** Runs `fn` in a write transaction that moves the head to `opSeq`/`decisionSeq` (the store refuses log rows without it). */
async function withHeadAt(db: TestDatabase, opSeq: number, decisionSeq: number, fn: (trx: TestDatabase['store']['db']) => Promise<void>): Promise<void> {
  await db.store.writeTransaction(async (trx) => {
    await fn(trx);
    await sql`update log_head set op_seq = ${opSeq}, decision_seq = ${decisionSeq}`.execute(trx);
  });
}

describe.each(BACKENDS)('store on $name', (backend) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await backend.open();
  });
  afterEach(async () => {
    await db.cleanup();
  });

  it('starts migrated with an empty head', async () => {
    expect(await readHead(db.store.db)).toEqual({ opSeq: 0, decisionSeq: 0, eventHash: '0'.repeat(64), decisionHash: '0'.repeat(64) });
  });

  it('round-trips events and decisions through the bulk inserts (json text, text[], instants)', async () => {
    await withHeadAt(db, 2, 1, async (trx) => {
      expect(await insertEvents(trx, [event(1), event(2)])).toBe(2);
      await insertDecisions(trx, [decision(1)]);
    });
    // A stored id is skipped, not an error.
    expect(await insertEvents(db.store.db, [event(2)])).toBe(0);
    const [e] = await readEvents(db.store.db, { afterSeq: 0, limit: 1 });
    expect(e?.payload).toEqual(JSON.parse(event(1).payloadText));
    expect(e?.at.toISOString()).toBe('2026-03-01T01:00:00.000Z');
    const [d] = await readDecisions(db.store.db, { afterSeq: 0, limit: 10 });
    expect(d?.cause).toEqual(['e1', 'quote"and\\backslash']);
    expect(d?.payload).toEqual(JSON.parse(decision(1).payloadText));
    // json keeps the text byte for byte.
    const raw = await sql<{ t: string }>`select payload::text as t from decisions where seq = 1`.execute(db.store.db);
    expect(raw.rows[0]?.t).toBe(decision(1).payloadText);
  });

  it('appends awkward text byte for byte inside a write transaction (COPY on PostgreSQL), encoded ahead or not', async () => {
    const awkward = ['tab\there', 'line\nbreak', 'carriage\rreturn', 'back\\slash', '\\N', 'quote"s', '中文 and emoji 😀', ''];
    const events = awkward.map((text, i): NewEvent => ({
      ...event(i + 1),
      eventId: `id ${i} ${text}`,
      payloadText: JSON.stringify({ id: `id ${i} ${text}`, note: text, escaped: '\u0000 \\ "' }),
    }));
    const decisions = awkward.map((text, i): NewDecision => ({
      ...decision(i + 1),
      decisionId: `d ${i} ${text}`,
      staffId: i % 2 === 0 ? null : text,
      cause: [text, `${text}"}{,`, 'NULL'],
      payloadText: JSON.stringify({ id: `d ${i}`, explain: { zh: text, en: text } }),
    }));
    await withHeadAt(db, events.length, decisions.length, async (trx) => {
      expect(await appendEvents(trx, events.slice(0, 4))).toBe(4);
      expect(await appendEvents(trx, encodeEvents(trx, events.slice(4)))).toBe(4);
      await insertDecisions(trx, decisions.slice(0, 4));
      await insertDecisions(trx, encodeDecisions(trx, decisions.slice(4)));
    });
    const raw = await sql<{ id: string; t: string }>`select event_id as id, payload::text as t from events order by seq`.execute(db.store.db);
    expect(raw.rows).toEqual(events.map((e) => ({ id: e.eventId, t: e.payloadText })));
    expect((await findEvents(db.store.db, [events[4]?.eventId ?? ''])).map((e) => e.eventId)).toEqual(['id 4 \\N']);
    const stored = await readDecisions(db.store.db, { afterSeq: 0, limit: 100 });
    expect(stored.map((d) => [d.decisionId, d.staffId, d.cause])).toEqual(decisions.map((d) => [d.decisionId, d.staffId, d.cause]));
    const texts = await sql<{ t: string }>`select payload::text as t from decisions order by seq`.execute(db.store.db);
    expect(texts.rows.map((r) => r.t)).toEqual(decisions.map((d) => d.payloadText));
  });

  it.each(['events', 'ticks', 'decisions'] as const)('refuses UPDATE, DELETE and TRUNCATE on %s (append-only triggers)', async (table) => {
    await withHeadAt(db, 2, 1, async (trx) => {
      await insertEvents(trx, [event(1)]);
      await insertTick(trx, { seq: 2, at: '2026-03-01T02:00:00Z', recordedAt: '2026-03-01T02:00:00Z' });
      await insertDecisions(trx, [decision(1)]);
    });
    await expect(sql`update ${sql.table(table)} set seq = seq`.execute(db.store.db)).rejects.toThrow(/append-only: UPDATE/);
    await expect(sql`delete from ${sql.table(table)}`.execute(db.store.db)).rejects.toThrow(/append-only: DELETE/);
    await expect(sql`truncate ${sql.table(table)}`.execute(db.store.db)).rejects.toThrow(/append-only: TRUNCATE/);
    const count = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db.store.db);
    expect(count.rows[0]?.n).toBe(1);
  });

  it('keeps the access log append-only', async () => {
    await logAccess(db.store.db, [{ actor: 'auditor', clientId: 'c1', action: 'explain' }], new Date());
    await expect(sql`update access_log set actor = 'someone else'`.execute(db.store.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from access_log`.execute(db.store.db)).rejects.toThrow(/append-only/);
    expect(await readAccessLog(db.store.db, { clientId: 'c1' })).toMatchObject([{ actor: 'auditor', action: 'explain' }]);
  });

  it('keeps a published policy version unchangeable, drafts editable with optimistic revisions', async () => {
    const at = new Date('2026-01-01T00:00:00Z');
    await insertPolicyVersion(db.store.db, { policyId: 'p', version: '1.0.0', status: 'draft', content: { a: 1 }, hash: 'h1' }, at);
    const edited = await updatePolicyVersion(db.store.db, { policyId: 'p', version: '1.0.0', expectedRevision: 1 }, { content: { a: 2 }, hash: 'h2' }, at);
    expect(edited.revision).toBe(2);
    await expect(updatePolicyVersion(db.store.db, { policyId: 'p', version: '1.0.0', expectedRevision: 1 }, { note: 'late' }, at)).rejects.toBeInstanceOf(RevisionConflictError);
    // Publishing takes a place in the op log: without the head's move it is refused.
    await expect(updatePolicyVersion(db.store.db, { policyId: 'p', version: '1.0.0', expectedRevision: 2 }, { status: 'published', publishSeq: 1, effectiveFrom: at }, at)).rejects.toThrow(/log head/);
    await withHeadAt(db, 1, 0, async (trx) => {
      await updatePolicyVersion(trx, { policyId: 'p', version: '1.0.0', expectedRevision: 2 }, { status: 'published', publishSeq: 1, effectiveFrom: at }, at);
    });
    await expect(updatePolicyVersion(db.store.db, { policyId: 'p', version: '1.0.0', expectedRevision: 3 }, { content: { a: 3 } }, at)).rejects.toThrow(/was published/);
    await expect(sql`update policy_versions set effective_from = now()`.execute(db.store.db)).rejects.toThrow(/was published/);
    await expect(sql`delete from policy_versions`.execute(db.store.db)).rejects.toThrow(/cannot be deleted/);
    // Retiring (status only) is allowed.
    await updatePolicyVersion(db.store.db, { policyId: 'p', version: '1.0.0', expectedRevision: 3 }, { status: 'retired' }, at);
    expect((await findPolicyVersion(db.store.db, 'p', '1.0.0'))?.content).toEqual({ a: 2 });
  });
});

describe.each(POSTGRES_BACKENDS)('store on real PostgreSQL', (backend) => {
  const url = process.env['DATABASE_URL'] as string;

  it('commits a prepared batch in one round trip in a write session, all or nothing', async () => {
    const db = await backend.open();
    try {
      const session = await openWriteSession(db.store);
      if (session === undefined) throw new Error('no session on PostgreSQL');
      const head0 = await readHead(db.store.db);
      const head1 = { opSeq: 2, decisionSeq: 1, eventHash: 'e'.repeat(64), decisionHash: 'd'.repeat(64) };
      const at = new Date('2026-03-01T01:00:02Z');
      const batch = (events: NewEvent[], from: typeof head0, to: typeof head0) => ({
        events: encodeEvents(db.store.db, events),
        decisions: encodeDecisions(db.store.db, events.slice(0, 1).map(() => decision(to.decisionSeq))),
        staff: [{ staffId: 's1', role: null, level: null, active: null, pausesImposed: 1, pausesLeft: 1, bannedUntil: null, hotlineBannedUntil: null, finedFen: 0, lastDecisionSeq: 1 }],
        clients: [{ clientId: "c'1$allot$", ownerId: 's1', tier: 'A', registeredAt: '2026-03-01T01:00:00Z', closedAt: null, followUpDue: null, developmentDue: null, lastActivityAt: null }],
        from,
        to,
        at,
      });
      await session.commitBatch(batch([event(1), event(2)], head0, head1));
      expect(await readHead(db.store.db)).toEqual(head1);
      expect((await readEvents(db.store.db, { afterSeq: 0, limit: 10 })).map((e) => e.eventId)).toEqual(['e1', 'e2']);
      expect(await readClientStates(db.store.db, ["c'1$allot$"])).toMatchObject([{ ownerId: 's1', tier: 'A' }]);
      // From a head that is not the stored one: refused, nothing of it stored.
      const head2 = { ...head1, opSeq: 3, decisionSeq: 2 };
      await expect(session.commitBatch(batch([event(3)], head0, head2))).rejects.toThrow(/log head moved/);
      // A stored event id fails the COPY: nothing of the batch is stored either.
      await expect(session.commitBatch(batch([event(4), event(2)], head1, head2))).rejects.toThrow(/duplicate key/);
      expect(await readHead(db.store.db)).toEqual(head1);
      expect((await readEvents(db.store.db, { afterSeq: 0, limit: 10 })).map((e) => e.eventId)).toEqual(['e1', 'e2']);
      // The session is still usable after a failed batch.
      await session.commitBatch(batch([event(3)], head1, head2));
      expect(await readHead(db.store.db)).toEqual(head2);
      await session.close();
    } finally {
      await db.cleanup();
    }
  });

  it('migrates safely when several processes open a new schema at once', async () => {
    const schema = uniqueSchema('mig');
    const stores = await Promise.all(Array.from({ length: 5 }, () => openStore({ databaseUrl: url, schema, poolSize: 2 })));
    try {
      for (const s of stores) expect((await readHead(s.db)).opSeq).toBe(0);
      const migrations = await sql<{ n: number }>`select count(*)::int as n from ${sql.id(schema, 'kysely_migration')}`.execute(stores[0]!.db);
      // One row per migration, however many processes raced.
      expect(migrations.rows[0]?.n).toBe(Object.keys(await migrationProvider.getMigrations()).length);
    } finally {
      await stores[0]!.dropSchema();
      for (const s of stores) await s.close();
    }
  });

  it('survives the server terminating its idle connections', async () => {
    const applicationName = uniqueSchema('app');
    const errors: Error[] = [];
    const schema = uniqueSchema();
    const store = await openStore({ databaseUrl: url, schema, applicationName, poolSize: 3, onError: (e) => errors.push(e) });
    try {
      // Fill the pool with idle connections.
      await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(store.db)));
      const killed = await adminQuery<{ n: number }>(
        "select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where application_name = $1 and state = 'idle'",
        [applicationName],
      );
      expect(killed[0]?.n).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(errors.length).toBeGreaterThan(0);
      // The next calls get fresh connections.
      for (let i = 0; i < 3; i++) expect((await readHead(store.db)).opSeq).toBe(0);
    } finally {
      await store.dropSchema();
      await store.close();
    }
  });
});
