import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { parseEvents, simulate, validatePolicy } from '@allot/engine';
import type { Decision, Policy } from '@allot/engine';
import { api, REPO, signIn, startAdmin } from './admin-server.js';
import type { AdminServer } from './admin-server.js';
import { hasChromium, launchChromium, openSession, step } from './browser.js';
import type { Session } from './browser.js';

/**
 * 我的状态 and the penalty notice in Chromium, on a desktop (1440×900) and a phone (390×844):
 * rep1 (黎琳晨, s0006) sees each of her pauses, bans and hotline bans with the cause events the
 * engine gives for her on examples/history.jsonl (simulated here from the files, not read from
 * the app); a direct lead assigned to her now counts down D1's window; none of her pages is
 * wider than the phone; her notice prints on one A4 page; the auditor finds her by name.
 */

const REP1 = 's0006';
const SANCTIONS = ['staff.paused', 'staff.banned', 'staff.hotline_banned', 'staff.termination_review'];
const policy = ((): Policy => {
  const checked = validatePolicy(JSON.parse(readFileSync(join(REPO, 'policies', 'sales-resource', '1.0.0.json'), 'utf8')));
  if (!checked.ok) throw new Error('seed policy invalid');
  return checked.policy as Policy;
})();
const decided: Decision[] = simulate(policy, parseEvents(readFileSync(join(REPO, 'examples', 'history.jsonl'), 'utf8')).events);
const rep1Sanctions = decided.filter((d) => SANCTIONS.includes(d.kind) && 'staffId' in d && d.staffId === REP1);

const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

let server: AdminServer;
let browser: Browser;
/** Events the tests add to the history through `POST /api/events`. */
const added: Record<string, unknown>[] = [];
const sessions: Session[] = [];

async function signInAs(page: Page, username: string, lands: string): Promise<void> {
  await page.goto(`${server.baseUrl}/sign-in`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', 'allot-demo');
  await Promise.all([page.waitForURL(`**${lands}`), page.click('[data-testid=sign-in-submit]')]);
}

/** The browser's document, as far as these checks read it (the test is compiled without the DOM library). */
type Doc = { documentElement: { scrollWidth: number; clientWidth: number }; querySelector(selector: string): { textContent: string | null } | null };

/** The page's width beyond the viewport (0: no horizontal overflow). */
const overflow = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const d = (globalThis as unknown as { document: Doc }).document.documentElement;
    return d.scrollWidth - d.clientWidth;
  });

