import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, APP_DIR, signIn, startAdmin } from './admin-server.js';
import type { AdminServer } from './admin-server.js';
import { V1Client } from './api-v1-client.js';

/**
 * The HTTP API for a CRM (`/api/v1`) over real HTTP against the started app: tokens made by the
 * admin through `/api/tokens`, an event batch with a bad line, re-sends, Idempotency-Key, scopes
 * and revocation, cursor pagination, status, allocation, policy versions and contact data.
 * Every answer is checked against the OpenAPI document the app serves (V1Client).
 */

let server: AdminServer;
let base: string;
let admin: string;
let v1: V1Client;
let write: string;
let read: string;
let readId: string;
/** The last decision in the log before each step, to see what a step added. */
let lastSeq = 0;

const line = (e: Record<string, unknown>): string => JSON.stringify(e);
/** A new rep a month after the demo history (which ends 2026-03-31), fined for a late entry and banned for a violation. */
const BATCH = [
  line({ id: 'api-e1', type: 'staff.joined', at: '2026-04-30T09:00:00+08:00', staffId: 's9001', role: 'rep', level: 'B', name: '接口测试' }),
  line({ id: 'api-e2', type: 'entry.late', at: '2026-04-30T18:00:00+08:00', staffId: 's9001', form: 'abcd_table' }),
  line({ id: 'api-e3', type: 'entry.late', at: '2026-04-30T18:30:00+08:00', staffId: 's9001', form: 'lunch_table' }),
  line({ id: 'api-e4', type: 'violation', at: '2026-04-30T19:00:00+08:00', staffId: 's9001', severity: 'normal' }),
].join('\n');

const newDecisions = async (): Promise<number> => (await v1.walkDecisions(read, { after: lastSeq, limit: 1000 })).seqs.length;

