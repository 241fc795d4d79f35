import { readFileSync } from 'node:fs';
import type { Decision } from '@allot/engine';
import { createRuntime } from '@allot/runtime';
import type { Runtime } from '@allot/runtime';
import { readDecisions } from '@allot/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../../../../packages/store/test/test-stores.js';
import { readAuditDecision } from '../decision';
import type { Downstream } from '../downstream';

/**
 * The downstream of bans and pauses on a small hand-made history whose answers follow from
 * SPEC §2's ring rules by hand: three reps s1, s2, s3 join in that order (the ring); s2 is
 * banned twice (V1: 7 days, then 15 days running side by side); s1 is paused once (D1).
 *
 *   a1 10:00 pointer s1 → s1             a2 10:05 s2 banned, passed → s3
 *   a3 10:10 direct → s1 (D1 clock; no contact, paused at 10:20)
 *   as1 10:30 assigned to s2 → breach of ban 1      as2 10:31 assigned to s1 → breach of the pause
 *   a4 10:40 s2 passed → s3                         a5 10:50 s1 paused (uses it), s2 passed → s3
 *   v2 11:00 second violation: ban 2 (15 days)      a6 11:10 → s1
 *   a7 11:20 s2 passed (ban 1 blocks: the earliest imposed) → s3; as3 11:30 assigned to s2 → breach of ban 1
 *   after ban 1 ends (03-09 09:10): a8 03-10 10:00 → s1; a9 10:05 s2 passed for ban 2 → s3; as4 10:10 → breach of ban 2
 */

const root = new URL('../../../../../', import.meta.url);
const policy = JSON.parse(readFileSync(new URL('policies/sales-resource/1.0.0.json', root), 'utf8')) as unknown;
const day = (d: string, hm: string): string => `2026-03-${d}T${hm}:00+08:00`;
const ev = (id: string, type: string, at: string, fields: Record<string, unknown>): Record<string, unknown> => ({ id, type, at, ...fields });
let n = 0;
const allocate = (id: string, at: string, clientId: string, mode = 'pool'): Record<string, unknown>[] => [
  ev(`r${++n}`, 'lead.received', at, { clientId, channel: 'web' }),
  ev(id, 'lead.allocate', at, { clientId, mode }),
];
const assign = (id: string, at: string, clientId: string, staffId: string): Record<string, unknown> => ev(id, 'lead.assigned', at, { clientId, staffId, mode: 'manual', by: 's9' });

const EVENTS = [
  ev('j1', 'staff.joined', day('02', '09:00'), { staffId: 's1', role: 'rep' }),
  ev('j2', 'staff.joined', day('02', '09:00'), { staffId: 's2', role: 'rep' }),
  ev('j3', 'staff.joined', day('02', '09:00'), { staffId: 's3', role: 'rep' }),
  ev('v1', 'violation', day('02', '09:10'), { staffId: 's2', severity: 'normal' }),
  ...allocate('a1', day('02', '10:00'), 'c1'),
  ...allocate('a2', day('02', '10:05'), 'c2'),
  ...allocate('a3', day('02', '10:10'), 'c3', 'direct'),
  assign('as1', day('02', '10:30'), 'c4', 's2'),
  assign('as2', day('02', '10:31'), 'c5', 's1'),
  ...allocate('a4', day('02', '10:40'), 'c6'),
  ...allocate('a5', day('02', '10:50'), 'c7'),
  ev('v2', 'violation', day('02', '11:00'), { staffId: 's2', severity: 'normal' }),
  ...allocate('a6', day('02', '11:10'), 'c8'),
  ...allocate('a7', day('02', '11:20'), 'c9'),
  assign('as3', day('02', '11:30'), 'c10', 's2'),
  ...allocate('a8', day('10', '10:00'), 'c11'),
  ...allocate('a9', day('10', '10:05'), 'c12'),
  assign('as4', day('10', '10:10'), 'c13', 's2'),
];

/** Each backend twice: one ingest and no snapshot (traces replay from the first op), and one event at a time with a snapshot after every few ops (traces start from the snapshot before the sanction). */
const CASES = BACKENDS.flatMap((backend) => [
  { name: backend.name, backend, snapshots: false },
  { name: `${backend.name}, from snapshots`, backend, snapshots: true },
]);