describe.skipIf(!hasChromium() && process.env['CI'] === undefined)('我的状态 and the penalty notice in Chromium', () => {
  beforeAll(async () => {
    server = await startAdmin();
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('rep1 sees her pauses and bans with the engine’s causes, at one stated instant, on a desktop and a phone', async () => {
    expect(rep1Sanctions.length).toBeGreaterThan(0);
    const cookie = await signIn(server.baseUrl, 'rep1');
    const me = (await api(server.baseUrl, cookie, 'GET', '/api/me')).body as { instant: { at: string; source: string }; status: { pausesLeft: number; banned: boolean; eligible: boolean } };
    expect(me.instant.source).toBe('runtime');
    for (const vp of VIEWPORTS) {
      const s = await openSession(browser);
      sessions.push(s);
      await s.page.setViewportSize({ width: vp.width, height: vp.height });
      await step(`rep1-me-${vp.name}`, sessions, async () => {
        // A rep lands on her own status.
        await signInAs(s.page, 'rep1', '/me');
        expect(await s.page.textContent('[data-testid=me-name]')).toContain('黎琳晨');
        expect(await s.page.getAttribute('[data-testid=stated-instant]', 'data-at')).toBe(me.instant.at);
        const eligible = await s.page.getAttribute('[data-testid=can-get-leads]', 'data-eligible');
        expect(eligible).toBe(String(me.status.eligible));
        if (me.status.banned) expect(eligible).toBe('false');
        const shown = await s.page.locator('[data-testid=sanction]').evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-decision'), kind: e.getAttribute('data-kind'), causes: [...e.querySelectorAll('[data-event]')].map((c) => c.getAttribute('data-event')) })));
        expect(shown.map((x) => x.id).sort()).toEqual(rep1Sanctions.map((d) => d.id).sort());
        for (const d of rep1Sanctions) {
          const card = shown.find((x) => x.id === d.id);
          expect(card?.kind).toBe(d.kind);
          expect(card?.causes.sort()).toEqual([...d.cause].sort());
        }
        expect(Number(await s.page.getAttribute('[data-testid=pauses]', 'data-left'))).toBe(me.status.pausesLeft);
        // The pause's rule, in plain words, and its clause.
        const pause = rep1Sanctions.find((d) => d.kind === 'staff.paused');
        if (pause !== undefined) {
          const card = s.page.locator(`[data-testid=sanction][data-decision="${pause.id}"]`);
          await card.locator('summary').click();
          expect(await card.locator('[data-testid=clause]').textContent()).toContain('3.6.7');
        }
        expect(await overflow(s.page)).toBeLessThanOrEqual(0);
        expect(s.errors).toEqual([]);
      });
    }
  }, 300_000);

  it('a direct lead assigned to her now counts down D1’s 10 minutes, soonest first', async () => {
    const admin = await signIn(server.baseUrl, 'admin');
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 - 3000).toISOString();
    const events = [
      { id: 'me-e2e-lead', type: 'lead.received', at, clientId: 'c-me-e2e', channel: 'hotline400', receptionistId: 's0012', expectedDealFen: 1_000_000 },
      { id: 'me-e2e-assign', type: 'lead.assigned', at, clientId: 'c-me-e2e', staffId: REP1, mode: 'direct', by: 's0022' },
    ];
    const ingested = await api(server.baseUrl, admin, 'POST', '/api/events', events);
    expect(ingested.status, JSON.stringify(ingested.body).slice(0, 300)).toBe(200);
    added.push(...events);
    const s = sessions[sessions.length - 1] as Session;
    await step('rep1-countdown', sessions, async () => {
      await s.page.goto(`${server.baseUrl}/me`);
      const first = s.page.locator('[data-testid=deadline]').first();
      expect(await first.getAttribute('data-rule')).toBe('D1');
      expect(await first.getAttribute('data-client')).toBe('c-me-e2e');
      // The stated instant is the runtime's time: the assignment; D1 allows 10 minutes from it.
      expect(await s.page.getAttribute('[data-testid=stated-instant]', 'data-at')).toBe(at.replace(/\.\d{3}Z$/, '.000Z'));
      expect(Number(await first.locator('[data-testid=countdown]').getAttribute('data-ms-left'))).toBe(10 * 60_000);
      expect(Date.parse((await first.getAttribute('data-due')) ?? '')).toBe(Date.parse(at) + 10 * 60_000);
      const before = (await first.locator('[data-testid=countdown]').textContent()) ?? '';
      expect(before).toMatch(/^(10 分 0 秒|9 分 5\d 秒)$/);
      await s.page.waitForFunction((text) => (globalThis as unknown as { document: Doc }).document.querySelector('[data-testid=countdown]')?.textContent !== text, before, { timeout: 5000 });
      expect(await first.locator('[data-testid=countdown]').textContent()).toMatch(/^9 分 5\d 秒$/);
      const lefts = await s.page.locator('[data-testid=deadline] [data-testid=countdown]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-ms-left'))));
      expect([...lefts].sort((a, b) => a - b)).toEqual(lefts);
    });
  }, 120_000);

  it('no page of hers is wider than a 390 px phone; the menu folds; her phone numbers are tap-to-call', async () => {
    const s = sessions[sessions.length - 1] as Session;
    const cookie = await signIn(server.baseUrl, 'rep1');
    // Her clients with a contact on file (the lead assigned above has none).
    const own = ((await api(server.baseUrl, cookie, 'GET', '/api/clients?limit=50')).body['items'] as { clientId: string; contact: unknown }[])
      .filter((c) => c.contact !== null)
      .slice(0, 3)
      .map((c) => c.clientId);
    expect(own.length).toBe(3);
    const notice = rep1Sanctions[0]?.id ?? '';
    await step('rep1-phone-pages', sessions, async () => {
      for (const path of ['/me', '/clients', ...own.map((c) => `/clients/${c}`), '/access-requests', `/notices/${encodeURIComponent(notice)}`]) {
        await s.page.goto(`${server.baseUrl}${path}`);
        expect(await overflow(s.page), path).toBeLessThanOrEqual(0);
      }
      await s.page.goto(`${server.baseUrl}/clients/${own[0] ?? ''}`);
      const tel = await s.page.getAttribute('[data-testid=tel-link]', 'href');
      expect(tel).toMatch(/^tel:\+?\d{7,}$/);
      // The navigation folds behind the menu button and opens with it.
      expect(await s.page.isVisible('header nav')).toBe(false);
      await s.page.click('[data-testid=nav-toggle]');
      expect(await s.page.isVisible('header nav a[href="/me"]')).toBe(true);
    });
  }, 120_000);

  it('her penalty notice prints on one page, names her, the rule, the clause and the policy hash', async () => {
    const s = sessions[0] as Session;
    const d = rep1Sanctions[0] as Decision;
    await step('rep1-notice', sessions, async () => {
      await s.page.goto(`${server.baseUrl}/notices/${encodeURIComponent(d.id)}`);
      expect(await s.page.textContent('[data-testid=notice-person]')).toContain('黎琳晨');
      expect(await s.page.textContent('[data-testid=notice-hash]')).toBe(d.policy.hash);
      expect((await s.page.locator('[data-testid=notice-causes] li').count())).toBe(d.cause.length);
      await s.page.emulateMedia({ media: 'print' });
      expect(await s.page.isVisible('header')).toBe(false);
      const pdf = await s.page.pdf({ format: 'A4', printBackground: false });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBe(1);
      await s.page.emulateMedia({ media: 'screen' });
    });
    // rep2 may not read it.
    const rep2 = await signIn(server.baseUrl, 'rep2');
    const res = await fetch(`${server.baseUrl}/notices/${encodeURIComponent(d.id)}`, { headers: { cookie: rep2 }, redirect: 'manual' });
    expect(res.status).toBe(403);
  }, 120_000);

  it('the auditor finds a person by Chinese name in the audit explorer, the people list and the access log', async () => {
    const s = await openSession(browser);
    sessions.push(s);
    await s.page.setViewportSize({ width: 1440, height: 900 });
    await step('auditor-finds-by-name', sessions, async () => {
      await signInAs(s.page, 'auditor', '/policies');
      await s.page.goto(`${server.baseUrl}/audit`);
      await s.page.fill('[data-testid=filter-staff]', '黎琳晨');
      await Promise.all([s.page.waitForURL('**/audit?**'), s.page.click('[data-testid=audit-search] button[type=submit]')]);
      expect(await s.page.textContent('[data-testid=staff-resolved]')).toContain(REP1);
      expect(await s.page.locator('[data-testid=audit-errors]').count()).toBe(0);
      const rows = await s.page.locator('[data-testid=audit-results] tbody tr').count();
      expect(rows).toBeGreaterThan(0);
      expect(await s.page.textContent('[data-testid=audit-results]')).toContain('黎琳晨');
      await s.page.goto(`${server.baseUrl}/people?q=${encodeURIComponent('黎琳晨')}`);
      expect(await s.page.locator('[data-testid=people] tbody tr').count()).toBe(1);
      expect(await s.page.getAttribute('[data-testid=people] tbody tr', 'data-staff')).toBe(REP1);
      // The access log by a user's name: rep1 (黎琳晨) viewed her own clients' contacts above.
      await s.page.goto(`${server.baseUrl}/access-log?actor=${encodeURIComponent('黎琳晨')}`);
      expect(await s.page.locator('[data-testid=access-log] tbody tr').count()).toBeGreaterThan(0);
      expect(s.errors).toEqual([]);
    });
  }, 120_000);

  it('a violation bans her: the page says she cannot get leads, until when, and why, as the engine decides', async () => {
    const admin = await signIn(server.baseUrl, 'admin');
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 - 1000).toISOString();
    const violation = { id: 'me-e2e-violation', type: 'violation', at, staffId: REP1, severity: 'normal', note: '会议缺席未请假' };
    const ingested = await api(server.baseUrl, admin, 'POST', '/api/events', [violation]);
    expect(ingested.status, JSON.stringify(ingested.body).slice(0, 300)).toBe(200);
    added.push(violation);
    const history = `${readFileSync(join(REPO, 'examples', 'history.jsonl'), 'utf8').trim()}\n${added.map((e) => JSON.stringify(e)).join('\n')}`;
    const expected = simulate(policy, parseEvents(history).events).filter((d) => SANCTIONS.includes(d.kind) && 'staffId' in d && d.staffId === REP1);
    const ban = expected.find((d): d is Extract<Decision, { kind: 'staff.banned' }> => d.kind === 'staff.banned');
    expect(ban?.cause).toContain('me-e2e-violation');
    for (const s of sessions.slice(0, 2)) {
      await step('rep1-banned', sessions, async () => {
        await s.page.goto(`${server.baseUrl}/me`);
        expect(await s.page.getAttribute('[data-testid=can-get-leads]', 'data-eligible')).toBe('false');
        expect(await s.page.textContent('[data-testid=can-get-leads]')).toContain('停止分配至');
        const shown = await s.page.locator('[data-testid=sanction]').evaluateAll((els) => els.map((e) => ({ id: e.getAttribute('data-decision'), running: e.getAttribute('data-running'), causes: [...e.querySelectorAll('[data-event]')].map((c) => c.getAttribute('data-event')) })));
        expect(shown.map((x) => x.id).sort()).toEqual(expected.map((d) => d.id).sort());
        const card = shown.find((x) => x.id === ban?.id);
        expect(card?.running).toBe('true');
        expect(card?.causes.sort()).toEqual([...(ban?.cause ?? [])].sort());
        expect(await s.page.textContent(`[data-testid=sanction][data-decision="${ban?.id ?? ''}"]`)).toContain('会议缺席未请假');
        expect(await overflow(s.page)).toBeLessThanOrEqual(0);
      });
    }
  }, 120_000);
});