describe('HTTP API /api/v1', () => {
  beforeAll(async () => {
    server = await startAdmin();
    base = server.baseUrl;
    admin = await signIn(base, 'admin');
    v1 = await V1Client.open(base);
  }, 900_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('serves an OpenAPI 3.1 document that describes every /api/v1 route file and the bearer scheme', () => {
    expect(v1.doc['openapi']).toBe('3.1.0');
    const schemes = (v1.doc['components'] as { securitySchemes: Record<string, { type: string; scheme: string }> }).securitySchemes;
    expect(schemes['bearerAuth']).toMatchObject({ type: 'http', scheme: 'bearer' });
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir)) {
        if (statSync(join(dir, e)).isDirectory()) walk(join(dir, e));
        else files.push(join(dir, e));
      }
    };
    walk(join(APP_DIR, 'app', 'api', 'v1'));
    const routes = files.map((f) => `/${relative(join(APP_DIR, 'app', 'api', 'v1'), f).replace(/\/route\.ts$/, '').replace(/\[(\w+)\]/g, '{$1}')}`);
    expect(routes.sort()).toEqual(Object.keys(v1.doc['paths'] as object).sort());
  });

  it('the admin creates a write and a read token through /api/tokens; the secret is shown once', async () => {
    const w = await api(base, admin, 'POST', '/api/tokens', { name: 'CRM (write)', scopes: 'read write' });
    const r = await api(base, admin, 'POST', '/api/tokens', { name: 'CRM reports', scopes: 'read' });
    expect(w.status).toBe(201);
    expect(r.status).toBe(201);
    write = String(w.body['secret']);
    read = String(r.body['secret']);
    readId = String((r.body['token'] as { id: string }).id);
    expect(write).toMatch(/^allot_[0-9a-f]{16}\.[A-Za-z0-9_-]{43}$/);
    expect((await api(base, admin, 'POST', '/api/tokens', { name: 'x', scopes: 'admin' })).status).toBe(400);
    const list = await api(base, admin, 'GET', '/api/tokens');
    const text = JSON.stringify(list.body);
    expect(text).not.toContain(write.split('.')[1]);
    expect(text).not.toContain(read.split('.')[1]);
    expect((list.body['tokens'] as { name: string; scopes: string; createdBy: string }[]).map((t) => `${t.name}:${t.scopes}:${t.createdBy}`).sort()).toEqual(['CRM (write):read write:admin', 'CRM reports:read:admin']);
  });

  it('refuses requests without a valid token (401), cookies included, and a read token on writes (403)', async () => {
    const none = await v1.call({ method: 'GET', path: '/decisions' });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(none.body['message']).toMatchObject({ zh: expect.any(String), en: expect.any(String) });
    // A signed-in admin's session cookie is not a credential here.
    expect((await v1.call({ method: 'GET', path: '/decisions', headers: { cookie: admin } })).status).toBe(401);
    const [id] = write.slice('allot_'.length).split('.');
    for (const bad of ['garbage', `allot_${id}.${'A'.repeat(43)}`, `allot_0000000000000000.${write.split('.')[1]}`]) {
      expect((await v1.call({ method: 'GET', path: '/decisions', token: bad })).status, bad).toBe(401);
    }
    const denied = await v1.call({ method: 'POST', path: '/events', token: read, text: BATCH });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ error: 'forbidden', scope: 'write' });
    expect((await v1.call({ method: 'POST', path: '/allocate', token: read, json: { clientId: 'c000001' } })).status).toBe(403);
    expect((await v1.call({ method: 'PUT', path: '/clients/{id}/contact', params: { id: 'c000001' }, token: read, json: { name: '张三', phone: '13800138000' } })).status).toBe(403);
  });

  it('walks every page of decisions with the cursor, without duplicates or gaps, and checks the filters', async () => {
    const big = await v1.walkDecisions(read, { limit: 1000 });
    const small = await v1.walkDecisions(read, { limit: 333 });
    expect(big.seqs.length).toBeGreaterThan(1000);
    expect(small.pages).toBeGreaterThan(big.pages);
    expect(new Set(small.seqs).size).toBe(small.seqs.length);
    expect(small.seqs).toEqual(big.seqs);
    expect(small.seqs).toEqual([...small.seqs].sort((a, b) => a - b));
    lastSeq = big.seqs[big.seqs.length - 1] ?? 0;
    const fines = await v1.walkDecisions(read, { kind: 'staff.fined', staffId: 's0005', since: '2026-02-01T00:00:00+08:00', limit: 7 });
    expect(fines.items.length).toBeGreaterThan(0);
    for (const { decision: d } of fines.items) {
      expect(d).toMatchObject({ kind: 'staff.fined', staffId: 's0005' });
      expect(Date.parse(String(d['at']))).toBeGreaterThanOrEqual(Date.parse('2026-02-01T00:00:00+08:00'));
    }
    for (const [k, v] of [['limit', 1001], ['limit', 0], ['kind', 'staff.promoted'], ['since', 'yesterday'], ['after', -1], ['colour', 'blue']] as const) {
      const res = await v1.call({ method: 'GET', path: '/decisions', token: read, query: { [k]: v } });
      expect(res.status, `${k}=${v}`).toBe(400);
      expect(res.body['field']).toBe(k);
    }
  });

  it('keeps the good lines of a batch, names the bad one by line and field, and a re-sent batch changes nothing', async () => {
    const first = await v1.call({ method: 'POST', path: '/events', token: write, text: BATCH });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ accepted: 3, duplicates: 0 });
    expect(first.body['rejected']).toEqual([{ line: 3, field: 'form', message: expect.any(String) }]);
    const mine = (first.body['decisions'] as Record<string, unknown>[]).filter((d) => d['staffId'] === 's9001');
    expect(mine.map((d) => `${String(d['kind'])}:${String(d['rule'])}`)).toEqual(['staff.fined:F1', 'staff.banned:V1']);
    expect(mine[0]?.['amountFen']).toBe(2000);
    const added = await v1.walkDecisions(read, { after: lastSeq, limit: 1000 });
    expect(added.seqs.length).toBe((first.body['decisions'] as unknown[]).length);
    lastSeq = added.seqs[added.seqs.length - 1] ?? lastSeq;

    const again = await v1.call({ method: 'POST', path: '/events', token: write, text: BATCH });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 3, decisions: [] });
    expect(again.body['rejected']).toEqual([{ line: 3, field: 'form', message: expect.any(String) }]);
    expect(await newDecisions()).toBe(0);

    // The same as a JSON array: the "line" is the element's position; a batch of only bad lines is 422.
    const arr = await v1.call({ method: 'POST', path: '/events', token: write, json: [{ id: 'api-e1', type: 'staff.joined', at: '2026-04-30T09:00:00+08:00', staffId: 's9001', role: 'rep', level: 'B', name: '接口测试' }, { id: 'api-x', type: 'entry.late', staffId: 's9001', form: 'abcd_table' }] });
    expect(arr.status).toBe(200);
    expect(arr.body).toMatchObject({ accepted: 0, duplicates: 1, rejected: [{ line: 2, field: 'at' }] });
    const allBad = await v1.call({ method: 'POST', path: '/events', token: write, text: '{"id":"api-y","type":"nap.taken","at":"2026-05-01T09:00:00+08:00"}\nnot json' });
    expect(allBad.status).toBe(422);
    expect(allBad.body).toMatchObject({ error: 'invalid_events', accepted: 0 });
    expect((allBad.body['rejected'] as { line: number }[]).map((e) => e.line)).toEqual([1, 2]);
    expect(await newDecisions()).toBe(0);

    const status = await v1.call({ method: 'GET', path: '/staff/{id}/status', params: { id: 's9001' }, token: read });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ staffId: 's9001', known: true, role: 'rep', finedFen: 2000 });
    expect(Date.parse(String(status.body['bannedUntil']))).toBe(Date.parse(String(mine[1]?.['until'])));
    expect((await v1.call({ method: 'GET', path: '/staff/{id}/status', params: { id: 'nobody' }, token: read })).status).toBe(404);
  });

  it('Idempotency-Key: the first answer is replayed byte for byte; the same key with another body is refused', async () => {
    const batch = line({ id: 'api-e5', type: 'entry.late', at: '2026-05-06T18:00:00+08:00', staffId: 's9001', form: 'visit_register' });
    const headers = { 'idempotency-key': 'crm-batch-0001' };
    const first = await v1.call({ method: 'POST', path: '/events', token: write, text: batch, headers });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ accepted: 1 });
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    lastSeq = (await v1.walkDecisions(read, { after: lastSeq, limit: 1000 })).seqs.pop() ?? lastSeq;
    const replay = await v1.call({ method: 'POST', path: '/events', token: write, text: batch, headers });
    expect(replay.status).toBe(200);
    expect(replay.text).toBe(first.text);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await newDecisions()).toBe(0);
    const other = await v1.call({ method: 'POST', path: '/events', token: write, text: `${batch}\n`.replace('api-e5', 'api-e6'), headers });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ error: 'idempotency_key_reused', key: 'crm-batch-0001' });
    expect(await newDecisions()).toBe(0);
    expect((await v1.call({ method: 'POST', path: '/events', token: write, text: batch, headers: { 'idempotency-key': 'has space' } })).status).toBe(400);
  });

  it('refuses an oversized batch (413) and an unknown content type (415) with clear errors', async () => {
    const huge = await v1.call({ method: 'POST', path: '/events', token: write, text: 'x'.repeat(8 * 1024 * 1024 + 1) });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ error: 'payload_too_large', limit: 8 * 1024 * 1024 });
    const form = await v1.call({ method: 'POST', path: '/events', token: write, text: 'a=1', contentType: 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(await newDecisions()).toBe(0);
  });

  it('reads a published policy version; drafts are not served', async () => {
    const res = await v1.call({ method: 'GET', path: '/policies/{id}/versions/{version}', params: { id: 'sales-resource', version: '1.0.0' }, token: read });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ policyId: 'sales-resource', version: '1.0.0', status: 'published', effectiveFrom: '2025-12-31T16:00:00.000Z' });
    const cited = (await v1.walkDecisions(read, { kind: 'staff.fined', limit: 1000 })).items[0]?.decision['policy'] as { hash: string };
    expect(res.body['hash']).toBe(cited.hash);
    const hr = await signIn(base, 'hr');
    expect((await api(base, hr, 'POST', '/api/policies/sales-resource/drafts', { from: '1.0.0' })).status).toBe(200);
    expect((await v1.call({ method: 'GET', path: '/policies/{id}/versions/{version}', params: { id: 'sales-resource', version: '1.1.0' }, token: read })).status).toBe(404);
  });

  it('allocates a client now; a retry with the same Idempotency-Key does not allocate twice', async () => {
    const headers = { 'idempotency-key': 'alloc-api-c1' };
    const res = await v1.call({ method: 'POST', path: '/allocate', token: write, json: { clientId: 'api-c1' }, headers });
    expect(res.status).toBe(200);
    const decision = res.body['decision'] as Record<string, unknown>;
    expect(decision).toMatchObject({ kind: 'lead.allocated', clientId: 'api-c1', rule: 'P1' });
    const replay = await v1.call({ method: 'POST', path: '/allocate', token: write, json: { clientId: 'api-c1' }, headers });
    expect(replay.text).toBe(res.text);
    const recorded = await v1.walkDecisions(read, { clientId: 'api-c1', limit: 1000 });
    expect(recorded.items.map((i) => i.decision['id'])).toEqual([decision['id']]);
    expect((await v1.call({ method: 'POST', path: '/allocate', token: write, json: { clientId: 'api-c2', mode: 'lottery' } })).body['field']).toBe('mode');
    expect((await v1.call({ method: 'POST', path: '/allocate', token: write, text: '{', contentType: 'application/json' })).status).toBe(400);
  });

  it("stores a client's name and phone without ever returning personal data", async () => {
    const put = await v1.call({ method: 'PUT', path: '/clients/{id}/contact', params: { id: 'c000007' }, token: write, json: { name: '测试联系人', phone: '139 1234 5678' } });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ clientId: 'c000007', stored: true });
    const bad = await v1.call({ method: 'PUT', path: '/clients/{id}/contact', params: { id: 'c000007' }, token: write, json: { name: '测试联系人', phone: '12345' } });
    expect(bad.status).toBe(400);
    expect(bad.body['field']).toBe('phone');
    await v1.walkDecisions(read, { clientId: 'c000007', limit: 1000 });
    for (const text of v1.bodies) {
      expect(text).not.toContain('13912345678');
      expect(text).not.toContain('测试联系人');
    }
  });

  it('a revoked token is refused at once; the list shows when each token was last used', async () => {
    expect((await v1.call({ method: 'GET', path: '/staff/{id}/status', params: { id: 's0005' }, token: read })).status).toBe(200);
    const revoked = await api(base, admin, 'POST', `/api/tokens/${readId}/revoke`, {});
    expect(revoked.status).toBe(200);
    expect(revoked.body['token']).toMatchObject({ id: readId, revokedAt: expect.any(String) });
    const refused = await v1.call({ method: 'GET', path: '/staff/{id}/status', params: { id: 's0005' }, token: read });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('invalid_token');
    const list = (await api(base, admin, 'GET', '/api/tokens')).body['tokens'] as { id: string; lastUsedAt: string | null; revokedAt: string | null }[];
    expect(list.find((t) => t.id === readId)).toMatchObject({ lastUsedAt: expect.any(String), revokedAt: expect.any(String) });
    expect(list.every((t) => t.lastUsedAt !== null)).toBe(true);
  });
});
