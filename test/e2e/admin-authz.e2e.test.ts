import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, APP_DIR, signIn, startAdmin } from './admin-server.js';
import type { AdminServer } from './admin-server.js';

/**
 * Authorization over plain HTTP: every route handler and page × every role and no session, a
 * forged `x-middleware-subrequest` header, and cross-site Origins. The app has no server
 * actions (checked below), so these handlers are every entry point that changes anything.
 */

const PRINCIPALS = ['none', 'viewer', 'editor', 'approver', 'auditor', 'admin', 'rep'] as const;
type Principal = (typeof PRINCIPALS)[number];
const USER_OF: Record<Exclude<Principal, 'none'>, string> = { viewer: 'viewer', editor: 'hr', approver: 'manager', auditor: 'auditor', admin: 'admin', rep: 'rep1' };
/** Every role but `rep` (a sales rep reads policies, decisions and the rest of the app not at all). */
const ALL = ['viewer', 'editor', 'approver', 'auditor', 'admin'] as const;
/** Client pages (issue 5, part 4): reps see their own clients, the others every client, masked. */
const CLIENTS = ['rep', 'editor', 'approver', 'auditor', 'admin'] as const;
/** Access requests: those who ask (everyone who sees clients but the administrator) and those who decide. */
const ACCESS = ['rep', 'editor', 'approver', 'auditor'] as const;

interface Row {
  route: string;
  method: string;
  path: string;
  body?: unknown;
  allowed: readonly string[];
  /** Status for an allowed role: the request passes the checks and hits a harmless business refusal. */
  ok: number;
}

