import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime } from '@allot/runtime';
import type { Runtime } from '@allot/runtime';
import { openStore, snapshotSeqAtOrBefore } from '@allot/store';
import type { Store } from '@allot/store';
import type { AdminDb, AdminTables } from '../../shared/database';
import { migrateAdmin } from '../../shared/migrations';
import { historyEvents, historyEnd } from '../../shared/test/seeded-app';
import { historyOf } from '../history';
import { planRun, prepareRun, replayRun, resultOf } from '../run';
import type { WhatIfParams } from '../types';
import { logSource, openStoredLog } from '../stored-log';
import { approvalImpactOrPending } from '../approval-impact';

/**
 * What-if over a stored log that holds snapshots: streamed from the recorded state just before
 * the period (reached from a snapshot; or from the first op), never read into memory. On the example history, where one version was
 * in force from the first event, the recorded state there is the base version's own, so
 * both kinds of history give the same answer.
 */
const root = new URL('../../../../../', import.meta.url);
const seedText = readFileSync(new URL('policies/sales-resource/1.0.0.json', root), 'utf8');
const seed = JSON.parse(seedText) as { rules: Record<string, Record<string, unknown>> };
const fifty = structuredClone(seed);
(fifty.rules['F1'] as { fineFen: number }).fineFen = 5000;
const lines = readFileSync(new URL('examples/history.jsonl', root), 'utf8').trim().split('\n');
const DAY = 86_400_000;
const last = Date.parse(historyEnd);

describe('what-if over a stored log with snapshots', () => {
  let store: Store;
  let runtime: Runtime;
  let db: AdminDb;
  beforeAll(async () => {
    store = await openStore({ dataDir: 'memory://' });
    await migrateAdmin(store.db as unknown as Parameters<typeof migrateAdmin>[0], store.schema);
    runtime = createRuntime({ store, clock: () => new Date(historyEnd), actor: 'test', snapshotEvery: 400 });
    db = store.db.withTables<AdminTables>();
    await runtime.publish(JSON.parse(seedText), { effectiveFrom: historyEvents[0]?.at ?? historyEnd, author: 'system', approver: 'system', note: 'seed' });
    for (let i = 0; i < lines.length; i += 300) await runtime.ingest(lines.slice(i, i + 300).join('\n'));
  }, 120_000);
  afterAll(async () => {
    await runtime.close();
    await store.close();
  });

  const memory = async (params: WhatIfParams) => {
    const base = await prepareRun(db, params, new Date(historyEnd));
    if (!base.ok) throw new Error(base.error);
    const planned = planRun(historyOf(historyEvents), { policyId: params.policyId, base: base.run.base, candidate: base.run.candidate, from: params.from ?? null, to: params.to ?? null, team: null, allocationsAsRecorded: true });
    if (!planned.ok) throw new Error(planned.error);
    return resultOf(planned.run, await replayRun(planned.run), 0);
  };

  for (const days of [20, 90]) {
    it(`the last ${days} days: the same answer as the history in memory, streamed from ${days === 20 ? 'a snapshot' : 'the first op'}`, async () => {
      const from = new Date(last - days * DAY).toISOString();
      const params: WhatIfParams = { policyId: 'sales-resource', candidate: '1.0.0', content: fifty, allocationsAsRecorded: true, from };
      const prepared = await prepareRun(db, params, new Date(historyEnd));
      if (!prepared.ok) throw new Error(prepared.error);
      expect('kind' in prepared.run.history).toBe(true);
      const source = await logSource(await openStoredLog(db), prepared.run.period.fromMs, prepared.run.period.toMs);
      if (days === 20) {
        // The recorded state just before the period's first event, reached from a snapshot before it.
        const firstInPeriod = historyEvents.findIndex((e) => Date.parse(e.at) >= prepared.run.period.fromMs);
        expect(source.startSeq).toBe(firstInPeriod + 1); // op 1 is the publication
        expect(await snapshotSeqAtOrBefore(store.db as never, source.startSeq)).toBeGreaterThan(0);
        expect(source.total).toBeLessThan(lines.length);
      } else {
        expect(source.startSeq).toBe(0);
      }
      const streamed = resultOf(prepared.run, await replayRun(prepared.run), 0);
      const inMemory = await memory(params);
      expect(streamed.period).toEqual(inMemory.period);
      expect(streamed.totals).toEqual(inMemory.totals);
      expect(streamed.decisions).toEqual(inMemory.decisions);
      expect(streamed.people).toEqual(inMemory.people);
      expect(streamed.totals.delta.finesFen).toBeGreaterThan(0);
    });
  }

  it('the same version on both sides changes nothing', async () => {
    const from = new Date(last - 20 * DAY).toISOString();
    const prepared = await prepareRun(db, { policyId: 'sales-resource', candidate: '1.0.0', from }, new Date(historyEnd));
    if (!prepared.ok) throw new Error(prepared.error);
    const result = resultOf(prepared.run, await replayRun(prepared.run), 0);
    expect(result.decisions.differing).toBe(0);
    expect(result.totals.base.fines).toBeGreaterThan(0);
  });

  it('the impact of a version is pending until a run has cached its replays, then read from them', async () => {
    const now = new Date(historyEnd);
    const first = await approvalImpactOrPending(db, 'sales-resource', '1.0.0', now);
    expect(first.ok).toBe('pending');
    if (first.ok !== 'pending') return;
    const prepared = await prepareRun(db, first.params, now);
    if (!prepared.ok) throw new Error(prepared.error);
    await replayRun(prepared.run);
    const second = await approvalImpactOrPending(db, 'sales-resource', '1.0.0', now);
    expect(second.ok).toBe(true);
    if (second.ok !== true) return;
    expect(second.impact.result.decisions.differing).toBe(0);
    expect(second.impact.result.totals.base.fines).toBeGreaterThan(0);
  });

  it('events arriving after the impact was made: the earlier impact is shown, with the job that brings it up to date', async () => {
    const now = new Date(historyEnd);
    const before = await approvalImpactOrPending(db, 'sales-resource', '1.0.0', now);
    expect(before.ok).toBe(true);
    const accepted = await runtime.ingest([{ id: 'late-joiner', type: 'staff.joined', at: historyEnd, staffId: 'late-joiner', role: 'rep', level: 'C' }]);
    expect(accepted.rejected).toEqual([]);
    const after = await approvalImpactOrPending(db, 'sales-resource', '1.0.0', now);
    expect(after.ok).toBe(true);
    if (after.ok !== true || before.ok !== true) return;
    expect(after.impact).toBe(before.impact);
    expect(after.refresh).toMatchObject({ params: { policyId: 'sales-resource', candidate: '1.0.0' } });
  });
});
