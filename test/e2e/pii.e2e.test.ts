import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, APP_DIR, REPO, signIn, startAdmin } from './admin-server.js';
import type { AdminServer } from './admin-server.js';

/**
 * Personal data (seed A1) on every read path. As `rep1` (staff s0006) with no access granted,
 * crawl every page and every GET handler of the app — found on the file system, so pages other
 * engineers add are crawled too — with real ids in their dynamic segments, plus every link the
 * pages show; no response may contain the phone number of a client rep1 does not own. Then an
 * approved request unmasks one client for rep1, the view lands in the access log, the owner sees
 * their own client, and a revoked grant masks again.
 */

const REP1_STAFF = 's0006';
const REP2_STAFF = 's0004';
const MAX_URLS = 1500;
const PER_TEMPLATE = 25;

type Contact = { clientId: string; name: string; phone: string };
/** The seed's made-up personal data (loaded at run time: the app's modules are not part of the tests' type-check). */
type ContactsModule = { demoContact(clientId: string): Contact };

let server: AdminServer;
let base: string;
const cookie: Record<string, string> = {};
let demoContact: (clientId: string) => Contact;
/** Every client: its current owner (null: the pool), as the store's projection says. */
const owners = new Map<string, string | null>();
let otherClient = '';
let ownClient = '';
let otherDecision = '';
let staffDecision = '';

/** A route of the app: its path template (`/clients/[id]`) and whether it is a page or a GET handler. */
interface Route {
  template: string;
  kind: 'page' | 'api';
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

/** Every page and every route handler that exports GET, as URL templates (route groups and slots dropped). */
function discoverRoutes(): Route[] {
  const appDir = join(APP_DIR, 'app');
  const routes: Route[] = [];
  for (const file of walk(appDir)) {
    const rel = relative(appDir, file).split('\\').join('/');
    const page = /(^|\/)page\.(tsx|ts|jsx|js)$/.test(rel);
    const handler = /(^|\/)route\.(ts|js)$/.test(rel);
    if (!page && !handler) continue;
    if (handler && !/export\s+(async\s+)?function\s+GET\b|export\s+const\s+GET\b|export\s*\{[^}]*\bGET\b/.test(readFileSync(file, 'utf8'))) continue;
    const segments = rel.split('/').slice(0, -1).filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith('@'));
    routes.push({ template: `/${segments.join('/')}`, kind: page ? 'page' : 'api' });
  }
  return routes;
}

/** Real values for a dynamic segment, by its name or the static segment before it. */
function valuesFor(name: string, before: string | undefined): string[] {
  const clients = [otherClient, ownClient];
  const staff = [REP2_STAFF, REP1_STAFF];
  const decisions = [otherDecision, staffDecision];
  const n = name.toLowerCase();
  if (/client/.test(n)) return clients;
  if (/staff|person|people|member|rep/.test(n)) return staff;
  if (/decision/.test(n)) return decisions;
  if (/version/.test(n)) return ['1.0.0'];
  if (/user/.test(n)) return ['rep2'];
  const byParent: Record<string, string[]> = {
    clients: clients,
    people: staff,
    staff,
    decisions,
    policies: ['sales-resource'],
    versions: ['1.0.0'],
    users: ['rep2'],
    'access-requests': ['1'],
  };
  return byParent[before ?? ''] ?? [...new Set([...clients, ...staff, ...decisions, 'sales-resource', '1.0.0', 'rep2', '1'])];
}

/** Concrete paths for a template: every combination of real values for its dynamic segments. */
function expand(template: string): string[] {
  let paths = [''];
  const parts = template.split('/').filter((p) => p !== '');
  parts.forEach((part, i) => {
    const m = /^\[{1,2}(?:\.\.\.)?(\w+)\]{1,2}$/.exec(part);
    const values = m === null ? [part] : valuesFor(m[1] ?? '', parts[i - 1]).map((v) => encodeURIComponent(v));
    paths = paths.flatMap((p) => values.map((v) => `${p}/${v}`)).slice(0, 64);
  });
  return paths.length === 0 ? ['/'] : paths.map((p) => (p === '' ? '/' : p));
}

