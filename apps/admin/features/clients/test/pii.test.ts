import { openStore } from '@allot/store';
import type { Store } from '@allot/store';
import { createRuntime } from '@allot/runtime';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminDb, AdminTables, Role } from '../../shared/database';
import { migrateAdmin } from '../../shared/migrations';
import type { SessionUser } from '../../auth';
import { demoContact, upsertContacts } from '../contacts';
import { searchAccessLog } from '../../access';
import { accessOverview, approveAccess, rejectAccess, requestAccess, revokeAccess } from '../../access';
import { FORBIDDEN, listClients, readClient } from '../read';
import { contactsFor, maskName, maskPhone } from '../pii';

/**
 * The masking rules of pii.ts and the state changes of access requests, against a real store
 * (PGlite in memory, the store's and the admin app's migrations, the real check constraints).
 */

const T0 = new Date('2026-04-01T09:00:00+08:00');
const hoursLater = (h: number): Date => new Date(T0.getTime() + h * 3_600_000);

const user = (username: string, role: Role, staffId: string | null = null): SessionUser => ({ username, displayName: username, role, staffId, mustChangePassword: false });
const rep1 = user('rep1', 'rep', 's0002');
const rep2 = user('rep2', 'rep', 's0004');
const manager = user('manager', 'approver');
const manager2 = user('manager2', 'approver');
const auditor = user('auditor', 'auditor');
const hr = user('hr', 'editor');

let store: Store;
let db: AdminDb;

/** The contact of one client as `who` sees it at `at` (throws when the client has none). */
async function seen(who: SessionUser, clientId: string, at: Date): Promise<{ phone: string; masked: boolean }> {
  const c = (await contactsFor(db, who, [clientId], at)).get(clientId);
  if (c === undefined) throw new Error(`no contact for ${clientId}`);
  return c;
}

/** The access log entries of `contact.view` (actor:client), oldest first. */
async function views(): Promise<string[]> {
  const page = await searchAccessLog(db, { action: 'contact.view', limit: 1000 });
  return page.items.reverse().map((e) => `${e.actor}:${e.clientId ?? ''}`);
}

beforeAll(async () => {
  store = await openStore({ dataDir: 'memory://' });
  await migrateAdmin(store.db as unknown as Kysely<unknown>, store.schema);
  db = store.db.withTables<AdminTables>();
  for (const u of [rep1, rep2, manager, manager2, auditor, hr]) {
    await db.insertInto('users').values({ username: u.username, display_name: u.username, role: u.role, staff_id: u.staffId, password_hash: 'x' }).execute();
  }
  const owners: Record<string, string | null> = { c1: 's0002', c2: 's0004', c3: null, c4: 's0002', c5: 's0004' };
  await db
    .insertInto('client_state')
    .values(Object.entries(owners).map(([client_id, owner_id]) => ({ client_id, owner_id, tier: 'B', updated_at: T0 })))
    .execute();
  await upsertContacts(db, Object.keys(owners).map(demoContact), 'test', T0);
});

afterAll(async () => {
  await store?.close();
});