describe.each(CASES)('downstream of bans and pauses on $name', ({ backend, snapshots }) => {
  let db: TestDatabase;
  let runtime: Runtime;
  let decisions: Decision[];
  const find = (pred: (d: Decision) => boolean): Decision => {
    const d = decisions.find(pred);
    if (d === undefined) throw new Error('missing decision');
    return d;
  };
  const downstream = async (d: Decision): Promise<Downstream> => {
    const view = await readAuditDecision(runtime, db.store.db, d.id, 'auditor', new Date(day('20', '09:00')));
    if (view === null) throw new Error(`no ${d.id}`);
    return view.downstream;
  };
  const allocation = (eventId: string): string => find((d) => d.kind === 'lead.allocated' && d.cause[0] === eventId).id;
  const breach = (eventId: string): string => find((d) => d.kind === 'allocation.breach' && d.cause[0] === eventId).id;

  beforeAll(async () => {
    db = await backend.open();
    runtime = createRuntime({ store: db.store, clock: () => new Date(day('20', '09:00')), ...(snapshots ? { snapshotEvery: 1 } : {}) });
    await runtime.publish(policy, { effectiveFrom: null });
    if (snapshots) {
      for (const e of EVENTS) expect((await runtime.ingest([e])).rejected).toEqual([]);
    } else {
      expect((await runtime.ingest(EVENTS)).rejected).toEqual([]);
    }
    decisions = (await readDecisions(db.store.db, { afterSeq: 0, limit: 1000 })).map((r) => r.payload as unknown as Decision);
  });
  afterAll(async () => {
    await runtime.close();
    await db.cleanup();
  });

  it('the history goes as the ring rules say', () => {
    const owners = decisions.filter((d) => d.kind === 'lead.allocated').map((d) => `${d.clientId}:${(d as { staffId: string }).staffId}`);
    expect(owners).toEqual(['c1:s1', 'c2:s3', 'c3:s1', 'c6:s3', 'c7:s3', 'c8:s1', 'c9:s3', 'c11:s1', 'c12:s3']);
    expect(decisions.filter((d) => d.kind === 'staff.banned').map((d) => d.cause)).toEqual([['v1'], ['v1', 'v2']]);
    expect(decisions.filter((d) => d.kind === 'staff.paused').map((d) => `${d.rule}:${d.cause.join()}`)).toEqual(['D1:a3']);
  });

  it('a page that does not wait: the trace starts in the background, then the page has it', async () => {
    const pause = find((d) => d.kind === 'staff.paused');
    const page = async (): Promise<Downstream> => {
      const view = await readAuditDecision(runtime, db.store.db, pause.id, 'auditor', new Date(day('20', '09:00')), { wait: false });
      if (view === null) throw new Error(`no ${pause.id}`);
      return view.downstream;
    };
    const first = await page();
    expect(first.tracePending).toBe(true);
    expect(first.pausesUsed).toBeNull();
    expect(first.citing.length).toBeGreaterThanOrEqual(0);
    let later = first;
    for (let i = 0; i < 100 && later.tracePending; i++) {
      await new Promise((r) => setTimeout(r, 50));
      later = await page();
    }
    expect(later.tracePending).toBe(false);
    expect(later.pausesUsed?.map((u) => u.eventId)).toEqual(['a5']);
  });

  it('a ban: the allocations that passed the member over for it, and the assignments that breached it', async () => {
    const [ban1, ban2] = decisions.filter((d) => d.kind === 'staff.banned') as [Decision, Decision];
    const first = await downstream(ban1);
    expect(first.replay).toBe('matched');
    expect(first.passedOver?.map((u) => u.eventId)).toEqual(['a2', 'a4', 'a5', 'a7']);
    expect(first.passedOver?.map((u) => u.outcome?.decision.id)).toEqual(['a2', 'a4', 'a5', 'a7'].map(allocation));
    expect(first.breaches?.map((r) => r.decision.id)).toEqual([breach('as1'), breach('as3')]);
    // The second ban counts the first violation: it cites v1, so it is downstream of the first ban.
    expect(first.citing.map((r) => [r.decision.id, r.shared])).toEqual([[ban2.id, ['v1']]]);
    expect(first.pausesUsed).toBeNull();

    if (snapshots) expect(first.tracedFrom).toBeGreaterThan(0);
    else expect(first.tracedFrom).toBe(0);

    const second = await downstream(ban2);
    if (snapshots) expect(second.tracedFrom).toBeGreaterThan(0);
    else expect(second.tracedFrom).toBe(0);
    expect(second.passedOver?.map((u) => u.eventId)).toEqual(['a9']);
    expect(second.breaches?.map((r) => r.decision.id)).toEqual([breach('as4')]);
    expect(second.citing).toEqual([]);
  });

  it('a pause: the allocation that used it, the assignment that breached it; the allocation it came from lists it', async () => {
    const pause = find((d) => d.kind === 'staff.paused');
    const ds = await downstream(pause);
    expect(ds.replay).toBe('matched');
    expect(ds.pausesUsed?.map((u) => [u.eventId, u.outcome?.decision.id])).toEqual([['a5', allocation('a5')]]);
    expect(ds.pausesLeft).toBe(0);
    expect(ds.breaches?.map((r) => r.decision.id)).toEqual([breach('as2')]);
    expect(ds.passedOver).toBeNull();
    if (snapshots) expect(ds.tracedFrom).toBeGreaterThan(0);
    else expect(ds.tracedFrom).toBe(0);

    const a3 = await downstream(find((d) => d.id === allocation('a3')));
    expect(a3.citing.map((r) => r.decision.id)).toEqual([pause.id]);
  });
});
