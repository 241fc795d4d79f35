import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { api, signIn, startAdmin } from './admin-server.js';
import type { AdminServer } from './admin-server.js';
import { hasChromium, launchChromium, openSession, signInUi, step } from './browser.js';
import type { Session } from './browser.js';

/**
 * The flow in a real browser (Debian's Chromium through playwright-core): HR changes a
 * fine in the form, a manager approves and publishes it, and the runtime decides later events
 * under the new version; then two browsers save the same draft.
 */

const P = '/api/policies/sales-resource';
let server: AdminServer;
let browser: Browser;
const sessions: Session[] = [];

const open = async (): Promise<Session> => {
  const s = await openSession(browser);
  sessions.push(s);
  return s;
};

describe.skipIf(!hasChromium() && process.env['CI'] === undefined)('admin app in Chromium', () => {
  beforeAll(async () => {
    server = await startAdmin();
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('HR changes the late-entry fine to 50元; a manager approves and publishes it; later events are decided under it', async () => {
    const base = server.baseUrl;
    const hr = await open();
    const { page } = hr;

    await step('hr-signs-in', [hr], async () => {
      await signInUi(page, base, 'hr');
      expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
      await expect.poll(() => page.textContent('[data-testid=who]')).toContain('人事');
    });

    await step('hr-creates-draft', [hr], async () => {
      await Promise.all([page.waitForURL('**/1.1.0/edit'), page.click('[data-testid=new-draft]')]);
      await page.waitForSelector('[data-testid=policy-form]');
    });

    const fine = page.locator('[data-testid="field-rules.F1.fineFen"]');
    const fineError = page.locator('[data-testid="error-rules.F1.fineFen"]');
    await step('hr-sees-validation-error', [hr], async () => {
      expect(await fine.inputValue()).toBe('20');
      await fine.fill('-5');
      await fineError.waitFor();
      expect(await fineError.textContent()).toContain('不能为负数');
      expect(await fine.getAttribute('aria-invalid')).toBe('true');
    });

    await step('hr-saves-50', [hr], async () => {
      await fine.fill('50');
      await fineError.waitFor({ state: 'detached' });
      await page.click('[data-testid=save]');
      await page.waitForSelector('[data-testid=editor-notice][data-kind=ok]');
      expect(await page.textContent('[data-testid=editor-notice]')).toContain('已保存');
    });

    await step('hr-sees-5000-fen-in-json', [hr], async () => {
      await page.click('[data-testid=view-json]');
      await page.waitForSelector('[data-testid=json-view] .monaco-editor .view-lines');
      // Runs in the page: Monaco's API is on `window.monaco` (as in Monaco's own AMD build).
      const models = await page.evaluate(() => (globalThis as unknown as { monaco: { editor: { getModels(): { getValue(): string }[] } } }).monaco.editor.getModels().map((m) => m.getValue()));
      const doc = JSON.parse(models.find((m) => m.includes('"sales-resource"')) ?? '{}') as { version: string; rules: { F1: { fineFen: number } } };
      expect(doc.version).toBe('1.1.0');
      expect(doc.rules.F1.fineFen).toBe(5000);
      // And on screen: the editor can find the line.
      await page.click('[data-testid=json-view] .monaco-editor .view-lines');
      await page.keyboard.press('Control+F');
      await page.keyboard.type('"fineFen": 5000');
      // Monaco renders spaces as no-break spaces.
      await expect.poll(async () => (await page.locator('[data-testid=json-view] .monaco-editor .view-lines').innerText()).replace(/\u00a0/g, ' ')).toContain('"fineFen": 5000');
      await page.keyboard.press('Escape');
    });

    await step('hr-submits', [hr], async () => {
      await page.click('[data-testid=view-form]');
      await page.fill('[data-testid=editor-submit-note]', 'ABCD 统筹表迟录罚款由 20 元提高到 50 元');
      await Promise.all([page.waitForURL('**/policies/sales-resource/1.1.0'), page.click('[data-testid=editor-submit]')]);
      await page.waitForSelector('[data-testid=status-badge][data-standing=submitted]');
    });

    await step('hr-cannot-approve', [hr], async () => {
      expect(await page.locator('[data-testid=approve-button]').count()).toBe(0);
      const version = await page.request.get(`${base}${P}/versions/1.1.0`);
      const revision = ((await version.json()) as { version: { revision: number } }).version.revision;
      const res = await page.request.post(`${base}${P}/versions/1.1.0/approve`, { headers: { origin: base }, data: { comment: 'self', revision } });
      expect(res.status()).toBe(403);
    });

    const manager = await open();
    const m = manager.page;
    await step('manager-reviews', [hr, manager], async () => {
      await signInUi(m, base, 'manager');
      await m.goto(`${base}/policies/sales-resource/1.1.0`);
      const diffRow = m.locator('[data-testid=diff-view] tr[data-pointer="/rules/F1/fineFen"]');
      expect(await diffRow.getAttribute('data-kind')).toBe('changed');
      expect(await diffRow.innerText()).toMatch(/20 元\/次[\s\S]*50 元\/次/);
      await m.waitForSelector('[data-testid=approval-impact]');
      const delta = await m.textContent('[data-testid=approval-impact] [data-testid=whatif-delta-finesFen]');
      expect(delta).toMatch(/^\+/);
      expect(await m.textContent('[data-testid=approval-impact-differing]')).toMatch(/\d+ 条决定不同/);
    });

    await step('manager-approves-and-publishes', [hr, manager], async () => {
      await m.fill('[data-testid=approve-comment]', '同意');
      await m.click('[data-testid=approve-button]');
      await m.waitForSelector('[data-testid=status-badge][data-standing=approved]');
      await m.click('[data-testid=publish-now]');
      await m.click('[data-testid=publish-button]');
      expect(await m.textContent('[data-testid=publish-summary]')).toMatch(/将立即生效（.*（北京时间））/);
      await m.click('[data-testid=publish-confirm-button]');
      await m.waitForSelector('[data-testid=status-badge][data-standing=in_force]');
      expect(await m.textContent('[data-testid=workflow-success]')).toContain('已发布 1.1.0');
      const actions = await m.locator('[data-testid=audit-table] tr[data-action]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
      expect(actions).toEqual(['publish', 'approve', 'submit', 'save', 'create']);
    });

    await step('english-one-click-away', [hr, manager], async () => {
      await Promise.all([m.waitForURL('**/policies/sales-resource/1.1.0'), m.click('[data-testid=switch-lang]')]);
      await expect.poll(() => m.getAttribute('html', 'lang')).toBe('en');
      expect(await m.textContent('[data-testid=status-badge]')).toBe('In force');
    });

    await step('events-decided-by-effective-time', [hr, manager], async () => {
      const admin = await signIn(base, 'admin');
      const v = await api(base, admin, 'GET', `${P}/versions/1.1.0`);
      const effective = Date.parse((v.body['version'] as { effectiveFrom: string }).effectiveFrom);
      const events = [
        { id: 'e2e-late-before', type: 'entry.late', at: new Date(effective - 60_000).toISOString(), staffId: 's0002', form: 'abcd_table' },
        { id: 'e2e-late-after', type: 'entry.late', at: new Date(effective + 1_000).toISOString(), staffId: 's0002', form: 'abcd_table' },
      ];
      const res = await api(base, admin, 'POST', '/api/events', events);
      expect(res.status).toBe(200);
      const fines = (res.body['decisions'] as { kind: string; cause: string[]; amountFen: number; policy: { version: string } }[]).filter((d) => d.kind === 'staff.fined');
      const by = (id: string) => fines.find((d) => d.cause.includes(id));
      expect(by('e2e-late-before')).toMatchObject({ amountFen: 2000, policy: { version: '1.0.0' } });
      expect(by('e2e-late-after')).toMatchObject({ amountFen: 5000, policy: { version: '1.1.0' } });
    });

    expect(hr.errors).toEqual([]);
    expect(manager.errors).toEqual([]);
  }, 180_000);

  it('two browsers save the same draft: the second gets the conflict message and loses nothing', async () => {
    const base = server.baseUrl;
    const hrCookie = await signIn(base, 'hr');
    const created = await api(base, hrCookie, 'POST', `${P}/drafts`, { from: '1.1.0' });
    expect(created.status).toBe(200);
    const version = (created.body['version'] as { version: string }).version;
    const a = await open();
    const b = await open();
    const edit = `${base}/policies/sales-resource/${version}/edit`;

    await step('both-open-the-draft', [a, b], async () => {
      await signInUi(a.page, base, 'hr');
      await signInUi(b.page, base, 'hr2');
      await a.page.goto(edit);
      await b.page.goto(edit);
      await a.page.waitForSelector('[data-testid=policy-form]');
      await b.page.waitForSelector('[data-testid=policy-form]');
    });

    await step('first-saves', [a, b], async () => {
      await a.page.fill('[data-testid="field-rules.F2.fineFen"]', '30');
      await a.page.click('[data-testid=save]');
      await a.page.waitForSelector('[data-testid=editor-notice][data-kind=ok]');
    });

    const minutes = b.page.locator('[data-testid="field-rules.D1.windowMinutes"]');
    await step('second-gets-the-conflict', [a, b], async () => {
      await minutes.fill('15');
      await b.page.click('[data-testid=save]');
      await b.page.waitForSelector('[data-testid=conflict-panel]');
      expect(await b.page.textContent('[data-testid=conflict-message]')).toContain('在您打开之后保存了此草稿');
      // Both versions are shown: theirs (F2 30元, D1 10 min) and mine (F2 20元, D1 15 min).
      const f2 = b.page.locator('[data-testid=conflict-panel] tr[data-pointer="/rules/F2/fineFen"]');
      expect(await f2.innerText()).toMatch(/30 元\/次[\s\S]*20 元\/次/);
      const d1 = b.page.locator('[data-testid=conflict-panel] tr[data-pointer="/rules/D1/windowMinutes"]');
      expect(await d1.innerText()).toMatch(/10 分钟[\s\S]*15 分钟/);
      // Nothing lost: the second browser still holds its edit.
      expect(await minutes.inputValue()).toBe('15');
      const stored = await api(base, hrCookie, 'GET', `${P}/versions/${version}`);
      const content = stored.body['content'] as { rules: { F2: { fineFen: number }; D1: { windowMinutes: number } } };
      expect(content.rules.F2.fineFen).toBe(3000);
      expect(content.rules.D1.windowMinutes).toBe(10);
    });

    await step('second-saves-over-knowingly', [a, b], async () => {
      await b.page.click('[data-testid=conflict-keep-mine]');
      await b.page.waitForSelector('[data-testid=conflict-panel]', { state: 'detached' });
      await b.page.waitForSelector('[data-testid=editor-notice][data-kind=ok]');
      const stored = await api(base, hrCookie, 'GET', `${P}/versions/${version}`);
      expect((stored.body['content'] as { rules: { D1: { windowMinutes: number } } }).rules.D1.windowMinutes).toBe(15);
      expect((stored.body['version'] as { revision: number }).revision).toBe(3);
    });

    expect(a.errors).toEqual([]);
    expect(b.errors.filter((e) => !e.includes('409'))).toEqual([]);
  }, 120_000);
});