const P = '/api/policies/sales-resource';
/** rep1's (s0006) only pause on the demo history (D1, client c000165). */
const REP1_PAUSE = 'D1:c000165:1769391810000#1';
/** A client of rep2 (s0004) on the demo history. */
const REP2_CLIENT = 'c000002';
/** A client of rep1 (s0006) on the demo history. */
const REP1_CLIENT = 'c000005';
/** Client pages of one client: a rep opens her own clients only (least privilege). */
const NOT_REPS = ['editor', 'approver', 'auditor', 'admin'] as const;
const V = `${P}/versions/1.1.0`;
const PEOPLE = ['editor', 'approver', 'auditor', 'admin'] as const;
const REPORTS = ['editor', 'approver', 'auditor'] as const;
/** The import wizard: HR (editor) and the administrator. */
const IMPORTS = ['editor', 'admin'] as const;
/** One row per handler (file + method); `route` names the file under app/api. */
const ROWS: Row[] = [
  { route: 'session', method: 'GET', path: '/api/session', allowed: [...ALL, 'rep'], ok: 200 },
  { route: 'policies', method: 'GET', path: '/api/policies', allowed: ALL, ok: 200 },
  { route: 'policies/[id]/diff', method: 'GET', path: `${P}/diff?a=1.0.0&b=1.1.0`, allowed: ALL, ok: 200 },
  { route: 'policies/[id]/drafts', method: 'POST', path: `${P}/drafts`, body: { from: '9.9.9' }, allowed: ['editor'], ok: 404 },
  { route: 'policies/[id]/versions/[version]', method: 'GET', path: V, allowed: ALL, ok: 200 },
  { route: 'policies/[id]/versions/[version]', method: 'PUT', path: V, body: { content: {}, revision: 999 }, allowed: ['editor'], ok: 409 },
  { route: 'policies/[id]/versions/[version]/submit', method: 'POST', path: `${V}/submit`, body: { note: '', revision: 999 }, allowed: ['editor'], ok: 409 },
  { route: 'policies/[id]/versions/[version]/approve', method: 'POST', path: `${V}/approve`, body: { comment: '', revision: 999 }, allowed: ['approver'], ok: 409 },
  { route: 'policies/[id]/versions/[version]/reject', method: 'POST', path: `${V}/reject`, body: { comment: 'not yet', revision: 999 }, allowed: ['approver'], ok: 409 },
  // A rejection without a reason is refused before anything is read.
  { route: 'policies/[id]/versions/[version]/reject', method: 'POST', path: `${V}/reject`, body: { comment: ' ', revision: 999 }, allowed: ['approver'], ok: 422 },
  { route: 'policies/[id]/versions/[version]/publish', method: 'POST', path: `${V}/publish`, body: { revision: 999 }, allowed: ['approver'], ok: 409 },
  { route: 'policies/[id]/versions/[version]/rollback', method: 'POST', path: `${P}/versions/9.9.9/rollback`, body: {}, allowed: ['editor', 'approver'], ok: 404 },
  // The emergency path is off by default (ALLOT_EMERGENCY_ROLLBACK): 403 for an approver too; 403 for an editor (approvers only).
  { route: 'policies/[id]/versions/[version]/rollback', method: 'POST', path: `${P}/versions/1.0.0/rollback`, body: { emergency: true, note: 'x' }, allowed: ['editor', 'approver'], ok: 403 },
  { route: 'policies/[id]/versions/[version]/cancel-schedule', method: 'POST', path: `${V}/cancel-schedule`, body: { revision: 999 }, allowed: ['approver'], ok: 409 },
  { route: 'policies/[id]/versions/[version]/impact', method: 'GET', path: `${V}/impact`, allowed: ['editor', 'approver', 'auditor'], ok: 200 },
  { route: 'events', method: 'POST', path: '/api/events', body: [], allowed: ['admin'], ok: 200 },
  { route: 'decisions', method: 'GET', path: '/api/decisions?limit=1', allowed: ['auditor', 'admin'], ok: 200 },
  { route: 'audit/decisions', method: 'GET', path: '/api/audit/decisions?limit=1', allowed: ['auditor'], ok: 200 },
  { route: 'audit/decisions/[id]', method: 'GET', path: '/api/audit/decisions/no-such-decision', allowed: ['auditor'], ok: 404 },
  { route: 'audit/verify', method: 'POST', path: '/api/audit/verify', body: { from: 'not-a-day' }, allowed: ['auditor'], ok: 400 },
  { route: 'users', method: 'GET', path: '/api/users', allowed: ['admin'], ok: 200 },
  { route: 'users', method: 'POST', path: '/api/users', body: {}, allowed: ['admin'], ok: 400 },
  { route: 'users/[username]', method: 'PATCH', path: '/api/users/nobody', body: { role: 'viewer' }, allowed: ['admin'], ok: 404 },
  { route: 'users/[username]/unlock', method: 'POST', path: '/api/users/nobody/unlock', body: {}, allowed: ['admin'], ok: 404 },
  { route: 'users/[username]/reset-password', method: 'POST', path: '/api/users/nobody/reset-password', body: { password: 'Quiet-Lantern-Harbor-71' }, allowed: ['admin'], ok: 404 },
  { route: 'account/password', method: 'POST', path: '/api/account/password', body: {}, allowed: [...ALL, 'rep'], ok: 400 },
  { route: 'tokens', method: 'GET', path: '/api/tokens', allowed: ['admin'], ok: 200 },
  { route: 'tokens', method: 'POST', path: '/api/tokens', body: {}, allowed: ['admin'], ok: 400 },
  { route: 'tokens/[id]/revoke', method: 'POST', path: '/api/tokens/0000000000000000/revoke', body: {}, allowed: ['admin'], ok: 404 },
  { route: 'clients', method: 'GET', path: '/api/clients?limit=1', allowed: CLIENTS, ok: 200 },
  { route: 'clients/[id]', method: 'GET', path: '/api/clients/c000001', allowed: NOT_REPS, ok: 200 },
  { route: 'clients/[id]', method: 'GET', path: `/api/clients/${REP1_CLIENT}`, allowed: CLIENTS, ok: 200 },
  { route: 'access-requests', method: 'GET', path: '/api/access-requests', allowed: ACCESS, ok: 200 },
  { route: 'access-requests', method: 'POST', path: '/api/access-requests', body: { clientId: 'no such client!', reason: 'x' }, allowed: ACCESS, ok: 400 },
  { route: 'access-requests/[id]/approve', method: 'POST', path: '/api/access-requests/999999/approve', body: {}, allowed: ['approver'], ok: 404 },
  { route: 'access-requests/[id]/reject', method: 'POST', path: '/api/access-requests/999999/reject', body: {}, allowed: ['approver'], ok: 404 },
  { route: 'access-requests/[id]/revoke', method: 'POST', path: '/api/access-requests/999999/revoke', body: {}, allowed: ACCESS, ok: 404 },
  { route: 'access-log', method: 'GET', path: '/api/access-log?limit=1', allowed: ['auditor'], ok: 200 },
  { route: 'people', method: 'GET', path: '/api/people?role=rep', allowed: PEOPLE, ok: 200 },
  { route: 'people/[staffId]', method: 'GET', path: '/api/people/s0004', allowed: PEOPLE, ok: 200 },
  { route: 'people/[staffId]', method: 'GET', path: '/api/people/s9999', allowed: PEOPLE, ok: 404 },
  { route: 'reports/weekly', method: 'GET', path: '/api/reports/weekly?week=2026-03-23&format=csv', allowed: REPORTS, ok: 200 },
  { route: 'reports/weekly', method: 'GET', path: '/api/reports/weekly?week=2026-03-24', allowed: REPORTS, ok: 400 },
  // 我的状态: every account linked to a staff id (in the demo, the reps); others get 403 not_linked.
  { route: 'me', method: 'GET', path: '/api/me', allowed: ['rep'], ok: 200 },
  { route: 'users/[username]', method: 'PATCH', path: '/api/users/nobody', body: { staffId: 's0099' }, allowed: ['admin'], ok: 404 },
  { route: 'users/[username]', method: 'PATCH', path: '/api/users/rep2', body: { staffId: 'bad id!' }, allowed: ['admin'], ok: 400 },
  { route: 'clients/[id]', method: 'GET', path: `/api/clients/${REP2_CLIENT}`, allowed: NOT_REPS, ok: 200 },
  { route: 'what-if', method: 'POST', path: '/api/what-if', body: { candidate: '1.1.0' }, allowed: ['editor', 'approver', 'auditor'], ok: 400 },
  { route: 'what-if/jobs', method: 'POST', path: '/api/what-if/jobs', body: { candidate: '1.1.0' }, allowed: ['editor', 'approver', 'auditor'], ok: 400 },
  { route: 'what-if/jobs/[id]', method: 'GET', path: '/api/what-if/jobs/no-such-job', allowed: ['editor', 'approver', 'auditor'], ok: 404 },
  { route: 'what-if/jobs/[id]', method: 'DELETE', path: '/api/what-if/jobs/no-such-job', allowed: ['editor', 'approver', 'auditor'], ok: 404 },
  { route: 'integrations/endpoints', method: 'GET', path: '/api/integrations/endpoints', allowed: ['admin'], ok: 200 },
  { route: 'integrations/endpoints', method: 'POST', path: '/api/integrations/endpoints', body: { name: '' }, allowed: ['admin'], ok: 400 },
  { route: 'integrations/endpoints/[id]', method: 'GET', path: '/api/integrations/endpoints/wh_none', allowed: ['admin'], ok: 404 },
  { route: 'integrations/endpoints/[id]', method: 'PATCH', path: '/api/integrations/endpoints/wh_none', body: {}, allowed: ['admin'], ok: 404 },
  { route: 'integrations/endpoints/[id]/rotate', method: 'POST', path: '/api/integrations/endpoints/wh_none/rotate', body: {}, allowed: ['admin'], ok: 404 },
  { route: 'integrations/endpoints/[id]/resume', method: 'POST', path: '/api/integrations/endpoints/wh_none/resume', body: {}, allowed: ['admin'], ok: 404 },
  { route: 'integrations/endpoints/[id]/test', method: 'POST', path: '/api/integrations/endpoints/wh_none/test', body: {}, allowed: ['admin'], ok: 404 },
  { route: 'integrations/deliveries', method: 'GET', path: '/api/integrations/deliveries?limit=1', allowed: ['admin'], ok: 200 },
  { route: 'integrations/deliveries/replay', method: 'POST', path: '/api/integrations/deliveries/replay', body: {}, allowed: ['admin'], ok: 400 },
  { route: 'integrations/channels', method: 'GET', path: '/api/integrations/channels', allowed: ['admin'], ok: 200 },
  { route: 'integrations/channels', method: 'POST', path: '/api/integrations/channels', body: { kind: 'fax' }, allowed: ['admin'], ok: 400 },
  { route: 'integrations/channels/[id]', method: 'PATCH', path: '/api/integrations/channels/ch_none', body: {}, allowed: ['admin'], ok: 404 },
  { route: 'integrations/recipients/[username]', method: 'PATCH', path: '/api/integrations/recipients/nobody', body: {}, allowed: ['admin'], ok: 404 },
  { route: 'what-if/person', method: 'POST', path: '/api/what-if/person', body: { policyId: 'sales-resource', candidate: '1.1.0' }, allowed: ['editor', 'approver', 'auditor'], ok: 400 },
  { route: 'what-if/export', method: 'POST', path: '/api/what-if/export', body: {}, allowed: ['editor', 'approver', 'auditor'], ok: 400 },
  { route: 'people/[staffId]', method: 'GET', path: '/api/people/s0004?format=xlsx', allowed: PEOPLE, ok: 200 },
  { route: 'audit/decisions', method: 'GET', path: '/api/audit/decisions?kind=staff.fined&format=csv', allowed: ['auditor'], ok: 200 },
  { route: 'access-log', method: 'GET', path: '/api/access-log?format=xlsx', allowed: ['auditor'], ok: 200 },
  { route: 'reports/weekly', method: 'GET', path: '/api/reports/weekly?week=2026-03-23&format=xlsx', allowed: REPORTS, ok: 200 },
  // A JSON body is no file upload: past the checks, the handlers refuse it (400).
  { route: 'imports/preview', method: 'POST', path: '/api/imports/preview', body: {}, allowed: IMPORTS, ok: 400 },
  { route: 'imports/errors', method: 'POST', path: '/api/imports/errors', body: {}, allowed: IMPORTS, ok: 400 },
  { route: 'imports/dry-run', method: 'POST', path: '/api/imports/dry-run', body: {}, allowed: IMPORTS, ok: 400 },
  { route: 'imports/commit', method: 'POST', path: '/api/imports/commit', body: {}, allowed: IMPORTS, ok: 400 },
  { route: 'imports/mappings', method: 'GET', path: '/api/imports/mappings', allowed: IMPORTS, ok: 200 },
  { route: 'imports/mappings', method: 'PUT', path: '/api/imports/mappings', body: { kind: 'nope' }, allowed: IMPORTS, ok: 400 },
  { route: 'appeals', method: 'POST', path: '/api/appeals', body: { decisionId: 'no-such-decision#1', action: 'acknowledge' }, allowed: ['rep'], ok: 404 },
  { route: 'appeals/decide', method: 'POST', path: '/api/appeals/decide', body: { decisionId: 'no-such-decision#1', outcome: 'overturned', reason: '核实' }, allowed: ['approver'], ok: 404 },
];
/** Handlers anyone may call (still same-origin only). */
const PUBLIC = ['auth/sign-in', 'auth/sign-out', 'lang'];

