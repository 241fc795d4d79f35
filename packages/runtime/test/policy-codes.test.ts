import { readFileSync } from 'node:fs';
import { createRuntime } from '@allot/runtime';
import type { Runtime } from '@allot/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, type TestDatabase } from '../../store/test/test-stores.js';
import { ev, fixedClock, seedPolicy } from './fixtures.js';

/** examples/policies/meeting-late.json: format 2, declares the incident code meeting_late and fines it (F3). */
const meetingLate = (): unknown => JSON.parse(readFileSync(new URL('../../../examples/policies/meeting-late.json', import.meta.url), 'utf8'));

describe.each(BACKENDS)('events are checked against the codes of the policy in force on $name', (backend) => {
  let db: TestDatabase;
  let runtime: Runtime;
  beforeEach(async () => {
    db = await backend.open();
    runtime = createRuntime({ store: db.store, clock: fixedClock() });
  });
  afterEach(async () => {
    await runtime.close();
    await db.cleanup();
  });

  it('rejects an undeclared incident code or tier under a format-2 policy, naming the line and field, and keeps the rest', async () => {
    await runtime.publish(meetingLate(), { effectiveFrom: null, author: 'hr', approver: 'director' });
    const result = await runtime.ingest([
      ev('j1', 'staff.joined', '2026-03-01T09:00:00+08:00', { staffId: 's1', role: 'rep' }),
      ev('i1', 'staff.incident', '2026-03-02T09:05:00+08:00', { staffId: 's1', code: 'meeting_lat' }),
      ev('i2', 'staff.incident', '2026-03-02T09:06:00+08:00', { staffId: 's1', code: 'meeting_late' }),
      ev('l1', 'lead.received', '2026-03-02T10:00:00+08:00', { clientId: 'c1', channel: 'web', classifiedTier: 'E' }),
    ]);
    expect(result.accepted).toBe(2);
    expect(result.rejected).toEqual([
      { line: 2, field: 'code', message: expect.stringMatching(/^undeclared incident code "meeting_lat": the policy in force declares "meeting_late"/) },
      { line: 4, field: 'classifiedTier', message: expect.stringMatching(/^undeclared tier code "E"/) },
    ]);
    const fines = result.decisions.filter((d) => d.kind === 'staff.fined');
    expect(fines.map((d) => [d.rule, (d as { amountFen: number }).amountFen, (d as { reason: string }).reason])).toEqual([['F3', 3000, 'meeting_late']]);
    expect(fines[0]?.explain.zh).toContain('F3');
    expect(fines[0]?.explain.en).toContain('F3');
    // explain finds a format-2 rule by its id in the list of rules.
    const explained = await runtime.explain(fines[0]?.id ?? '');
    expect(explained.rule).toMatchObject({ id: 'F3', title: { zh: '晨会迟到 30元/次' } });
    expect(explained.causes.map((c) => c.event.id)).toEqual(['i2']);
  });

  it('accepts any incident code under a format-1 policy, which has no rule on incidents', async () => {
    await runtime.publish(seedPolicy(), { effectiveFrom: null, author: 'hr', approver: 'director' });
    const result = await runtime.ingest([
      ev('j1', 'staff.joined', '2026-03-01T09:00:00+08:00', { staffId: 's1', role: 'rep' }),
      ev('i1', 'staff.incident', '2026-03-02T09:05:00+08:00', { staffId: 's1', code: 'meeting_late' }),
    ]);
    expect(result).toMatchObject({ accepted: 2, rejected: [], decisions: [] });
  });
});
