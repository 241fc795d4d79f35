import { createRuntime } from '@allot/runtime';
import type { Runtime } from '@allot/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../store/test/test-stores.js';
import { ev, fixedClock, seedPolicy } from './fixtures.js';

const violations = [
  ev('j1', 'staff.joined', '2026-03-01T09:00:00+08:00', { staffId: 'r1', role: 'rep' }),
  ev('v1', 'violation', '2026-03-02T09:00:00+08:00', { staffId: 'r1', severity: 'normal' }),
  ev('v2', 'violation', '2026-03-03T09:00:00+08:00', { staffId: 'r1', severity: 'normal' }),
  ev('v3', 'violation', '2026-03-04T09:00:00+08:00', { staffId: 'r1', severity: 'normal' }),
  ev('e1', 'entry.late', '2026-03-04T18:00:00+08:00', { staffId: 'r1', form: 'abcd_table' }),
];
const appealV2 = ev('ap1', 'decision.appealed', '2026-03-05T09:00:00+08:00', { decisionId: 'v2#1', staffId: 'r1', reason: '当天请假' });
const overturnV2 = ev('ad1', 'appeal.decided', '2026-03-06T10:00:00+08:00', { decisionId: 'v2#1', outcome: 'overturned', by: 'm1', reason: '考勤记录证实请假' });

describe.each(BACKENDS)('appeals through the runtime on $name', (backend) => {
  let db: TestDatabase;
  let runtime: Runtime;
  beforeEach(async () => {
    db = await backend.open();
    runtime = createRuntime({ store: db.store, clock: fixedClock('2026-03-10T12:00:00+08:00') });
    await runtime.publish(seedPolicy(), { effectiveFrom: null, author: 'hr', approver: 'director' });
  });
  afterEach(async () => {
    await runtime.close();
    await db.cleanup();
  });

  it('records an overturn with its re-derived decisions in the same write, and the status, the in-force filter and verify agree', async () => {
    await runtime.ingest(violations);
    expect(await runtime.status('r1')).toMatchObject({ finedFen: 2000, bannedUntil: '2026-04-03T01:00:00.000Z' });
    const result = await runtime.ingest([appealV2, overturnV2]);
    expect(result).toMatchObject({ accepted: 2, rejected: [] });
    expect(result.decisions.map((d) => [d.id, d.kind, (d as { decisionId?: string }).decisionId ?? (d as { until?: string }).until])).toEqual([
      ['ad1#1', 'decision.superseded', 'v2#1'],
      ['ad1#2', 'decision.superseded', 'v3#1'],
      ['ad1#3', 'staff.banned', '2026-03-19T09:00:00+08:00'],
    ]);
    // The latest ban in force now ends on Mar 19 (v3's 30 days are gone): the projection is lowered, not kept at the later end.
    expect(await runtime.status('r1')).toMatchObject({ bannedUntil: '2026-03-19T01:00:00.000Z', banned: true, finedFen: 2000 });
    const all = await runtime.decisions({ staffId: 'r1' });
    expect(all.items).toHaveLength(7);
    const inForce = await runtime.decisions({ staffId: 'r1', inForce: true });
    expect(inForce.items.map((r) => r.decision.id)).toEqual(['v1#1', 'e1#1', 'ad1#3']);
    expect((await runtime.verify()).ok).toBe(true);
  });

  it('takes a dismissed fine off the status', async () => {
    await runtime.ingest(violations);
    const result = await runtime.ingest([ev('dm1', 'decision.dismissed', '2026-03-05T09:00:00+08:00', { decisionId: 'e1#1', by: 'm1', reason: '系统故障' })]);
    expect(result.decisions.map((d) => d.kind)).toEqual(['decision.superseded']);
    expect(await runtime.status('r1')).toMatchObject({ finedFen: 0 });
  });

  it('rejects a late appeal, an appeal of an unknown decision and one by another member by line and field, and keeps the rest of the batch', async () => {
    await runtime.ingest(violations);
    const result = await runtime.ingest([
      ev('ap-late', 'decision.appealed', '2026-03-09T09:00:01+08:00', { decisionId: 'v1#1', staffId: 'r1', reason: '晚了' }),
      ev('ap-none', 'decision.appealed', '2026-03-05T09:00:00+08:00', { decisionId: 'v9#1', staffId: 'r1', reason: '没有' }),
      ev('ap-other', 'decision.appealed', '2026-03-05T09:00:00+08:00', { decisionId: 'v3#1', staffId: 'r2', reason: '替人' }),
      ev('ack', 'decision.acknowledged', '2026-03-05T09:00:00+08:00', { decisionId: 'v3#1', staffId: 'r1' }),
    ]);
    expect(result.accepted).toBe(1);
    expect(result.rejected).toEqual([
      { line: 1, field: 'at', message: expect.stringContaining('the appeal window of decision "v1#1"') },
      { line: 2, field: 'decisionId', message: expect.stringContaining('no sanction with decision id "v9#1"') },
      { line: 3, field: 'staffId', message: expect.stringContaining('sanctions "r1", not "r2"') },
    ]);
  });

  it('is idempotent: re-ingesting the same appeal and decision changes nothing', async () => {
    await runtime.ingest(violations);
    await runtime.ingest([appealV2, overturnV2]);
    const before = await runtime.decisions({});
    const again = await runtime.ingest([appealV2, overturnV2]);
    expect(again).toMatchObject({ accepted: 0, duplicates: 2, rejected: [], decisions: [] });
    expect((await runtime.decisions({})).items).toEqual(before.items);
    // A second decision of the same appeal under a new id is refused: the appeal is no longer pending.
    const other = await runtime.ingest([{ ...overturnV2, id: 'ad2' }]);
    expect(other.rejected).toEqual([{ line: 1, field: 'decisionId', message: expect.stringContaining('no longer holds') }]);
    expect((await runtime.verify()).ok).toBe(true);
  });
});