/** Pages: the same checks, as redirects (no session) and 403 (the forbidden page). */
const PAGES: { path: string; allowed: readonly string[] }[] = [
  { path: '/policies', allowed: ALL },
  { path: '/policies/sales-resource/1.0.0', allowed: ALL },
  { path: '/policies/sales-resource/1.1.0/edit', allowed: ['editor'] },
  { path: '/policies/sales-resource/diff?a=1.0.0&b=1.1.0', allowed: ALL },
  { path: '/decisions', allowed: ['auditor', 'admin'] },
  { path: '/audit', allowed: ['auditor'] },
  { path: `/audit/decisions/${encodeURIComponent('e0000080#1')}`, allowed: ['auditor'] },
  { path: '/users', allowed: ['admin'] },
  { path: '/account/password', allowed: [...ALL, 'rep'] },
  { path: '/tokens', allowed: ['admin'] },
  { path: '/integrations', allowed: ['admin'] },
  { path: '/clients', allowed: CLIENTS },
  { path: '/clients/c000001', allowed: NOT_REPS },
  { path: `/clients/${REP1_CLIENT}`, allowed: CLIENTS },
  { path: '/access-requests', allowed: ACCESS },
  { path: '/access-log', allowed: ['auditor'] },
  { path: '/people', allowed: PEOPLE },
  { path: '/people/s0004', allowed: PEOPLE },
  { path: '/reports/weekly', allowed: REPORTS },
  { path: '/what-if', allowed: ['editor', 'approver', 'auditor'] },
  { path: '/inbox', allowed: ['editor', 'approver'] },
  { path: '/me', allowed: [...ALL, 'rep'] },
  // rep1's (s0006) D1 pause on the demo history: her own notice, HR's and the auditors'.
  { path: `/notices/${encodeURIComponent(REP1_PAUSE)}`, allowed: ['rep', 'editor', 'auditor'] },
  // Least privilege: a rep opens her own clients only.
  { path: `/clients/${REP2_CLIENT}`, allowed: NOT_REPS },
  { path: '/imports', allowed: IMPORTS },
  { path: '/appeals', allowed: ['rep', 'approver'] },
  { path: '/appeals/new?decision=no-such-decision%231', allowed: ['rep'] },
];

