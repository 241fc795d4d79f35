/**
 * The publishing workflow on a seeded store: schedules cancelled and republished, rollbacks,
 * rejections and the inbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../auth';
import type { Role } from '../../shared/roles';
import { openSeededApp } from '../../shared/test/seeded-app';
import type { SeededApp } from '../../shared/test/seeded-app';
import { approveVersion, publishVersion, rejectVersion, submitDraft } from '../approval';
import { readAudit } from '../audit';
import { createDraft, saveDraft } from '../drafts';
import { readInbox } from '../inbox';
import { readVersion } from '../read';
import { cancelSchedule, emergencyRollback, requestRollback } from '../rollback';

const user = (username: string, role: Role): SessionUser => ({ username, displayName: username, role, staffId: null, mustChangePassword: false });
const hr = user('hr', 'editor');
const manager = user('manager', 'approver');
const manager2 = user('manager2', 'approver');
const NOW = '2026-12-02T06:00:00.000Z';
const LATER = '2026-12-07T09:00:00+08:00';

describe('the publishing workflow on a seeded store', () => {
  let app: SeededApp;
  const ctx = (who: SessionUser) => ({ db: app.db, runtime: app.runtime, user: who, now: app.clock.now() });
  const revision = async (v: string): Promise<number> => (await readVersion(app.db, 'sales-resource', v, app.clock.now()))?.view.revision ?? -1;
  const key = (version: string) => ({ policyId: 'sales-resource', version });
  /** HR drafts from `from` with F1 = `fineFen`, submits; manager approves. */
  const approved = async (from: string, fineFen: number): Promise<string> => {
    const made = await createDraft(app.db, hr, 'sales-resource', from, app.clock.now());
    if (!made.ok) throw new Error('draft');
    const v = made.value.version;
    const found = await readVersion(app.db, 'sales-resource', v, app.clock.now());
    const content = structuredClone(found?.content) as { rules: { F1: { fineFen: number } } };
    content.rules.F1.fineFen = fineFen;
    expect((await saveDraft(app.db, hr, key(v), { content, revision: await revision(v) }, app.clock.now())).ok).toBe(true);
    expect((await submitDraft(ctx(hr), key(v), { note: 'F1', revision: await revision(v) })).ok).toBe(true);
    expect((await approveVersion(ctx(manager), key(v), { comment: 'ok', revision: await revision(v) })).ok).toBe(true);
    return v;
  };

  beforeAll(async () => {
    app = await openSeededApp(NOW);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    delete process.env['ALLOT_EMERGENCY_ROLLBACK'];
  });

  it('cancels a schedule (audited, back to approved), republishes it as the next number, and asks for confirmation of what is undone', async () => {
    const scheduled = await approved('1.0.0', 5000);
    expect((await publishVersion(ctx(manager), key(scheduled), { effectiveFrom: LATER, revision: await revision(scheduled) })).ok).toBe(true);
    expect((await cancelSchedule(ctx(manager), key('1.0.0'), { note: '', revision: await revision('1.0.0') })).ok).toBe(false);
    const cancelled = await cancelSchedule(ctx(manager), key(scheduled), { note: 'wrong day', revision: await revision(scheduled) });
    expect(cancelled).toMatchObject({ ok: true, value: { status: 'approved', cancelled: true, standing: 'approved' } });
    expect((await readAudit(app.db, { policyId: 'sales-resource', version: scheduled }))[0]).toMatchObject({ action: 'cancel_schedule', actor: 'manager', fromStatus: 'published', toStatus: 'approved' });
    const again = await publishVersion(ctx(manager), key(scheduled), { effectiveFrom: LATER, revision: await revision(scheduled) });
    expect(again).toMatchObject({ ok: true, value: { standing: 'scheduled', effectiveFrom: '2026-12-07T01:00:00.000Z' } });
    const republished = again.ok ? again.value.version : '';
    expect(republished).not.toBe(scheduled);

    // A version drafted from 1.0.0 leaves the republished schedule out: publishing it needs the confirmation.
    const other = await approved('1.0.0', 2500);
    const refused = await publishVersion(ctx(manager), key(other), { effectiveFrom: '2026-12-20T09:00:00+08:00', revision: await revision(other) });
    expect(refused).toMatchObject({ ok: false, code: 'confirm_undo' });
    expect(refused.ok ? '' : refused.message.zh).toContain(republished);
    const confirmed = await publishVersion(ctx(manager), key(other), { effectiveFrom: '2026-12-20T09:00:00+08:00', revision: await revision(other), confirmUndo: [republished] });
    expect(confirmed.ok).toBe(true);
    expect((await app.runtime.verify()).ok).toBe(true);
  });

  it('a rollback request is a submitted version its requester cannot approve; the emergency path is off unless configured', async () => {
    const requested = await requestRollback(ctx(manager), key('1.0.0'), { note: 'back' });
    expect(requested.ok).toBe(false); // 1.0.0 is in force: nothing to roll back to
    const inForce = await approved('1.0.0', 4000);
    const first = await publishVersion(ctx(manager), key(inForce), { effectiveFrom: null, revision: await revision(inForce) });
    expect(first).toMatchObject({ ok: false, code: 'confirm_undo' });
    const undo = (first.ok ? [] : (first.details as { conflicts: { version: string }[] }).conflicts).map((c) => c.version);
    expect((await publishVersion(ctx(manager), key(inForce), { effectiveFrom: null, revision: await revision(inForce), confirmUndo: undo })).ok).toBe(true);
    expect(await requestRollback(ctx(manager), key('1.0.0'), { note: ' ' })).toMatchObject({ ok: false, code: 'reason_required' });
    const rollback = await requestRollback(ctx(manager), key('1.0.0'), { note: '40元太高' });
    if (!rollback.ok) throw new Error('rollback');
    const v = rollback.value.view.version;
    expect(rollback.value.view).toMatchObject({ status: 'submitted', author: 'manager' });
    // The two schedules of the first test are left out by a rollback to 1.0.0.
    expect(rollback.value.conflicts.length).toBeGreaterThan(0);
    expect(await approveVersion(ctx(manager), key(v), { comment: 'ok', revision: await revision(v) })).toMatchObject({ ok: false, code: 'own_draft' });
    expect((await approveVersion(ctx(manager2), key(v), { comment: 'ok', revision: await revision(v) })).ok).toBe(true);

    expect(await emergencyRollback(ctx(manager), key('1.0.0'), { effectiveFrom: null, note: 'now', confirmUndo: [] })).toMatchObject({ ok: false, code: 'emergency_off' });
    process.env['ALLOT_EMERGENCY_ROLLBACK'] = 'on';
    expect(await emergencyRollback(ctx(manager), key('1.0.0'), { effectiveFrom: null, note: '', confirmUndo: [] })).toMatchObject({ ok: false, code: 'reason_required' });
    const blocked = await emergencyRollback(ctx(manager), key('1.0.0'), { effectiveFrom: null, note: 'bad fines at night', confirmUndo: [] });
    expect(blocked).toMatchObject({ ok: false, code: 'confirm_undo' });
    const conflicts = (blocked.ok ? [] : (blocked.details as { conflicts: { version: string }[] }).conflicts).map((c) => c.version);
    const emergency = await emergencyRollback(ctx(manager), key('1.0.0'), { effectiveFrom: null, note: 'bad fines at night', confirmUndo: conflicts });
    expect(emergency).toMatchObject({ ok: true, value: { standing: 'in_force', approver: 'manager' } });
    const version = emergency.ok ? emergency.value.version : '';
    expect((await readAudit(app.db, { policyId: 'sales-resource', version }))[0]).toMatchObject({ action: 'rollback.emergency', actor: 'manager' });
    delete process.env['ALLOT_EMERGENCY_ROLLBACK'];
  });

  it('a rejection needs a reason, and the drafter finds it in the inbox', async () => {
    const made = await createDraft(app.db, hr, 'sales-resource', '1.0.0', app.clock.now());
    if (!made.ok) throw new Error('draft');
    const v = made.value.version;
    expect((await submitDraft(ctx(hr), key(v), { note: 'same', revision: await revision(v) })).ok).toBe(true);
    const before = await readInbox(app.db, manager);
    expect(before.toApprove.map((i) => i.title)).toContain(`sales-resource ${v}`);
    expect(await rejectVersion(ctx(manager), key(v), { comment: '   ', revision: await revision(v) })).toMatchObject({ ok: false, code: 'reason_required' });
    expect((await rejectVersion(ctx(manager), key(v), { comment: '没有修改任何内容', revision: await revision(v) })).ok).toBe(true);
    const inbox = await readInbox(app.db, hr);
    expect(inbox.returned).toEqual([expect.objectContaining({ title: `sales-resource ${v}`, by: 'manager', note: '没有修改任何内容' })]);
    expect((await readInbox(app.db, user('hr2', 'editor'))).returned).toEqual([]);
    expect((await readInbox(app.db, manager)).toApprove.map((i) => i.title)).not.toContain(`sales-resource ${v}`);
  });
});
