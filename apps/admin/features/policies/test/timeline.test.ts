/** The version timeline: who governs when, and the scheduled versions a version leaves out. */
import type { StoredPolicyVersion } from '@allot/store';
import { describe, expect, it } from 'vitest';
import { lineage, scheduledConflicts } from '../origins';
import { policyTimeline, versionAt } from '../timeline';
import { readFileSync } from 'node:fs';

const seed = JSON.parse(readFileSync(new URL('../../../../../policies/sales-resource/1.0.0.json', import.meta.url), 'utf8')) as { rules: { F1: { fineFen: number } } };
const content = (f1: number) => {
  const c = structuredClone(seed);
  c.rules.F1.fineFen = f1;
  return c;
};
const T0 = new Date('2026-12-02T00:00:00Z');
const row = (version: string, status: StoredPolicyVersion['status'], publishSeq: number | null, effectiveFrom: string | null, f1 = 2000): StoredPolicyVersion => ({
  policyId: 'sales-resource',
  version,
  status,
  content: content(f1),
  hash: `h-${version}`,
  effectiveFrom: effectiveFrom === null ? null : new Date(effectiveFrom),
  publishSeq,
  author: 'hr',
  approver: 'manager',
  note: null,
  revision: 1,
  createdAt: T0,
  updatedAt: T0,
});

describe('the version timeline', () => {
  const versions = [
    row('1.0.0', 'published', 1, '2026-01-01T00:00:00+08:00'),
    row('1.1.0', 'published', 10, '2026-12-01T00:00:00+08:00', 3000),
    row('1.2.0', 'published', 20, '2026-12-07T09:00:00+08:00', 5000),
    row('1.3.0', 'approved', 30, '2026-12-10T09:00:00+08:00', 9000), // cancelled
    row('1.4.0', 'published', 40, '2026-12-20T09:00:00+08:00', 2000),
    row('1.5.0', 'published', 41, '2026-12-20T09:00:00+08:00', 2500), // same instant, later publication
    row('1.6.0', 'draft', null, null, 2000),
  ];

  it('names who governs when: the first from the start, later ones from their time, the later publication at one instant, cancelled ones apart', () => {
    const t = policyTimeline(versions, T0);
    expect(t.segments.map((s) => `${s.version} ${s.from ?? 'start'} ${s.until ?? 'open'} ${s.standing}`)).toEqual([
      '1.0.0 start 2026-11-30T16:00:00.000Z superseded',
      '1.1.0 2026-11-30T16:00:00.000Z 2026-12-07T01:00:00.000Z in_force',
      '1.2.0 2026-12-07T01:00:00.000Z 2026-12-20T01:00:00.000Z scheduled',
      '1.4.0 2026-12-20T01:00:00.000Z 2026-12-20T01:00:00.000Z overridden',
      '1.5.0 2026-12-20T01:00:00.000Z open scheduled',
    ]);
    expect(t.inForce).toBe('1.1.0');
    expect(t.cancelled.map((c) => c.version)).toEqual(['1.3.0']);
    expect(versionAt(t, Date.parse('2026-12-07T00:59:59.999Z'))).toBe('1.1.0');
    expect(versionAt(t, Date.parse('2026-12-07T01:00:00.000Z'))).toBe('1.2.0');
    expect(versionAt(t, Date.parse('2026-12-12T00:00:00Z'))).toBe('1.2.0');
    expect(versionAt(t, Date.parse('2027-01-01T00:00:00Z'))).toBe('1.5.0');
  });

  it('finds the scheduled versions a version leaves out, and what each would undo', () => {
    const origins = new Map([
      ['1.2.0', { base: '1.1.0' }],
      ['1.5.0', { base: '1.2.0' }],
      ['1.6.0', { base: '1.1.0' }],
    ]);
    expect(lineage('1.5.0', origins)).toEqual(['1.5.0', '1.2.0', '1.1.0']);
    // 1.6.0 was drafted from 1.1.0: it leaves out 1.2.0 and 1.5.0 (the cancelled 1.3.0 is no schedule, the overridden 1.4.0 never governs).
    const conflicts = scheduledConflicts(versions, '1.6.0', content(2000), origins, T0);
    expect(conflicts.map((c) => c.version)).toEqual(['1.2.0', '1.5.0']);
    expect(conflicts[0]?.undone[0]?.zh).toContain('50 元/次 → 20 元/次');
    expect(conflicts[0]?.message.zh).toContain('2026年12月7日 09:00（北京时间）');
    // A draft built on 1.5.0 includes it and 1.2.0; one built on 1.2.0 leaves 1.5.0 out.
    origins.set('1.7.0', { base: '1.5.0' });
    expect(scheduledConflicts(versions, '1.7.0', content(2500), origins, T0)).toEqual([]);
    origins.set('1.8.0', { base: '1.2.0' });
    expect(scheduledConflicts(versions, '1.8.0', content(5000), origins, T0).map((c) => c.version)).toEqual(['1.5.0']);
    // Once the time has passed, nothing is scheduled any more.
    expect(scheduledConflicts(versions, '1.6.0', content(2000), origins, new Date('2027-01-01T00:00:00Z'))).toEqual([]);
  });
});
