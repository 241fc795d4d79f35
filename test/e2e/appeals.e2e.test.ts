import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, signIn, startAdmin } from './admin-server.js';
import type { AdminServer } from './admin-server.js';
import { hasChromium, launchChromium, openSession, SCREENSHOTS, step } from './browser.js';
import type { Session } from './browser.js';

/**
 * Appeals in a real browser: a late ABCD table fines rep1 (s0006) 20元; rep1 appeals it from
 * /appeals/new?decision=<id>; the manager overturns it in the /appeals inbox with a reason; the
 * fine leaves rep1's status and month fines; the auditor's decision page shows the chain
 * (appealed, decided, superseded by the decision event). Screenshots at 1440×900 and 390×844.
 */

const REP1 = 's0006';
let server: AdminServer;
let browser: Browser;
const sessions: Session[] = [];

async function sessionAs(base: string, username: string): Promise<Session> {
  const s = await openSession(browser);
  sessions.push(s);
  const cookie = await signIn(base, username);
  const [name, ...rest] = cookie.split(';')[0]?.split('=') ?? [];
  await s.context.addCookies([{ name: name ?? '', value: rest.join('='), url: base }]);
  return s;
}

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const [w, h] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: join(SCREENSHOTS, `appeals-${name}-${w}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe.skipIf(!hasChromium() && process.env['CI'] === undefined)('appeals in Chromium', () => {
  beforeAll(async () => {
    server = await startAdmin();
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a rep appeals a fine, the manager overturns it with a reason, the status and the audit chain agree', async () => {
    const base = server.baseUrl;
    const admin = await signIn(base, 'admin');
    const manager = await signIn(base, 'manager');
    const at = new Date(Date.now() - 60_000).toISOString();
    const late = { id: `appeals-e2e-late-${Date.now()}`, type: 'entry.late', at, staffId: REP1, form: 'abcd_table' };
    const ingested = await api(base, admin, 'POST', '/api/events', [late]);
    expect(ingested.status, JSON.stringify(ingested.body).slice(0, 500)).toBe(200);
    const fine = (ingested.body['decisions'] as { id: string; kind: string; amountFen: number }[]).find((d) => d.kind === 'staff.fined');
    expect(fine?.amountFen).toBe(2000);
    const decisionId = fine?.id ?? '';
    const finesBefore = ((await api(base, manager, 'GET', `/api/people/${REP1}`)).body as { finesThisMonth: { fen: number } }).finesThisMonth.fen;

    const rep = await sessionAs(base, 'rep1');
    await step('rep-appeals', sessions, async () => {
      await rep.page.goto(`${base}/appeals/new?decision=${encodeURIComponent(decisionId)}`);
      expect(await rep.page.textContent('[data-testid=appeal-decision]')).toContain('20.00');
      await rep.page.fill('[data-testid=appeal-reason]', '系统故障，表格保存失败，有截图为证');
      await rep.page.click('[data-testid=appeal-submit]');
      await rep.page.waitForSelector('[data-testid=appeal-answers] li[data-event^="appeal-"]');
      expect(await rep.page.textContent('[data-testid=appeal-status]')).toContain('申诉中');
      await shoot(rep.page, 'rep-appealed');
    });

    // Another rep's decision is not shown to rep1.
    await step('rep-cannot-see-others', sessions, async () => {
      await rep.page.goto(`${base}/appeals/new?decision=${encodeURIComponent('e0000080#1')}`);
      await rep.page.waitForSelector('[data-testid=appeal-missing]');
    });

    const boss = await sessionAs(base, 'manager');
    await step('manager-overturns', sessions, async () => {
      await boss.page.goto(`${base}/appeals`);
      const row = boss.page.locator(`[data-testid=appeals-inbox] article[data-decision="${decisionId}"]`);
      await row.waitFor();
      expect(await row.textContent()).toContain('系统故障');
      await shoot(boss.page, 'manager-inbox');
      // The reason is required: the buttons stay disabled until one is given.
      expect(await row.locator('[data-testid=overturn]').isDisabled()).toBe(true);
      await row.locator('[data-testid=decide-reason]').fill('IT 工单证实当天系统故障');
      await row.locator('[data-testid=overturn]').click();
      await row.waitFor({ state: 'detached' });
    });

    await step('status-updates', sessions, async () => {
      const person = (await api(base, manager, 'GET', `/api/people/${REP1}`)).body as { finesThisMonth: { fen: number } };
      expect(person.finesThisMonth.fen).toBe(finesBefore - 2000);
      const inForce = await api(base, admin, 'GET', `/api/decisions?staffId=${REP1}&limit=1000`);
      const items = (inForce.body['items'] as { decision: { id: string; kind: string; decisionId?: string } }[]) ?? [];
      expect(items.some((r) => r.decision.kind === 'decision.superseded' && r.decision.decisionId === decisionId)).toBe(true);
      await rep.page.goto(`${base}/appeals/new?decision=${encodeURIComponent(decisionId)}`);
      expect(await rep.page.textContent('[data-testid=appeal-status]')).toContain('已被取代');
      expect(await rep.page.textContent('[data-testid=superseded-by]')).toContain('appeal-decided-');
      await shoot(rep.page, 'rep-overturned');
    });

    // A dismissal without an appeal: a second late entry, set aside by the manager from the inbox.
    await step('manager-dismisses', sessions, async () => {
      const second = { id: `appeals-e2e-late2-${Date.now()}`, type: 'entry.late', at: new Date(Date.now() - 30_000).toISOString(), staffId: REP1, form: 'visit_register' };
      const made = await api(base, admin, 'POST', '/api/events', [second]);
      const fine2 = (made.body['decisions'] as { id: string; kind: string }[]).find((d) => d.kind === 'staff.fined');
      await boss.page.goto(`${base}/appeals`);
      await boss.page.fill('[data-testid=dismiss-form] [data-testid=dismiss-decision]', fine2?.id ?? '');
      await boss.page.fill('[data-testid=dismiss-form] [data-testid=dismiss-reason]', '登记表当天停用');
      await boss.page.click('[data-testid=dismiss-form] [data-testid=dismiss]');
      await boss.page.waitForSelector('[data-testid=dismiss-form] .notice:not(.error)');
      const person = (await api(base, manager, 'GET', `/api/people/${REP1}`)).body as { finesThisMonth: { fen: number } };
      expect(person.finesThisMonth.fen).toBe(finesBefore - 2000);
    });

    const auditor = await sessionAs(base, 'auditor');
    await step('auditor-sees-the-chain', sessions, async () => {
      await auditor.page.goto(`${base}/audit/decisions/${encodeURIComponent(decisionId)}`);
      const history = auditor.page.locator('[data-testid=appeal-history]');
      await history.waitFor();
      const text = (await history.textContent()) ?? '';
      expect(text).toContain('提出申诉');
      expect(text).toContain('申诉决定');
      expect(text).toContain('IT 工单证实当天系统故障');
      expect(await auditor.page.textContent('[data-testid=superseded-by]')).toContain('appeal-decided-');
      await shoot(auditor.page, 'auditor-chain');
      // The decision log lists the supersession, and leaves it out "in force only".
      await auditor.page.goto(`${base}/decisions?staffId=${REP1}&kind=decision.superseded`);
      expect(await auditor.page.textContent('[data-testid=decisions]')).toContain(decisionId);
      await auditor.page.goto(`${base}/decisions?staffId=${REP1}&kind=decision.superseded&inForce=true`);
      expect(await auditor.page.isChecked('[data-testid=in-force]')).toBe(true);
      expect(await auditor.page.textContent('[data-testid=decisions]')).not.toContain(decisionId);
      const verify = await api(base, await signIn(base, 'auditor'), 'POST', '/api/audit/verify', {});
      expect(verify.status).toBe(200);
      expect((verify.body['report'] as { ok?: boolean } | undefined)?.ok ?? verify.body['ok']).toBe(true);
    });

    for (const s of sessions) expect(s.errors, 'browser errors').toEqual([]);
  }, 300_000);
});
