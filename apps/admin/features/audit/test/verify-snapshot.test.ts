/**
 * The audit Verify of a period on a record with snapshots: the answer names the snapshot the
 * replay started from (and the page says so in zh/en), finds an edited decision of the period,
 * and a decision edited before that snapshot shows only in Verify of the whole record.
 */
import { readFileSync } from 'node:fs';
import { createRuntime } from '@allot/runtime';
import type { Runtime } from '@allot/runtime';
import { listSnapshots, readDecisions } from '@allot/store';
import type { StoredDecision } from '@allot/store';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../../../../packages/store/test/test-stores.js';
import { t } from '../../shared/i18n/messages';
import { verifyPeriod } from '../verify';

const root = new URL('../../../../../', import.meta.url);
const historyText = readFileSync(new URL('examples/history.jsonl', root), 'utf8');
const lines = historyText.split('\n').filter((l) => l.trim() !== '');
const v100 = JSON.parse(readFileSync(new URL('policies/sales-resource/1.0.0.json', root), 'utf8')) as unknown;
const NOW = new Date('2026-04-02T09:00:00+08:00');
const MARCH = { from: new Date('2026-03-01T00:00:00+08:00'), to: new Date('2026-03-16T00:00:00+08:00') };

describe.each(BACKENDS)('audit Verify from a snapshot on $name', (backend) => {
  let db: TestDatabase;
  let runtime: Runtime;
  let all: StoredDecision[];
  beforeAll(async () => {
    db = await backend.open();
    runtime = createRuntime({ store: db.store, clock: () => NOW, snapshotEvery: 400, snapshotMaxSpacing: 400 });
    await runtime.publish(v100, { effectiveFrom: null });
    for (let i = 0; i < lines.length; i += 200) await runtime.ingest(lines.slice(i, i + 200).join('\n'));
    all = await readDecisions(db.store.db, { afterSeq: 0, limit: 100_000 });
  }, 120_000);
  afterAll(async () => {
    await runtime.close();
    await db.cleanup();
  });

  it('names the snapshot it started from, finds an edit in the period, and leaves one before the snapshot to Verify of everything', async () => {
    const firstOfMarch = all.find((d) => d.at >= MARCH.from) as StoredDecision;
    const snapshot = (await listSnapshots(db.store.db)).filter((s) => s.seq < firstOfMarch.sourceSeq).at(-1);
    expect(snapshot).toBeDefined();
    const march = await verifyPeriod(runtime, db.store.db, MARCH, 'auditor', NOW);
    expect(march).toMatchObject({ ok: true, snapshot: { opSeq: snapshot?.seq, takenAt: snapshot?.takenAt.toISOString() } });
    const op = march.snapshot?.opSeq ?? 0;
    expect(t('zh', 'audit.verifyFromSnapshot', { op, at: '' })).toContain(`从第 ${op} 个操作的快照开始核验`);
    expect(t('en', 'audit.verifyFromSnapshot', { op, at: '' })).toContain(`Verified from the snapshot at op ${op}`);

    const inMarch = all.find((d) => d.kind === 'staff.fined' && d.at >= MARCH.from && d.at < MARCH.to) as StoredDecision;
    const beforeSnapshot = all.filter((d) => d.kind === 'staff.fined' && d.sourceSeq <= op).at(-1) as StoredDecision;
    await db.store.db.connection().execute(async (conn) => {
      await sql`begin`.execute(conn);
      await sql`set local session_replication_role = replica`.execute(conn);
      for (const seq of [inMarch.seq, beforeSnapshot.seq]) await sql.raw(`update decisions set payload = (payload::jsonb || '{"amountFen": 1}')::json where seq = ${seq}`).execute(conn);
      await sql`commit`.execute(conn);
    });
    const again = await verifyPeriod(runtime, db.store.db, MARCH, 'auditor', NOW);
    expect(again.mismatches.map((m) => [m.seq, m.reason])).toEqual([
      [inMarch.seq, 'edited'],
      [inMarch.seq, 'chain'],
    ]);
    expect(again.mismatches[0]?.differs).toEqual(['amountFen']);
    const whole = await verifyPeriod(runtime, db.store.db, {}, 'auditor', NOW);
    expect(whole.snapshot).toBeNull();
    expect(whole.mismatches.filter((m) => m.reason === 'edited').map((m) => m.seq)).toEqual([beforeSnapshot.seq, inMarch.seq]);
  });
});