/** The template a path belongs to (for the per-template cap on followed links), or the path itself. */
function templateOf(path: string, routes: readonly Route[]): string {
  const parts = path.split('?')[0]?.split('/').filter((p) => p !== '') ?? [];
  for (const r of routes) {
    const t = r.template.split('/').filter((p) => p !== '');
    const catchAll = t.some((s) => s.startsWith('[...') || s.startsWith('[[...'));
    if (!catchAll && t.length !== parts.length) continue;
    if (t.every((s, i) => s.startsWith('[') || s === parts[i])) return r.template;
  }
  return path.split('?')[0] ?? path;
}

/** Mobile numbers in a body, also written with spaces or dashes between the digits. */
function phonesIn(body: string): string[] {
  return [...body.matchAll(/1[3-9]\d(?:[\s-]?\d){8}/g)].map((m) => m[0].replace(/\D/g, ''));
}

async function get(path: string, who: string): Promise<{ status: number; body: string; location: string | null; type: string }> {
  const res = await fetch(`${base}${path}`, { headers: { cookie: cookie[who] ?? '' }, redirect: 'manual' });
  return { status: res.status, body: await res.text(), location: res.headers.get('location'), type: res.headers.get('content-type') ?? '' };
}

/** Client ids in the example history: the clients the seed gave personal data to. */
function historyClients(): Set<string> {
  const text = readFileSync(join(REPO, 'examples', 'history.jsonl'), 'utf8');
  return new Set([...text.matchAll(/"clientId":"([^"]+)"/g)].map((m) => m[1] ?? ''));
}

/** Every deal size of the history: the expected deal of each lead and the amount of each closed deal (integer fen). */
function historyDeals(): { clientId: string; fen: number }[] {
  const out: { clientId: string; fen: number }[] = [];
  for (const line of readFileSync(join(REPO, 'examples', 'history.jsonl'), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const e = JSON.parse(line) as { clientId?: string; expectedDealFen?: number; amountFen?: number; type: string };
    if (e.clientId === undefined) continue;
    if (e.type === 'lead.received' && typeof e.expectedDealFen === 'number') out.push({ clientId: e.clientId, fen: e.expectedDealFen });
    if (e.type === 'deal.closed' && typeof e.amountFen === 'number') out.push({ clientId: e.clientId, fen: e.amountFen });
  }
  return out;
}

/** The fen amounts the seed policy's tier rungs compare expected deals with. */
function tierBands(): number[] {
  const policy = JSON.parse(readFileSync(join(REPO, 'policies', 'sales-resource', '1.0.0.json'), 'utf8')) as { rules: { T1: { rungs: { when: { all: { value: unknown }[] } }[] } } };
  return policy.rules.T1.rungs.flatMap((r) => r.when.all.map((c) => c.value)).filter((v): v is number => typeof v === 'number');
}

/** Does `text` hold `pattern` as a whole number (not the tail of a larger one, as 88,000.00 is of 1,088,000.00)? */
function containsWhole(text: string, pattern: string): boolean {
  for (let i = text.indexOf(pattern); i !== -1; i = text.indexOf(pattern, i + 1)) {
    const before = text[i - 1] ?? '';
    if (!/[\d,.]/.test(before)) return true;
  }
  return false;
}

/** Fen as the explanations write 元: thousands separators and two decimals ("1,088,000.00"). */
const yuanText = (fen: number): string => `${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;

/** Every client's current owner, from the auditor's view of the client list (every client, masked). */
async function readOwners(): Promise<void> {
  owners.clear();
  for (let after = ''; ; ) {
    const page = await api(base, cookie['auditor'] ?? '', 'GET', `/api/clients?limit=500${after === '' ? '' : `&after=${after}`}`);
    expect(page.status).toBe(200);
    const items = page.body['items'] as { clientId: string; ownerId: string | null; contact: { masked: boolean } | null }[];
    for (const c of items) {
      owners.set(c.clientId, c.ownerId);
      expect(c.contact?.masked, c.clientId).toBe(true);
    }
    if (page.body['next'] === null) break;
    after = String(page.body['next']);
  }
  expect(new Set(owners.keys())).toEqual(historyClients());
}

describe('personal data: a rep without access sees no other client’s phone anywhere', () => {
  beforeAll(async () => {
    server = await startAdmin();
    base = server.baseUrl;
    for (const u of ['rep1', 'rep2', 'manager', 'auditor', 'admin']) cookie[u] = await signIn(base, u);
    demoContact = ((await import(pathToFileURL(join(APP_DIR, 'features', 'clients', 'contacts.ts')).href)) as ContactsModule).demoContact;
    // The director gives rep1 one more client through the real ingest API, so a client that
    // changed owner after the seed is part of what the crawl checks.
    await readOwners();
    const gift = [...owners].find(([, o]) => o !== null && o !== REP1_STAFF && o !== REP2_STAFF)?.[0] ?? '';
    const event = { id: 'pii-e2e-reassign', type: 'client.reassigned', at: new Date().toISOString(), clientId: gift, toStaffId: REP1_STAFF, by: 's0001' };
    const ingested = await api(base, cookie['admin'] ?? '', 'POST', '/api/events', [event]);
    expect(ingested.status, JSON.stringify(ingested.body).slice(0, 500)).toBe(200);
    await readOwners();
    expect(owners.get(gift)).toBe(REP1_STAFF);
    const ofRep = (staff: string): string[] => [...owners].filter(([, o]) => o === staff).map(([c]) => c);
    ownClient = ofRep(REP1_STAFF)[0] ?? '';
    // rep2's client with the most decisions, so the decision pages have one to show.
    let most = -1;
    for (const c of ofRep(REP2_STAFF).slice(0, 10)) {
      const d = await api(base, cookie['auditor'] ?? '', 'GET', `/api/clients/${c}`);
      const list = d.body['decisions'] as { id: string }[];
      if (list.length > most) [most, otherClient, otherDecision] = [list.length, c, list[0]?.id ?? ''];
    }
    const staffPage = await api(base, cookie['auditor'] ?? '', 'GET', `/api/decisions?staffId=${REP2_STAFF}&limit=1`);
    staffDecision = ((staffPage.body['items'] as { decision: { id: string } }[])[0]?.decision.id ?? '');
    expect([ownClient, otherClient, otherDecision, staffDecision].every((v) => v !== ''), JSON.stringify({ ownClient, otherClient, otherDecision, staffDecision })).toBe(true);
  }, 900_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('crawls every page and GET handler as rep1 and finds no phone of a client rep1 does not own', async () => {
    const secret = new Map<string, string>();
    for (const [clientId, owner] of owners) if (owner !== REP1_STAFF) secret.set(demoContact(clientId).phone, clientId);
    expect(secret.size).toBeGreaterThan(500);
    // Deal sizes (expected at the lead, and closed) of clients rep1 does not own, as the app would show them:
    // in an explanation (元 / yuan with two decimals) or in a decision's JSON. Sizes one of her own clients shares are left out.
    const dealsOf = (own: boolean): Map<number, string> => {
      const out = new Map<number, string>();
      for (const e of historyDeals()) if ((owners.get(e.clientId) === REP1_STAFF) === own) out.set(e.fen, e.clientId);
      return out;
    };
    const mineDeals = dealsOf(true);
    // The tier bands of the policy (800,000.00 元 …) are printed in every tiering explanation: they are the policy, not a deal.
    for (const fen of tierBands()) mineDeals.set(fen, 'policy');
    const dealPatterns: [string, string][] = [];
    for (const [fen, clientId] of dealsOf(false)) {
      if (mineDeals.has(fen)) continue;
      dealPatterns.push([`${yuanText(fen)} 元`, clientId], [`${yuanText(fen)} yuan`, clientId], [`"expectedDealFen":${fen}`, clientId], [`"amountFen":${fen},`, clientId]);
    }
    expect(dealPatterns.length).toBeGreaterThan(400);

    const routes = discoverRoutes();
    // The crawl sees the pages and handlers of this part, and whatever else the app has by now.
    for (const t of ['/clients', '/clients/[id]', '/access-requests', '/access-log', '/api/clients', '/api/clients/[id]', '/api/access-log', '/api/access-requests', '/policies', '/decisions', '/api/decisions']) {
      expect(routes.map((r) => r.template)).toContain(t);
    }
    const probe = new URLSearchParams({ clientId: otherClient, q: otherClient, id: otherClient, staffId: REP2_STAFF, client: otherClient }).toString();
    const queue: string[] = [];
    for (const r of routes) for (const p of expand(r.template)) queue.push(p, `${p}?${probe}`);
    queue.push(`/clients/${otherClient}x`, '/no-such-page');

    const seen = new Set<string>();
    const perTemplate = new Map<string, number>();
    const leaks: string[] = [];
    const statuses: string[] = [];
    let ownPhoneSeen = false;
    while (queue.length > 0 && seen.size < MAX_URLS) {
      const path = queue.shift() ?? '/';
      if (seen.has(path)) continue;
      const template = templateOf(path, routes);
      const count = perTemplate.get(template) ?? 0;
      if (count >= PER_TEMPLATE && !routes.some((r) => expand(r.template).includes(path.split('?')[0] ?? ''))) continue;
      perTemplate.set(template, count + 1);
      seen.add(path);
      const res = await get(path, 'rep1');
      statuses.push(`${res.status} ${path}`);
      for (const [pattern, client] of dealPatterns) if (containsWhole(res.body, pattern)) leaks.push(`${path} (${res.status}) shows the deal size of ${client}: ${pattern}`);
      for (const phone of new Set(phonesIn(res.body))) {
        const client = secret.get(phone);
        if (client !== undefined) leaks.push(`${path} (${res.status}) shows the phone of ${client}`);
        if (phone === demoContact(ownClient).phone) ownPhoneSeen = true;
      }
      const next = res.location === null ? [] : [res.location];
      if (res.type.includes('text/html')) next.push(...[...res.body.matchAll(/href="([^"]+)"/g)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&')));
      for (const link of next) {
        const url = new URL(link, base);
        if (url.origin !== base || url.pathname.startsWith('/_next/') || /\.(svg|ico|png|css|js)$/.test(url.pathname)) continue;
        const target = `${url.pathname}${url.search}`;
        if (!seen.has(target)) queue.push(target);
      }
    }
    expect(leaks).toEqual([]);
    // Least privilege: another rep's client is refused outright (no tier, owner, decisions or deal size).
    expect(statuses).toContain(`403 /clients/${otherClient}`);
    expect(statuses).toContain(`403 /api/clients/${otherClient}`);
    // The crawl did reach the data: rep1's pages and handlers answered, and its own client's phone was shown to it.
    expect(statuses).toContain(`200 /clients/${ownClient}`);
    expect(statuses).toContain('200 /me');
    expect(ownPhoneSeen).toBe(true);
    expect(seen.size).toBeGreaterThan(routes.length);
    // Nothing rep1 did unmasked another rep's client: the access log holds only its own client's views.
    const log = await api(base, cookie['auditor'] ?? '', 'GET', '/api/access-log?actor=rep1&action=contact.view&limit=1000');
    const logged = (log.body['items'] as { clientId: string }[]).map((e) => e.clientId);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.every((c) => owners.get(c) === REP1_STAFF)).toBe(true);
  }, 900_000);

  it('an approved request unmasks the client for rep1, logged; revoked, it is masked again', async () => {
    const rep1 = cookie['rep1'] ?? '';
    const phone = demoContact(otherClient).phone;
    const asked = await api(base, rep1, 'POST', '/api/access-requests', { clientId: otherClient, reason: '客户来电，需要回拨' });
    expect(asked.status).toBe(201);
    const id = (asked.body['request'] as { id: number }).id;
    // Still masked while pending, and rep1 cannot approve it.
    expect((await get(`/api/clients/${otherClient}`, 'rep1')).body).not.toContain(phone);
    expect((await api(base, rep1, 'POST', `/api/access-requests/${id}/approve`, { hours: 24 })).status).toBe(403);
    const toDecide = (await api(base, cookie['manager'] ?? '', 'GET', '/api/access-requests')).body['toDecide'] as { id: number }[];
    expect(toDecide.map((r) => r.id)).toContain(id);
    const approved = await api(base, cookie['manager'] ?? '', 'POST', `/api/access-requests/${id}/approve`, { hours: 2, comment: 'ok' });
    expect(approved.status).toBe(200);

    const byApi = await api(base, rep1, 'GET', `/api/clients/${otherClient}`);
    expect((byApi.body['client'] as { contact: { phone: string; masked: boolean } }).contact).toMatchObject({ phone, masked: false });
    // The grant opens the contact, and only that: no tier, owner or decisions of another rep's client.
    expect(byApi.body).toMatchObject({ scope: 'contact', decisions: [], client: { tier: null, ownerId: null } });
    const page = await get(`/clients/${otherClient}`, 'rep1');
    expect(page.status).toBe(200);
    expect(page.body).toContain(phone);
    // Another of rep2's clients stays masked.
    const second = [...owners].find(([c, o]) => o === REP2_STAFF && c !== otherClient)?.[0] ?? '';
    expect((await get(`/api/clients/${second}`, 'rep1')).body).not.toContain(demoContact(second).phone);

    const log = await api(base, cookie['auditor'] ?? '', 'GET', `/api/access-log?actor=rep1&clientId=${otherClient}`);
    expect(log.status).toBe(200);
    const views = (log.body['items'] as { actor: string; clientId: string; action: string }[]).filter((e) => e.action === 'contact.view');
    expect(views).toHaveLength(2);
    expect(views.every((e) => e.actor === 'rep1' && e.clientId === otherClient)).toBe(true);
    const logPage = await get(`/access-log?actor=rep1&clientId=${otherClient}&action=contact.view`, 'auditor');
    expect(logPage.status).toBe(200);
    expect(logPage.body).toContain(otherClient);
    expect(logPage.body).not.toContain(phone);
    expect((await get('/api/access-log', 'rep1')).status).toBe(403);

    // The owner sees its own client unmasked, and that view is logged as theirs.
    const owner = await api(base, cookie['rep2'] ?? '', 'GET', `/api/clients/${otherClient}`);
    expect((owner.body['client'] as { contact: { phone: string; masked: boolean } }).contact).toMatchObject({ phone, masked: false });
    const ownerLog = await api(base, cookie['auditor'] ?? '', 'GET', `/api/access-log?actor=rep2&clientId=${otherClient}&action=contact.view`);
    expect(ownerLog.body['items']).toHaveLength(1);

    // Revoked by rep1 itself: masked again at once.
    expect((await api(base, rep1, 'POST', `/api/access-requests/${id}/revoke`, {})).status).toBe(200);
    for (const path of [`/api/clients/${otherClient}`, `/clients/${otherClient}`]) {
      const res = await get(path, 'rep1');
      expect(res.status, path).toBe(403);
      expect(res.body, path).not.toContain(phone);
    }
    const mine = (await api(base, rep1, 'GET', '/api/access-requests')).body['mine'] as { id: number; status: string }[];
    expect(mine.find((r) => r.id === id)?.status).toBe('revoked');
  }, 300_000);
});
