import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, signIn, startAdmin } from './admin-server.js';
import type { AdminServer } from './admin-server.js';
import { hasChromium, launchChromium, openSession, SCREENSHOTS, signInUi, step } from './browser.js';
import type { Session } from './browser.js';

/**
 * HR reads the policy in force, prints it, and adds a fine of her own without touching JSON:
 * a new incident code and a per-occurrence rule (晨会迟到 30 元/次), a tier E, D1 in working
 * minutes with a business calendar; the verifier warns beside the field and in the save bar's
 * problem list; a reload with unsaved changes asks first. The manager sees the structural
 * change, runs what-if, publishes; an incident sent through /api/v1/events is fined 30元 by the
 * new rule.
 */

const BASE_V = '1.0.0';
let server: AdminServer;
let browser: Browser;
const sessions: Session[] = [];

const open = async (locale = 'zh-CN'): Promise<Session> => {
  const s = await openSession(browser, locale);
  sessions.push(s);
  return s;
};

const shot = async (page: Page, name: string): Promise<void> => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const [w, h] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${w}.png`), fullPage: false });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
};

/** The index of a rule in the editor, by its id. */
const ruleIndex = async (page: Page, id: string): Promise<number> =>
  page.locator('[data-testid=policy-editor] section.rule-v2').evaluateAll((cards, want) => cards.findIndex((c) => c.getAttribute('data-rule') === want), id);

describe.skipIf(!hasChromium() && process.env['CI'] === undefined)('HR adds rules from the catalogue (Chromium)', () => {
  beforeAll(async () => {
    server = await startAdmin();
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('reads and prints the policy in force, adds 晨会迟到 30 元/次 and tier E, and the manager publishes it; the API fines 30元 under it', async () => {
    const base = server.baseUrl;
    const hr = await open();
    const { page } = hr;

    await step('hr-reads-the-policy-in-force', [hr], async () => {
      await signInUi(page, base, 'hr');
      await page.goto(`${base}/policies/sales-resource/${BASE_V}`);
      const text = page.locator('[data-testid=policy-text]');
      await text.waitFor();
      expect(await text.innerText()).toContain('A 类客户：预计成交金额 80 万元及以上');
      expect(await page.locator('[data-testid=policy-text] [data-rule=F1]').innerText()).toMatch(/每次罚款 20 元/);
      // The clause reads clean by default; the verbatim source, defects and all, is folded away.
      const t1 = page.locator('[data-testid=policy-text] [data-rule=T1]');
      expect(await t1.locator('[data-testid=clause-reading]').innerText()).toContain('A 类客户指预计成交金额在 80 万元及以上的客户');
      expect(await t1.locator('[data-testid=clause-reading]').innerText()).not.toContain('Байду');
      expect(await t1.locator('details.quote').getAttribute('open')).toBeNull();
      expect(await t1.locator('details.quote blockquote').isVisible()).toBe(false);
      await t1.locator('details.quote summary').click();
      expect(await t1.locator('details.quote blockquote').innerText()).toContain('Байду номын сангаас');
      expect(await t1.locator('details.quote summary').innerText()).toContain('含原文录入缺陷');
      await shot(page, 'policy-text');
    });

    await step('hr-prints-it', [hr], async () => {
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.app-header').isVisible()).toBe(false);
      expect(await page.locator('nav').first().isVisible()).toBe(false);
      expect(await page.locator('[data-testid=workflow-panel]').isVisible()).toBe(false);
      expect(await page.locator('[data-testid=diff-view]').count() === 0 || !(await page.locator('[data-testid=diff-view]').isVisible())).toBe(true);
      expect(await page.locator('[data-testid=print]').isVisible()).toBe(false);
      expect(await page.locator('[data-testid=policy-text]').isVisible()).toBe(true);
      expect(await page.locator('pre, .json-view').filter({ visible: true }).count()).toBe(0);
      // Runs in the page (the test's own tsconfig has no DOM types).
      const breaks = await page.locator('.text-rule').evaluateAll((els) => els.map((e) => (globalThis as unknown as { getComputedStyle(x: unknown): { breakInside: string } }).getComputedStyle(e).breakInside));
      expect(breaks.length).toBe(15);
      expect(new Set(breaks)).toEqual(new Set(['avoid']));
      expect(await page.locator('.signature').isVisible()).toBe(true);
      await page.screenshot({ path: join(SCREENSHOTS, 'policy-text-print.png'), fullPage: true });
      await page.emulateMedia({ media: 'screen' });
    });

    await step('a-viewer-reads-it-in-english', [hr], async () => {
      const viewer = await open('en-US');
      await viewer.context.addCookies([{ name: 'allot_lang', value: 'en', url: base }]);
      await signInUi(viewer.page, base, 'viewer');
      await viewer.page.goto(`${base}/policies/sales-resource/${BASE_V}`);
      const text = await viewer.page.locator('[data-testid=policy-text]').innerText();
      expect(text).toContain('Tier A: expected deal amount 800,000 yuan or more');
      expect(text).toContain('1. Client resource allocation rules (客户资源分配管理制度)');
      expect(text).toMatch(/Each time a form is entered late \(form is “the ABCD client coordination table”\): a fine of 20 yuan/);
      await shot(viewer.page, 'policy-text-en');
      await viewer.context.close();
    });

    let version = '';
    await step('hr-creates-a-format-2-draft', [hr], async () => {
      await Promise.all([page.waitForURL('**/edit'), page.click('[data-testid=new-draft]')]);
      version = /\/([\d.]+)\/edit$/.exec(page.url())?.[1] ?? '';
      await page.click('[data-testid=convert-format2]');
      await page.waitForSelector('[data-testid=policy-editor][data-format="2"]');
      // The converted draft takes the seed's clean readings.
      const f1 = await ruleIndex(page, 'F1');
      expect(await page.inputValue(`[data-pointer="/rules/${f1}/clause/reading"]`)).toContain('ABCD 客户统筹管理表未按时录入的，每次罚款 20 元');
    });

    const codeRow = (list: string) => page.locator(`[data-testid=codes-${list}] tbody tr`).last();
    await step('hr-adds-codes', [hr], async () => {
      for (const [list, code, zh, en] of [
        ['incidents', 'meeting_late', '晨会迟到', 'late for the morning meeting'],
        ['fineReasons', 'meeting_late', '晨会迟到', 'late for the morning meeting'],
        ['tiers', 'E', 'E类客户（预计成交不足10万）', 'Tier E'],
      ] as const) {
        await page.click(`[data-testid=add-code-${list}]`);
        await codeRow(list).locator('input').nth(0).fill(code);
        await codeRow(list).locator('input').nth(1).fill(zh);
        await codeRow(list).locator('input').nth(2).fill(en);
      }
    });

    await step('hr-adds-a-per-occurrence-rule', [hr], async () => {
      await page.click('[data-testid=add-rule]');
      await page.waitForSelector('[data-testid=catalogue]');
      expect(await page.locator('[data-testid=catalogue] .catalogue-item').count()).toBe(6);
      await page.click('[data-testid=catalogue-per_occurrence]');
      const card = page.locator('section.rule-v2[data-rule=F3]');
      await card.waitFor();
      const i = await ruleIndex(page, 'F3');
      await card.locator(`[data-pointer="/rules/${i}/title/zh"]`).fill('晨会迟到 30 元/次');
      await card.locator(`[data-pointer="/rules/${i}/title/en"]`).fill('Late for the morning meeting: 30 yuan each time');
      await card.locator(`[data-pointer="/rules/${i}/when/all/0/value"]`).selectOption('meeting_late');
      await card.locator(`[data-pointer="/rules/${i}/then/fineFen"]`).fill('30');
      await card.locator(`[data-pointer="/rules/${i}/then/fineReason"]`).selectOption('meeting_late');
      await expect.poll(() => card.locator('[data-testid=rule-sentence]').innerText()).toBe('发生违纪事件（事件代码为「晨会迟到」）的，每次罚款 30 元（晨会迟到）。');
    });

    await step('hr-adds-tier-e', [hr], async () => {
      const t1 = page.locator('section.rule-v2[data-rule=T1]');
      await t1.locator('[data-testid=add-rung]').click();
      await t1.locator('[data-pointer="/rules/0/rungs/3/tier"]').selectOption('D');
      await t1.locator('[data-pointer="/rules/0/rungs/3/when/all/0/value"]').fill('100000');
      await t1.locator('[data-pointer="/rules/0/otherwise"]').selectOption('E');
      await expect.poll(() => t1.locator('[data-testid=rule-sentence]').innerText()).toContain('D 类客户：预计成交金额 10 万元及以上 其余为 E 类客户');
    });

    await step('hr-times-d1-in-working-minutes', [hr], async () => {
      await page.click('[data-testid=add-calendar]');
      await page.fill('[data-pointer="/calendar/holidays"]', '2026-10-01~2026-10-08\n2027-01-01');
      await page.fill('[data-pointer="/calendar/makeUpDays"]', '2026-09-27, 2026-10-10');
      const i = await ruleIndex(page, 'D1');
      await page.locator(`[data-pointer="/rules/${i}/within/time"]`).selectOption('working');
      await expect.poll(() => page.locator('section.rule-v2[data-rule=D1] [data-testid=rule-sentence]').innerText()).toContain('10 分钟（工作时间）内');
    });

    await step('hr-sees-the-verifier-warn', [hr], async () => {
      expect(await page.getAttribute('[data-testid=problem-count]', 'data-errors')).toBe('0');
      expect(await page.getAttribute('[data-testid=problem-count]', 'data-warnings')).toBe('0');
      const b = page.locator('[data-pointer="/rules/0/rungs/1/when/all/0/value"]');
      await b.fill('900000');
      await expect.poll(() => page.getAttribute('[data-testid=problem-count]', 'data-warnings')).not.toBe('0');
      // Beside the field…
      expect(await page.locator('[data-pointer-container="/rules/0/rungs/1"] .field-warning-inline').first().innerText()).toContain('永远不会生效');
      // …and in the save bar, which takes her to it.
      await page.click('[data-testid=problem-count]');
      const item = page.locator('[data-testid=problem-list] li[data-severity=warning]').first();
      expect(await item.innerText()).toMatch(/^⚠ T1 .*B 类：第 2 档/);
      expect(await item.innerText()).not.toMatch(/\/rules\//);
      await page.evaluate('window.scrollTo(0, document.body.scrollHeight)');
      await item.locator('button').click();
      await expect.poll(() => page.evaluate('document.activeElement?.getAttribute("data-pointer")')).toBe('/rules/0/rungs/1/when/all/0/value');
      expect(await b.isVisible()).toBe(true);
      await shot(page, 'editor-warning');
      // A save with the warning needs a reason.
      await page.click('[data-testid=save]');
      await page.waitForSelector('[data-testid=save-anyway]');
      expect(await page.isDisabled('[data-testid=save-anyway-button]')).toBe(true);
      await b.fill('400000');
      await expect.poll(() => page.getAttribute('[data-testid=problem-count]', 'data-warnings')).toBe('0');
    });

    await step('hr-saves', [hr], async () => {
      await page.click('[data-testid=save]');
      await page.waitForSelector('[data-testid=editor-notice][data-kind=ok]');
      expect(await page.getAttribute('[data-testid=dirty-state]', 'data-dirty')).toBe('false');
    });

    await step('reload-with-unsaved-changes-warns', [hr], async () => {
      const i = await ruleIndex(page, 'F3');
      const title = page.locator(`[data-pointer="/rules/${i}/title/zh"]`);
      await title.fill('晨会迟到 30 元/次（草稿）');
      expect(await page.getAttribute('[data-testid=dirty-state]', 'data-dirty')).toBe('true');
      const seen: string[] = [];
      page.on('dialog', (d) => {
        seen.push(d.type());
        void d.dismiss();
      });
      await page.reload({ timeout: 3000 }).catch(() => undefined);
      expect(seen).toContain('beforeunload');
      expect(await title.inputValue()).toBe('晨会迟到 30 元/次（草稿）');
      // In-app navigation asks too, and staying keeps the edit.
      await page.click('.app-header a[href="/policies"]');
      expect(seen).toContain('confirm');
      expect(page.url()).toContain('/edit');
      await title.fill('晨会迟到 30 元/次');
      expect(await page.getAttribute('[data-testid=dirty-state]', 'data-dirty')).toBe('false');
      page.removeAllListeners('dialog');
    });

    await step('hr-submits', [hr], async () => {
      await page.fill('[data-testid=editor-submit-note]', '新增晨会迟到罚款 30 元/次；新增 E 类客户；D1 按工作时间计');
      await Promise.all([page.waitForURL(`**/policies/sales-resource/${version}`), page.click('[data-testid=editor-submit]')]);
      await page.waitForSelector('[data-testid=status-badge][data-standing=submitted]');
    });

    const manager = await open();
    const m = manager.page;
    await step('manager-sees-the-structural-change', [hr, manager], async () => {
      await signInUi(m, base, 'manager');
      await m.goto(`${base}/policies/sales-resource/${version}`);
      const structural = m.locator('[data-testid=diff-structural] li[data-rule=F3]');
      expect(await structural.getAttribute('data-kind')).toBe('added');
      expect(await structural.innerText()).toContain('新增规则 F3 晨会迟到 30 元/次（按次处罚）');
      expect(await m.getAttribute('[data-testid=policy-text] li[data-rule=F3]', 'data-mark')).toBe('added');
      expect(await m.getAttribute('[data-testid=policy-text] li[data-rule=T1]', 'data-mark')).toBe('changed');
      await shot(m, 'approval-structural');
    });

    await step('manager-runs-what-if', [hr, manager], async () => {
      await m.goto(`${base}/what-if?policy=sales-resource&base=${BASE_V}&candidate=${version}`);
      await m.click('[data-testid=whatif-run]');
      await m.waitForSelector('[data-testid=whatif-result]');
      // The example history has 33 meeting_late incidents: 33 × 30 元 more fines.
      expect(await m.textContent('[data-testid=whatif-delta-finesFen]')).toBe('+990');
    });

    await step('manager-approves-and-publishes', [hr, manager], async () => {
      await m.goto(`${base}/policies/sales-resource/${version}`);
      await m.fill('[data-testid=approve-comment]', '同意');
      await m.click('[data-testid=approve-button]');
      await m.waitForSelector('[data-testid=status-badge][data-standing=approved]');
      await m.click('[data-testid=publish-now]');
      await m.click('[data-testid=publish-button]');
      await m.click('[data-testid=publish-confirm-button]');
      await m.waitForSelector('[data-testid=status-badge][data-standing=in_force]');
    });

    await step('an-incident-through-the-api-is-fined-30', [hr, manager], async () => {
      const admin = await signIn(base, 'admin');
      const token = await api(base, admin, 'POST', '/api/tokens', { name: 'CRM', scopes: 'read write' });
      const secret = String(token.body['secret']);
      const at = new Date(Date.now() + 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
      const event = { id: 'e2e-meeting-late-1', type: 'staff.incident', at, staffId: 's0004', code: 'meeting_late' };
      const posted = await fetch(`${base}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: JSON.stringify([event]) });
      expect(posted.status, await posted.clone().text()).toBeLessThan(300);
      const res = await fetch(`${base}/api/v1/decisions?kind=staff.fined&staffId=s0004&since=${encodeURIComponent(at)}`, { headers: { authorization: `Bearer ${secret}` } });
      const body = (await res.json()) as { items: Array<{ decision: { rule: string; amountFen: number; reason: string; explain: { zh: string; en: string }; policy: { version: string } } }> };
      const fined = body.items.map((x) => x.decision);
      expect(fined).toHaveLength(1);
      expect(fined[0]).toMatchObject({ rule: 'F3', amountFen: 3000, reason: 'meeting_late', policy: { version } });
      expect(fined[0]?.explain.zh).toContain('F3 晨会迟到 30 元/次');
      expect(fined[0]?.explain.zh).toContain('晨会迟到(meeting_late)');
    });

    for (const s of sessions) expect(s.errors, 'browser errors').toEqual([]);
  }, 600_000);
});
