/**
 * The policy workflow's steps write their workflow events to the outbox in the step's own
 * transaction: submitted (with the note), rejected (with the reason), approved; publication
 * (the runtime's) as policy.published / policy.scheduled.
 */
import { readFileSync } from 'node:fs';
import { createRuntime } from '@allot/runtime';
import { readOutbox } from '@allot/store';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../../../packages/store/test/test-stores.js';
import type { TestDatabase } from '../../../../../packages/store/test/test-stores.js';
import type { AdminTables } from '../../shared/database';
import { storeDb } from '../../shared/database';
import { migrateAdmin } from '../../shared/migrations';
import { approveVersion, publishVersion, rejectVersion, submitDraft } from '../approval';
import { createDraft } from '../drafts';

const root = new URL('../../../../../', import.meta.url);

describe.each(BACKENDS)('policy workflow events on $name', (backend) => {
  let db: TestDatabase;
  afterEach(async () => {
    await db.cleanup();
  });

  it('submitted, rejected with its reason, submitted again, approved, scheduled', async () => {
    db = await backend.open();
    await migrateAdmin(db.store.db as unknown as Parameters<typeof migrateAdmin>[0], db.store.schema);
    const admin = db.store.db.withTables<AdminTables>();
    const now = new Date('2026-06-01T00:00:00Z');
    const runtime = createRuntime({ store: db.store, clock: () => now });
    await runtime.publish(JSON.parse(readFileSync(new URL('policies/sales-resource/1.0.0.json', root), 'utf8')), { effectiveFrom: null });
    await admin.insertInto('users').values([
      { username: 'hr', display_name: 'HR', role: 'editor', password_hash: 'x', staff_id: null },
      { username: 'boss', display_name: 'Boss', role: 'approver', password_hash: 'x', staff_id: null },
    ]).execute();
    const hr = { username: 'hr', displayName: 'HR', role: 'editor' as const, staffId: null, mustChangePassword: false };
    const boss = { username: 'boss', displayName: 'Boss', role: 'approver' as const, staffId: null, mustChangePassword: false };
    const draft = await createDraft(admin, hr, 'sales-resource', '1.0.0', now);
    if (!draft.ok) throw new Error('no draft');
    const key = { policyId: 'sales-resource', version: draft.value.version };
    const revision = (): Promise<number> => admin.selectFrom('policy_versions').select('revision').where('policy_id', '=', key.policyId).where('version', '=', key.version).executeTakeFirstOrThrow().then((r) => r.revision);
    expect((await submitDraft({ db: admin, runtime, user: hr, now }, key, { note: 'please look', revision: await revision() })).ok).toBe(true);
    expect((await rejectVersion({ db: admin, runtime, user: boss, now }, key, { comment: 'fine too high', revision: await revision() })).ok).toBe(true);
    expect((await submitDraft({ db: admin, runtime, user: hr, now }, key, { note: 'lowered', revision: await revision() })).ok).toBe(true);
    expect((await approveVersion({ db: admin, runtime, user: boss, now }, key, { comment: '', revision: await revision() })).ok).toBe(true);
    expect((await publishVersion({ db: admin, runtime, user: boss, now }, key, { effectiveFrom: '2026-07-01T00:00:00+08:00', revision: await revision() })).ok).toBe(true);
    const rows = (await readOutbox(storeDb(admin), 0, 100)).filter((r) => r.decision === null);
    expect(rows.map((r) => r.type)).toEqual(['policy.published', 'policy.submitted', 'policy.rejected', 'policy.submitted', 'policy.approved', 'policy.scheduled']);
    expect(rows[1]?.body).toMatchObject({ actor: 'hr', author: 'hr', note: 'please look', policy: { id: 'sales-resource', version: key.version } });
    expect(rows[2]?.body).toMatchObject({ actor: 'boss', author: 'hr', reason: 'fine too high' });
    expect(rows[5]?.body).toMatchObject({ approver: 'boss', effectiveFrom: '2026-06-30T16:00:00.000Z' });
    expect(new Set(rows.map((r) => r.eventId)).size).toBe(rows.length);
    // A refused step writes nothing.
    expect((await submitDraft({ db: admin, runtime, user: hr, now }, key, { note: '', revision: 999 })).ok).toBe(false);
    expect((await readOutbox(storeDb(admin), 0, 100)).filter((r) => r.decision === null)).toHaveLength(6);
    await runtime.close();
  });
});