describe('masking', () => {
  it('keeps the first 3 and last 2 digits of a phone and the first character of a name', () => {
    expect(maskPhone('13812345678')).toBe('138******78');
    expect(maskPhone('+8613812345678')).toBe('+86*********78');
    expect(maskPhone('1234567')).toBe('*******');
    expect(maskPhone('')).toBe('*');
    expect(maskName('王伟')).toBe('王*');
    expect(maskName('欧阳明月')).toBe('欧*');
    expect(maskName('')).toBe('*');
  });

  it('shows a rep their own clients unmasked, others masked, and logs only the unmasked views', async () => {
    const before = (await views()).length;
    const got = await contactsFor(db, rep1, ['c1', 'c2', 'c3', 'c4', 'nobody'], T0);
    expect(got.get('c1')).toEqual({ ...demoContact('c1'), masked: false, basis: { kind: 'owner' } });
    expect(got.get('c4')?.masked).toBe(false);
    for (const id of ['c2', 'c3']) {
      const c = got.get(id);
      expect(c?.masked).toBe(true);
      expect(c?.phone).toBe(maskPhone(demoContact(id).phone));
      expect(c?.phone).not.toContain(demoContact(id).phone.slice(3, 9));
      expect(c?.name).toBe(maskName(demoContact(id).name));
    }
    expect(got.has('nobody')).toBe(false);
    expect((await views()).slice(before).sort()).toEqual(['rep1:c1', 'rep1:c4']);
  });

  it('masks everything for the other roles, whoever they are, and logs nothing for them', async () => {
    const before = (await views()).length;
    for (const who of [auditor, manager, hr, user('admin', 'admin')]) {
      const got = await contactsFor(db, who, ['c1', 'c2', 'c3'], T0);
      expect([...got.values()].every((c) => c.masked)).toBe(true);
    }
    // A staff id on a non-rep account grants nothing.
    expect((await seen(user('hr', 'editor', 's0002'), 'c1', T0)).masked).toBe(true);
    expect((await views()).length).toBe(before);
  });

  it('follows the owner: a client reassigned away from a rep is masked for them at once', async () => {
    expect((await seen(rep2, 'c5', T0)).masked).toBe(false);
    await db.updateTable('client_state').set({ owner_id: 's0002' }).where('client_id', '=', 'c5').execute();
    expect((await seen(rep2, 'c5', T0)).masked).toBe(true);
    expect((await seen(rep1, 'c5', T0)).masked).toBe(false);
  });

  it('lists a rep only their own clients, and lists are masked even for the owner', async () => {
    const mine = await listClients(db, rep1, { owner: 's0004' });
    expect(mine.items.map((c) => c.clientId)).toEqual(['c1', 'c4', 'c5']);
    expect(mine.items.every((c) => c.contact?.masked === true)).toBe(true);
    const all = await listClients(db, auditor, {});
    expect(all.total).toBe(5);
    expect((await listClients(db, auditor, { owner: 's0004' })).items.map((c) => c.clientId)).toEqual(['c2']);
    expect((await listClients(db, auditor, { q: '3' })).items.map((c) => c.clientId)).toEqual(['c3']);
    expect((await listClients(db, auditor, { q: '%' })).items).toEqual([]);
    const first = await listClients(db, auditor, { limit: 2 });
    expect(first.next).toBe('c2');
    expect((await listClients(db, auditor, { limit: 2, after: first.next ?? '' })).items.map((c) => c.clientId)).toEqual(['c3', 'c4']);
  });

  it("a client's page: unmasked for its rep, refused to another rep, masked for other roles, null for an unknown client", async () => {
    const runtime = createRuntime({ store, clock: () => T0 });
    const own = await readClient({ db, runtime }, rep1, 'c1', T0);
    expect(own !== FORBIDDEN && own?.client.contact?.phone).toBe(demoContact('c1').phone);
    expect(own !== FORBIDDEN && own?.scope).toBe('full');
    // Least privilege: another rep's client is not the rep's to read (no tier, owner, decisions or deal size).
    expect(await readClient({ db, runtime }, rep1, 'c2', T0)).toBe(FORBIDDEN);
    const other = await readClient({ db, runtime }, auditor, 'c2', T0);
    expect(other !== FORBIDDEN && other?.client.contact?.masked).toBe(true);
    expect(other !== FORBIDDEN && other?.client.ownerId).toBe('s0004');
    expect(await readClient({ db, runtime }, rep1, 'c999', T0)).toBeNull();
    expect(await readClient({ db, runtime }, rep1, '../etc', T0)).toBeNull();
  });
});