const FORGED = { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware', 'x-middleware-subrequest-id': 'x' };

let server: AdminServer;
let base: string;
const cookies = new Map<Principal, string>();

async function call(row: Pick<Row, 'method' | 'path' | 'body'>, cookie: string, headers: Record<string, string | null> = {}): Promise<number> {
  const h: Record<string, string> = { ...(cookie === '' ? {} : { cookie }), origin: base, ...(row.body === undefined ? {} : { 'content-type': 'application/json' }) };
  for (const [k, v] of Object.entries(headers)) {
    if (v === null) delete h[k];
    else h[k] = v;
  }
  const res = await fetch(`${base}${row.path}`, { method: row.method, headers: h, redirect: 'manual', ...(row.body === undefined ? {} : { body: JSON.stringify(row.body) }) });
  await res.arrayBuffer();
  return res.status;
}

const expected = (allowed: readonly string[], who: Principal, ok: number): number => (who === 'none' ? 401 : allowed.includes(who) ? ok : 403);

describe('admin app authorization (HTTP)', () => {
  beforeAll(async () => {
    server = await startAdmin();
    base = server.baseUrl;
    cookies.set('none', '');
    for (const [role, user] of Object.entries(USER_OF)) cookies.set(role as Principal, await signIn(base, user));
    // A draft to aim at: 1.1.0, made by HR from 1.0.0.
    const created = await api(base, cookies.get('editor') ?? '', 'POST', `${P}/drafts`, { from: '1.0.0' });
    expect(created.status).toBe(200);
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('covers every route handler, and the app has no server actions and no middleware', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir)) {
        const p = join(dir, e);
        if (statSync(p).isDirectory()) walk(p);
        else files.push(p);
      }
    };
    walk(join(APP_DIR, 'app'));
    const routes = files.filter((f) => f.endsWith('route.ts')).map((f) => relative(join(APP_DIR, 'app', 'api'), f).replace(/\/route\.ts$/, ''));
    // /api/v1 is token-authenticated (no cookies): api-v1.e2e.test.ts covers it.
    expect(routes.filter((r) => !r.startsWith('v1/')).sort()).toEqual([...new Set([...ROWS.map((r) => r.route), ...PUBLIC])].sort());
    for (const f of files.filter((x) => x.endsWith('route.ts'))) {
      const src = readFileSync(f, 'utf8');
      if (relative(join(APP_DIR, 'app', 'api'), f).startsWith('v1/')) {
        // Token only: requireToken, never a session or cookie (so no cross-site surface); the OpenAPI document is public.
        if (!f.endsWith('v1/openapi.json/route.ts')) expect(src, f).toMatch(/requireToken\(request, '(read|write)'\)/);
        expect(src, f).not.toMatch(/requireRole|guardMutation|cookies|sessionUser/);
        continue;
      }
      const isPublic = PUBLIC.some((p) => f.endsWith(`${p}/route.ts`));
      if (!isPublic) expect(src, f).toMatch(/(requireRole|guardMutation)\(request, /);
      const mutating = (src.match(/export async function (POST|PUT|PATCH|DELETE)\b/g) ?? []).length;
      // guardMutation(request, roles) is refuseCrossSite(request) then requireRole (features/shared/guard.ts).
      expect((src.match(/refuseCrossSite\(request\)|guardMutation\(request, /g) ?? []).length, f).toBe(mutating);
    }
    const sources = [...files, ...walkAll(join(APP_DIR, 'features'))].filter((f) => /\.(ts|tsx)$/.test(f));
    for (const f of sources) expect(readFileSync(f, 'utf8'), f).not.toMatch(/['"]use server['"]/);
    for (const name of ['middleware.ts', 'proxy.ts', 'middleware.js', 'proxy.js']) expect(() => statSync(join(APP_DIR, name))).toThrow();
  });

  it('answers every handler × every role and no session as expected', async () => {
    const got: string[] = [];
    const want: string[] = [];
    for (const row of ROWS) {
      for (const who of PRINCIPALS) {
        got.push(`${row.method} ${row.path} as ${who}: ${await call(row, cookies.get(who) ?? '')}`);
        want.push(`${row.method} ${row.path} as ${who}: ${expected(row.allowed, who, row.ok)}`);
      }
    }
    expect(got).toEqual(want);
  });

  it('a forged x-middleware-subrequest header bypasses nothing', async () => {
    for (const row of ROWS) {
      expect(await call(row, '', FORGED), `${row.method} ${row.path}`).toBe(401);
      expect(await call(row, cookies.get('viewer') ?? '', FORGED), `${row.method} ${row.path}`).toBe(expected(row.allowed, 'viewer', row.ok));
    }
    for (const page of PAGES) expect(await call({ method: 'GET', path: page.path }, '', FORGED), page.path).toBe(307);
  });

  it('refuses cross-site requests (Origin missing, null or foreign) to every mutating handler', async () => {
    const mutating = [
      ...ROWS.filter((r) => r.method !== 'GET'),
      { method: 'POST', path: '/api/auth/sign-in', body: { username: 'hr', password: 'allot-demo' }, allowed: ALL },
      { method: 'POST', path: '/api/auth/sign-out', allowed: ALL },
      { method: 'POST', path: '/api/lang', allowed: ALL },
    ];
    for (const row of mutating) {
      const who = (ALL.find((r) => row.allowed.includes(r)) ?? 'admin') as Principal;
      const cookie = cookies.get(who) ?? '';
      for (const origin of [null, 'null', 'http://evil.example', base.replace('127.0.0.1', 'localhost')]) {
        expect(await call(row, cookie, { origin }), `${row.method} ${row.path} Origin=${String(origin)}`).toBe(403);
      }
      expect(await call(row, cookie, { 'sec-fetch-site': 'cross-site' }), `${row.method} ${row.path} Sec-Fetch-Site`).toBe(403);
    }
    // The sessions survived: sign-out was refused above.
    expect(await call({ method: 'GET', path: '/api/session' }, cookies.get('admin') ?? '')).toBe(200);
  });

  it('checks the role on every page too', async () => {
    for (const page of PAGES) {
      for (const who of PRINCIPALS) {
        const status = await call({ method: 'GET', path: page.path }, cookies.get(who) ?? '');
        expect(status, `${page.path} as ${who}`).toBe(who === 'none' ? 307 : page.allowed.includes(who) ? 200 : 403);
      }
    }
  });

  it('public handlers: sign-in, sign-out and the language switch', async () => {
    for (const who of PRINCIPALS) {
      expect(await call({ method: 'POST', path: '/api/lang', body: undefined }, cookies.get(who) ?? ''), who).toBe(303);
      const bad = await call({ method: 'POST', path: '/api/auth/sign-in', body: { username: `ghost-${who}`, password: 'wrong' } }, cookies.get(who) ?? '');
      expect(bad, who).toBe(401);
    }
  });

  it('starts a new session at sign-in and really ends it at sign-out; cookies are httpOnly and SameSite', async () => {
    const first = await signIn(base, 'auditor');
    const res = await fetch(`${base}/api/auth/sign-in`, {
      method: 'POST',
      // Behind a TLS proxy (x-forwarded-proto: https) the app's origin is https and the cookie is Secure.
      headers: { origin: base.replace('http:', 'https:'), cookie: first, 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ username: 'auditor', password: 'allot-demo' }),
    });
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=lax/i);
    expect(setCookie).toMatch(/Secure/i);
    const second = setCookie.split(';')[0] ?? '';
    expect(second).not.toBe(first);
    expect(await call({ method: 'GET', path: '/api/session' }, first)).toBe(401);
    expect(await call({ method: 'GET', path: '/api/session' }, second)).toBe(200);
    expect(await call({ method: 'POST', path: '/api/auth/sign-out' }, second)).toBe(303);
    expect(await call({ method: 'GET', path: '/api/session' }, second)).toBe(401);
  });

  it('maker-checker: whoever edited a draft cannot approve it; an edit after approval resets it', async () => {
    const admin = cookies.get('admin') ?? '';
    const hr = cookies.get('editor') ?? '';
    const read = async (): Promise<{ revision: number; status: string; content: Record<string, unknown> }> => {
      const r = await api(base, hr, 'GET', V);
      const v = r.body['version'] as { revision: number; status: string };
      return { revision: v.revision, status: v.status, content: r.body['content'] as Record<string, unknown> };
    };
    // hr2 edits the draft, then becomes an approver.
    const hr2 = await signIn(base, 'hr2');
    let v = await read();
    const edited = structuredClone(v.content) as { rules: { F2: { fineFen: number } } };
    edited.rules.F2.fineFen = 3000;
    expect((await api(base, hr2, 'PUT', V, { content: edited, revision: v.revision })).status).toBe(200);
    expect((await api(base, admin, 'PATCH', '/api/users/hr2', { role: 'approver' })).status).toBe(200);
    expect(await call({ method: 'GET', path: '/api/session' }, hr2)).toBe(401);
    const hr2Approver = await signIn(base, 'hr2');
    v = await read();
    expect((await api(base, hr, 'POST', `${V}/submit`, { note: 'F2 30元', revision: v.revision })).status).toBe(200);
    v = await read();
    const own = await api(base, hr2Approver, 'POST', `${V}/approve`, { comment: 'ok', revision: v.revision });
    expect(own.status).toBe(403);
    expect(own.body['error']).toBe('own_draft');
    expect((await api(base, cookies.get('approver') ?? '', 'POST', `${V}/approve`, { comment: 'ok', revision: v.revision })).status).toBe(200);
    v = await read();
    expect(v.status).toBe('approved');
    // An edit after approval sends it back to draft: publishing is refused until it is approved again.
    expect((await api(base, hr, 'PUT', V, { content: v.content, revision: v.revision })).status).toBe(200);
    v = await read();
    expect(v.status).toBe('draft');
    const publish = await api(base, cookies.get('approver') ?? '', 'POST', `${V}/publish`, { revision: v.revision });
    expect(publish.status).toBe(409);
    const audit = (await api(base, hr, 'GET', V)).body['audit'] as { action: string; actor: string; note: string | null }[];
    expect(audit.map((a) => `${a.action}:${a.actor}`)).toEqual(['save:hr', 'approve:manager', 'submit:hr', 'save:hr2', 'create:hr']);
    expect(audit[0]?.note).toMatch(/approved → draft/);
  });

  it('publishes through the runtime; a rollback is a new version someone else approves and publishes', async () => {
    const hr = cookies.get('editor') ?? '';
    const manager = cookies.get('approver') ?? '';
    const revisionOf = async (path: string): Promise<number> => ((await api(base, hr, 'GET', path)).body['version'] as { revision: number }).revision;
    expect((await api(base, hr, 'POST', `${V}/submit`, { note: 'again', revision: await revisionOf(V) })).status).toBe(200);
    expect((await api(base, manager, 'POST', `${V}/approve`, { comment: 'ok', revision: await revisionOf(V) })).status).toBe(200);
    const published = await api(base, manager, 'POST', `${V}/publish`, { revision: await revisionOf(V) });
    expect(published.status).toBe(200);
    expect(published.body['version']).toMatchObject({ status: 'published', standing: 'in_force' });
    // Immutable from now on.
    expect((await api(base, hr, 'PUT', V, { content: {}, revision: await revisionOf(V) })).status).toBe(409);
    // A rollback needs a reason; the manager asks for it, so the manager cannot approve it.
    expect((await api(base, manager, 'POST', `${P}/versions/1.0.0/rollback`, { note: '' })).status).toBe(422);
    const rolled = await api(base, manager, 'POST', `${P}/versions/1.0.0/rollback`, { note: 'back to the seed rules' });
    expect(rolled.status).toBe(200);
    expect((rolled.body['rollback'] as { view: unknown }).view).toMatchObject({ version: '1.2.0', status: 'submitted', author: 'manager' });
    const R = `${P}/versions/1.2.0`;
    const own = await api(base, manager, 'POST', `${R}/approve`, { comment: 'ok', revision: await revisionOf(R) });
    expect(own.status).toBe(403);
    expect(own.body['error']).toBe('own_draft');
    // hr2 was made an approver above: the second person approves and publishes.
    const hr2 = await signIn(base, 'hr2');
    expect((await api(base, hr2, 'POST', `${R}/approve`, { comment: 'agreed', revision: await revisionOf(R) })).status).toBe(200);
    const republished = await api(base, hr2, 'POST', `${R}/publish`, { revision: await revisionOf(R) });
    expect(republished.status).toBe(200);
    expect(republished.body['version']).toMatchObject({ version: '1.2.0', standing: 'in_force' });
    const original = (await api(base, hr, 'GET', `${P}/versions/1.0.0`)).body['content'] as Record<string, unknown>;
    const restored = (await api(base, hr, 'GET', `${P}/versions/1.2.0`)).body['content'] as Record<string, unknown>;
    expect({ ...restored, version: '1.0.0' }).toEqual(original);
    const list = (await api(base, hr, 'GET', '/api/policies')).body['policies'] as { versions: { version: string; standing: string }[] }[];
    expect(list[0]?.versions.map((v) => `${v.version}:${v.standing}`)).toEqual(['1.2.0:in_force', '1.1.0:superseded', '1.0.0:superseded']);
    const audit = (await api(base, hr, 'GET', R)).body['audit'] as { action: string; actor: string }[];
    expect(audit.map((a) => `${a.action}:${a.actor}`)).toEqual(['publish:hr2', 'approve:hr2', 'rollback.request:manager', 'create:manager']);
  });

  it('delays sign-ins after the fifth failure of an (account, address) pair; an admin unlocks', async () => {
    const admin = cookies.get('admin') ?? '';
    expect((await api(base, admin, 'POST', '/api/users', { username: 'locktest', displayName: 'Lock test', role: 'viewer', password: 'Quiet-Lantern-Harbor-71' })).status).toBe(201);
    for (let i = 0; i < 5; i++) {
      expect(await call({ method: 'POST', path: '/api/auth/sign-in', body: { username: 'locktest', password: `wrong-${i}` } }, '')).toBe(401);
    }
    // The fifth failure starts a 1 s wait: the right password, sent at once, is not checked.
    expect(await call({ method: 'POST', path: '/api/auth/sign-in', body: { username: 'locktest', password: 'Quiet-Lantern-Harbor-71' } }, '')).toBe(429);
    // Another account from the same address is not delayed (the address has its own, higher count).
    expect(await call({ method: 'POST', path: '/api/auth/sign-in', body: { username: 'viewer', password: 'allot-demo' } }, '')).toBe(200);
    expect((await api(base, admin, 'POST', '/api/users/locktest/unlock', {})).status).toBe(200);
    expect(await call({ method: 'POST', path: '/api/auth/sign-in', body: { username: 'locktest', password: 'Quiet-Lantern-Harbor-71' } }, '')).toBe(200);
  });

  it('every page and route answers with the security headers', async () => {
    for (const path of ['/sign-in', ...PAGES.map((p) => p.path), '/api/session']) {
      const res = await fetch(`${base}${path}`, { headers: { cookie: cookies.get('auditor') ?? '' }, redirect: 'manual' });
      await res.arrayBuffer();
      expect(res.headers.get('content-security-policy'), path).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
    }
  });
});

function walkAll(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...walkAll(p));
    else out.push(p);
  }
  return out;
}
