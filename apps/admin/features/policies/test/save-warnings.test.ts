import { migratePolicy, validatePolicy } from '@allot/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSeededApp } from '../../shared/test/seeded-app';
import type { SeededApp } from '../../shared/test/seeded-app';
import type { SessionUser } from '../../auth';
import { readAudit } from '../audit';
import { createDraft, saveDraft } from '../drafts';
import { readVersion } from '../read';

const hr: SessionUser = { username: 'hr', displayName: '李芳', role: 'editor', staffId: null, mustChangePassword: false };

/** A format-2 save with the verifier's warnings needs a reason, which the audit trail keeps for the approver. */

describe('saving a format-2 draft with warnings', () => {
  let app: SeededApp;
  beforeAll(async () => {
    app = await openSeededApp('2026-04-01T09:00:00+08:00');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('is refused without a reason and saved with one, the reason in the save’s audit note', async () => {
    const now = app.clock.now();
    const created = await createDraft(app.db, hr, 'sales-resource', '1.0.0', now);
    if (!created.ok) throw new Error('draft');
    const { version, revision } = created.value;
    const found = await readVersion(app.db, 'sales-resource', version, now);
    const checked = validatePolicy(found?.content);
    if (!checked.ok) throw new Error('invalid');
    const doc = { ...(migratePolicy(checked.policy) as unknown as Record<string, unknown>), version } as unknown as Record<string, unknown> & { rules: Array<{ rungs: Array<{ when: { all: Array<{ value: number }> } }> }> };
    // B's threshold above A's: rung 2 can never apply.
    (doc.rules[0]?.rungs[1]?.when.all[0] as { value: number }).value = 90_000_000;
    const plain = await saveDraft(app.db, hr, { policyId: 'sales-resource', version }, { content: doc, revision }, now);
    expect(plain.ok).toBe(false);
    if (!plain.ok) {
      expect(plain.code).toBe('invalid');
      expect(plain.message.zh).toContain('仍然保存');
      expect(plain.details).toEqual([expect.objectContaining({ pointer: '/rules/0/rungs/1' })]);
    }
    const anyway = await saveDraft(app.db, hr, { policyId: 'sales-resource', version }, { content: doc, revision, warningsReason: 'B 类暂时与 A 类同档，下月调整' }, now);
    expect(anyway.ok).toBe(true);
    const [last] = await readAudit(app.db, { policyId: 'sales-resource', version, limit: 1 });
    expect(last?.action).toBe('save');
    expect(last?.note).toContain('tier_band_shadowed');
    expect(last?.note).toContain('B 类暂时与 A 类同档，下月调整');
  });

  it('leaves format-1 saves as they were (no reason asked)', async () => {
    const now = app.clock.now();
    const created = await createDraft(app.db, hr, 'sales-resource', '1.0.0', now);
    if (!created.ok) throw new Error('draft');
    const found = await readVersion(app.db, 'sales-resource', created.value.version, now);
    const saved = await saveDraft(app.db, hr, { policyId: 'sales-resource', version: created.value.version }, { content: found?.content, revision: created.value.revision }, now);
    expect(saved.ok).toBe(true);
  });
});