describe('access requests', () => {
  it('refuses requests without a reason, for unknown clients, for own clients, and twice', async () => {
    expect(await requestAccess(db, rep1, { clientId: 'c2', reason: '  ' }, T0)).toMatchObject({ ok: false, status: 400 });
    expect(await requestAccess(db, rep1, { clientId: 'c999', reason: 'x' }, T0)).toMatchObject({ ok: false, status: 404 });
    expect(await requestAccess(db, rep1, { clientId: 'c1', reason: 'x' }, T0)).toMatchObject({ ok: false, error: 'own_client' });
    expect(await requestAccess(db, rep1, { clientId: 'c2', reason: 'follow-up call' }, T0)).toMatchObject({ ok: true, request: { status: 'pending', username: 'rep1', clientId: 'c2' } });
    expect(await requestAccess(db, rep1, { clientId: 'c2', reason: 'again' }, T0)).toMatchObject({ ok: false, error: 'already_pending' });
  });

  it('approval grants for the chosen hours, then the grant expires and the data is masked again', async () => {
    const pending = (await accessOverview(db, manager, T0)).toDecide.find((r) => r.username === 'rep1' && r.clientId === 'c2');
    if (pending === undefined) throw new Error('no pending request');
    expect((await seen(rep1, 'c2', T0)).masked).toBe(true);
    expect(await approveAccess(db, manager, pending.id, { hours: 0, comment: '' }, T0)).toMatchObject({ ok: false, status: 400 });
    expect(await approveAccess(db, manager, pending.id, { hours: 169, comment: '' }, T0)).toMatchObject({ ok: false, status: 400 });
    const approved = await approveAccess(db, manager, pending.id, { hours: 2, comment: 'ok' }, T0);
    expect(approved).toMatchObject({ ok: true, request: { status: 'approved', decidedBy: 'manager', expiresAt: hoursLater(2).toISOString() } });
    expect(await approveAccess(db, manager2, pending.id, { hours: 2, comment: '' }, T0)).toMatchObject({ ok: false, error: 'wrong_status' });
    expect(await requestAccess(db, rep1, { clientId: 'c2', reason: 'more' }, hoursLater(1))).toMatchObject({ ok: false, error: 'already_granted' });

    const before = (await views()).length;
    const during = await seen(rep1, 'c2', hoursLater(1));
    expect(during).toMatchObject({ phone: demoContact('c2').phone, masked: false });
    expect((await views()).slice(before)).toEqual(['rep1:c2']);
    // The grant is the requester's alone.
    expect((await seen(rep2, 'c1', hoursLater(1))).masked).toBe(true);
    expect((await seen(auditor, 'c2', hoursLater(1))).masked).toBe(true);
    // At the instant it expires, it no longer grants.
    expect((await seen(rep1, 'c2', hoursLater(2))).masked).toBe(true);
    expect((await accessOverview(db, rep1, hoursLater(2))).mine.find((r) => r.id === pending.id)?.status).toBe('expired');
    expect(await revokeAccess(db, rep1, pending.id, { comment: '' }, hoursLater(3))).toMatchObject({ ok: false, error: 'wrong_status' });
    expect((await views()).slice(before)).toEqual(['rep1:c2']);
  });

  it('nobody decides their own request: the handler refuses and the table refuses', async () => {
    const own = await requestAccess(db, manager, { clientId: 'c1', reason: 'audit of c1' }, T0);
    if (!own.ok) throw new Error(own.message.en);
    expect(await approveAccess(db, manager, own.request.id, { hours: 24, comment: '' }, T0)).toMatchObject({ ok: false, status: 403, error: 'own_request' });
    expect(await rejectAccess(db, manager, own.request.id, { comment: '' }, T0)).toMatchObject({ ok: false, status: 403, error: 'own_request' });
    expect((await accessOverview(db, manager, T0)).toDecide.map((r) => r.id)).not.toContain(own.request.id);
    expect((await accessOverview(db, manager2, T0)).toDecide.map((r) => r.id)).toContain(own.request.id);
    await expect(db.updateTable('access_requests').set({ status: 'approved', decided_by: 'manager', decided_at: T0, expires_at: hoursLater(1) }).where('id', '=', own.request.id).execute()).rejects.toThrow(/check constraint/);
    expect(await approveAccess(db, manager2, own.request.id, { hours: 24, comment: '' }, T0)).toMatchObject({ ok: true, request: { decidedBy: 'manager2' } });
    expect((await seen(manager, 'c1', hoursLater(1))).masked).toBe(false);
  });

  it('rejection grants nothing and is final', async () => {
    const r = await requestAccess(db, rep2, { clientId: 'c1', reason: 'handover' }, T0);
    if (!r.ok) throw new Error(r.message.en);
    expect(await rejectAccess(db, manager, r.request.id, { comment: 'no' }, T0)).toMatchObject({ ok: true, request: { status: 'rejected', comment: 'no' } });
    expect(await approveAccess(db, manager, r.request.id, { hours: 24, comment: '' }, T0)).toMatchObject({ ok: false, error: 'wrong_status' });
    expect((await seen(rep2, 'c1', hoursLater(1))).masked).toBe(true);
  });

  it('the requester or an approver revokes a grant in force; nobody else; the data is masked again', async () => {
    const ask = async (who: SessionUser, clientId: string): Promise<number> => {
      const r = await requestAccess(db, who, { clientId, reason: 'call' }, T0);
      if (!r.ok) throw new Error(r.message.en);
      const a = await approveAccess(db, manager, r.request.id, { hours: 24, comment: '' }, T0);
      if (!a.ok) throw new Error(a.message.en);
      return r.request.id;
    };
    const byRequester = await ask(rep2, 'c3');
    expect((await seen(rep2, 'c3', hoursLater(1))).masked).toBe(false);
    expect(await revokeAccess(db, hr, byRequester, { comment: '' }, hoursLater(1))).toMatchObject({ ok: false, status: 403 });
    expect(await revokeAccess(db, rep1, byRequester, { comment: '' }, hoursLater(1))).toMatchObject({ ok: false, status: 403 });
    const revoked = await revokeAccess(db, rep2, byRequester, { comment: 'done' }, hoursLater(1));
    expect(revoked).toMatchObject({ ok: true, request: { status: 'revoked', decidedBy: 'manager', expiresAt: hoursLater(1).toISOString() } });
    expect(revoked.ok && revoked.request.comment).toMatch(/revoked by rep2: done/);
    expect((await seen(rep2, 'c3', hoursLater(1))).masked).toBe(true);
    expect(await revokeAccess(db, rep2, byRequester, { comment: '' }, hoursLater(1))).toMatchObject({ ok: false, error: 'wrong_status' });

    const byApprover = await ask(hr, 'c2');
    expect((await accessOverview(db, manager2, hoursLater(1))).inForce.map((r) => r.id)).toContain(byApprover);
    expect((await seen(hr, 'c2', hoursLater(1))).masked).toBe(false);
    expect(await revokeAccess(db, manager2, byApprover, { comment: '' }, hoursLater(1))).toMatchObject({ ok: true, request: { status: 'revoked' } });
    expect((await seen(hr, 'c2', hoursLater(1))).masked).toBe(true);
  });

  it('shows each user their own requests; approvers also what to decide', async () => {
    const repView = await accessOverview(db, rep1, T0);
    expect(repView.mine.length).toBeGreaterThan(0);
    expect(repView.mine.every((r) => r.username === 'rep1')).toBe(true);
    expect(repView.toDecide).toEqual([]);
    expect(repView.inForce).toEqual([]);
  });
});

describe('access log search', () => {
  it('filters by actor, client, action and period, newest first, in pages', async () => {
    const rep1Views = await searchAccessLog(db, { actor: 'rep1', clientId: 'c2', action: 'contact.view' });
    expect(rep1Views.items.map((e) => `${e.actor}:${e.clientId ?? ''}:${e.action}`)).toEqual(['rep1:c2:contact.view']);
    expect(rep1Views.items[0]?.at).toBe(hoursLater(1).toISOString());
    expect((await searchAccessLog(db, { actor: 'rep1', clientId: 'c2', since: hoursLater(1.5) })).items).toEqual([]);
    expect((await searchAccessLog(db, { actor: 'rep1', clientId: 'c2', until: hoursLater(1) })).items).toEqual([]);
    const all = await searchAccessLog(db, { action: 'contact.view' });
    const ids = all.items.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const first = await searchAccessLog(db, { action: 'contact.view', limit: 2 });
    expect(first.next).toBe(ids[1]);
    const second = await searchAccessLog(db, { action: 'contact.view', limit: 2, before: first.next ?? 0 });
    expect(second.items.map((e) => e.id)).toEqual(ids.slice(2, 4));
  });
});

describe("another rep's client under a grant", () => {
  it('shows its contact only, and nothing once the grant has expired', async () => {
    const at = hoursLater(500);
    const asked = await requestAccess(db, rep1, { clientId: 'c2', reason: 'call back' }, at);
    if (!asked.ok) throw new Error(JSON.stringify(asked));
    expect(await approveAccess(db, manager, asked.request.id, { hours: 2, comment: '' }, at)).toMatchObject({ ok: true });
    const runtime = createRuntime({ store, clock: () => at });
    const granted = await readClient({ db, runtime }, rep1, 'c2', new Date(at.getTime() + 3_600_000));
    expect(granted).toMatchObject({ scope: 'contact', decisions: [], client: { clientId: 'c2', tier: null, ownerId: null, contact: { masked: false } } });
    expect(await readClient({ db, runtime }, rep1, 'c2', new Date(at.getTime() + 3 * 3_600_000))).toBe(FORBIDDEN);
  });
});
