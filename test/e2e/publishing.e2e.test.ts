import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, signIn, startAdmin } from './admin-server.js';
import type { AdminServer } from './admin-server.js';
import { hasChromium, launchChromium, openSession, signInUi, step } from './browser.js';
import type { Session } from './browser.js';

/**
 * Safe publishing in Chromium: one impact (the approval page's numbers are the what-if page's,
 * a tier change counts the re-tiered clients); a manager whose browser runs in UTC schedules
 * 09:00 Beijing time after a confirmation that sums it up; the timeline names the version in
 * force on each day; a rollback from the version in force warns that it leaves the scheduled
 * version out and offers to cancel it; cancelling puts it back to approved and the timeline and
 * Verify agree; publishing a version that leaves out a scheduled one needs an explicit
 * confirmation; a rejection needs a reason and HR sees it; the header counts the inbox.
 */

const P = '/api/policies/sales-resource';
const DAY = 86_400_000;
let server: AdminServer;
let browser: Browser;
const sessions: Session[] = [];

type Content = { rules: { F1: { fineFen: number }; F2: { fineFen: number }; T1: { rungs: { when: { all: { value: number }[] } }[] } } };

/** A Beijing wall day `days` after today's Beijing date: its `YYYY-MM-DD`, and 09:00 there as an instant. */
function beijingDay(days: number): { day: string; nine: string; zh: string } {
  const d = new Date(Date.now() + 8 * 3_600_000 + days * DAY);
  const day = d.toISOString().slice(0, 10);
  const [y, m, dd] = day.split('-').map(Number) as [number, number, number];
  return { day, nine: new Date(Date.UTC(y, m - 1, dd, 1, 0, 0)).toISOString(), zh: `${y}年${m}月${dd}日 09:00（北京时间）` };
}

const dayLookup = async (page: Page, day: string): Promise<string | null> => {
  await page.fill('[data-testid=timeline-day]', day);
  return page.getAttribute('[data-testid=timeline-day-result]', 'data-version');
};

describe.skipIf(!hasChromium() && process.env['CI'] === undefined)('safe publishing in Chromium', () => {
  beforeAll(async () => {
    server = await startAdmin();
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('schedules, warns, cancels, confirms, rejects with a reason, and shows one impact', async () => {
    const base = server.baseUrl;
    const hr = await signIn(base, 'hr');
    const managerApi = await signIn(base, 'manager');
    const revisionOf = async (v: string): Promise<number> => ((await api(base, hr, 'GET', `${P}/versions/${v}`)).body['version'] as { revision: number }).revision;
    /** HR drafts from `from`, changes the content, submits; returns the new version number. */
    const draft = async (from: string, change: (c: Content) => void, submit = true): Promise<string> => {
      const created = await api(base, hr, 'POST', `${P}/drafts`, { from });
      expect(created.status).toBe(200);
      const v = (created.body['version'] as { version: string }).version;
      const r = await api(base, hr, 'GET', `${P}/versions/${v}`);
      const content = r.body['content'] as Content;
      change(content);
      expect((await api(base, hr, 'PUT', `${P}/versions/${v}`, { content, revision: await revisionOf(v) })).status).toBe(200);
      if (submit) expect((await api(base, hr, 'POST', `${P}/versions/${v}/submit`, { note: `change ${v}`, revision: await revisionOf(v) })).status).toBe(200);
      return v;
    };

    // A manager whose computer runs in UTC.
    const manager = await openSession(browser, 'zh-CN', { timezoneId: 'UTC' });
    sessions.push(manager);
    const m = manager.page;
    await signInUi(m, base, 'manager');
    expect(await m.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('UTC');

    // 1. One impact: the approval page's totals are the what-if page's, for a fine and a tier threshold.
    const fines = await draft('1.0.0', (c) => {
      c.rules.F1.fineFen = 5000;
    });
    const tiers = await draft('1.0.0', (c) => {
      const a = c.rules.T1.rungs[0]?.when.all[0];
      if (a !== undefined) a.value = 50_000_000;
    });
    const METRICS = ['finesFen', 'fines', 'banDays', 'pauses', 'hotlineBans', 'reclaims', 'reviewNotices', 'allocationsBlocked', 'creditToDepartmentFen', 'terminationReviews', 'allocations'];
    const numbers = async (scope: string): Promise<Record<string, number>> => {
      const out: Record<string, number> = {};
      for (const metric of METRICS) for (const side of ['base', 'candidate', 'delta']) out[`${side}-${metric}`] = Number(await m.getAttribute(`${scope} [data-testid=whatif-${side}-${metric}]`, 'data-value'));
      return out;
    };
    for (const version of [fines, tiers]) {
      await step(`impact-${version}`, [manager], async () => {
        await m.goto(`${base}/policies/sales-resource/${version}`);
        const impact = m.locator('[data-testid=approval-impact]');
        await impact.waitFor();
        // The diff comes before the impact.
        const diffBox = await m.locator('[data-testid=diff-view]').boundingBox();
        const impactBox = await impact.boundingBox();
        expect(diffBox?.y ?? Infinity).toBeLessThan(impactBox?.y ?? -Infinity);
        expect(await m.textContent('[data-testid=approval-impact-mode]')).toContain('按记录的分配');
        const differing = Number(await impact.getAttribute('data-differing'));
        expect(differing).toBeGreaterThan(0);
        expect(await m.textContent('[data-testid=approval-impact-differing]')).toContain(`${differing} 条决定不同`);
        expect(await m.locator('[data-testid=approval-impact-none]').count()).toBe(0);
        const kinds = await m.locator('[data-testid=approval-impact-kinds] tr[data-kind]').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-kind'), Number(tr.querySelector('[data-value]')?.getAttribute('data-value'))] as const));
        expect(kinds.reduce((s, [, n]) => s + n, 0)).toBe(differing);
        if (version === tiers) expect(kinds.find(([k]) => k === 'client.tiered')?.[1] ?? 0).toBeGreaterThan(0);
        if (version === fines) expect(await m.textContent('[data-testid=approval-impact-rules] tr[data-rule=F1]')).toContain('+');
        const approval = await numbers('[data-testid=approval-impact]');
        // The same run on the what-if page, through the link (same parameters, its defaults).
        await m.click('[data-testid=approval-impact-whatif]');
        await m.waitForURL(`**/what-if?policy=sales-resource&base=1.0.0&candidate=${version}`);
        expect(await m.inputValue('[data-testid=whatif-candidate]')).toBe(version);
        expect(await m.isChecked('[data-testid=whatif-as-recorded]')).toBe(true);
        await m.click('[data-testid=whatif-run]');
        await m.waitForSelector('[data-testid=whatif-result][data-run="1"]');
        expect(Number(await m.getAttribute('[data-testid=whatif-result]', 'data-differing'))).toBe(differing);
        expect(await numbers('[data-testid=whatif-result]')).toEqual(approval);
      });
    }

    // 2. 1.x: F1 30元 published now; then F1 50元 scheduled for 09:00 Beijing in five days, typed in a UTC browser.
    const first = await draft('1.0.0', (c) => {
      c.rules.F1.fineFen = 3000;
    });
    expect((await api(base, managerApi, 'POST', `${P}/versions/${first}/approve`, { comment: 'ok', revision: await revisionOf(first) })).status).toBe(200);
    expect((await api(base, managerApi, 'POST', `${P}/versions/${first}/publish`, { revision: await revisionOf(first) })).status).toBe(200);
    const scheduled = await draft(first, (c) => {
      c.rules.F1.fineFen = 5000;
    });
    const when = beijingDay(5);
    await step('schedule-in-utc-browser', [manager], async () => {
      await m.goto(`${base}/policies/sales-resource/${scheduled}`);
      await m.fill('[data-testid=approve-comment]', '同意');
      await m.click('[data-testid=approve-button]');
      await m.waitForSelector('[data-testid=publish-button]');
      await m.check('[data-testid=publish-scheduled]');
      expect(await m.textContent('[data-testid=workflow-panel]')).toContain('生效时间（北京时间）');
      await m.fill('[data-testid=publish-at]', `${when.day}T09:00`);
      await m.click('[data-testid=publish-button]');
      const summary = await m.textContent('[data-testid=publish-summary]');
      expect(summary).toContain(`将于 ${when.zh} 生效`);
      expect(summary).toMatch(/影响 \d+ 人，罚款金额（元） \+[\d,.]+/);
      await m.click('[data-testid=publish-confirm-button]');
      await m.waitForSelector('[data-testid=workflow-success]');
      expect(await m.textContent('[data-testid=workflow-success]')).toContain(`已发布 ${scheduled}`);
      const stored = (await api(base, hr, 'GET', `${P}/versions/${scheduled}`)).body['version'] as { effectiveFrom: string; standing: string };
      expect(stored).toMatchObject({ effectiveFrom: when.nine, standing: 'scheduled' });
    });

    const before = beijingDay(4).day;
    await step('timeline-with-the-schedule', [manager], async () => {
      await m.goto(`${base}/policies`);
      const rows = await m.locator('[data-testid=timeline-table] tr[data-version]').evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-version')}:${tr.getAttribute('data-standing')}`));
      expect(rows).toEqual(['1.0.0:superseded', `${first}:in_force`, `${scheduled}:scheduled`]);
      expect(await dayLookup(m, before)).toBe(first);
      expect(await dayLookup(m, when.day)).toBe(scheduled);
      expect(await m.locator('[data-testid=timeline-picture] [data-standing=in_force]').getAttribute('data-version')).toBe(first);
    });

    // 3. A rollback from the version in force warns that the scheduled version is left out, and offers to cancel it.
    let rollback = '';
    await step('rollback-warns-and-cancels', [manager], async () => {
      await m.goto(`${base}/policies/sales-resource/${first}`);
      const warning = m.locator('[data-testid=scheduled-warning]');
      expect(await warning.textContent()).toContain(scheduled);
      expect(await warning.textContent()).toContain('50 元/次 → 20 元/次');
      await m.fill('[data-testid=rollback-note]', '30元太高，先回到原规则');
      expect(await m.textContent('[data-testid=rollback-button]')).toContain('申请回滚到上一版本 1.0.0');
      await m.click('[data-testid=rollback-button]');
      await m.waitForSelector('[data-testid=workflow-success]');
      rollback = ((await m.getAttribute('[data-testid=workflow-success] a', 'href')) ?? '').split('/').pop() ?? '';
      expect(rollback).not.toBe('');
      await m.click('[data-testid=workflow-success] a');
      await m.waitForURL(`**/policies/sales-resource/${rollback}`);
      // The rollback is awaiting another approver: the manager asked, so may not approve it.
      expect(await m.textContent('[data-testid=workflow-message]')).toContain('须由其他审批人');
      expect(await m.textContent(`[data-testid=scheduled-warning] [data-version="${scheduled}"]`)).toContain(scheduled);
      await m.click(`[data-testid="cancel-scheduled-${scheduled}"]`);
      await m.locator('[data-testid=scheduled-warning]').waitFor({ state: 'detached' });
      const cancelled = (await api(base, hr, 'GET', `${P}/versions/${scheduled}`)).body as { version: { status: string; cancelled: boolean; effectiveFrom: string }; audit: { action: string; actor: string }[] };
      expect(cancelled.version).toMatchObject({ status: 'approved', cancelled: true, effectiveFrom: when.nine });
      expect(cancelled.audit[0]).toMatchObject({ action: 'cancel_schedule', actor: 'manager' });
    });

    await step('timeline-after-cancel', [manager], async () => {
      await m.goto(`${base}/policies`);
      const rows = await m.locator('[data-testid=timeline-table] tr[data-version]').evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-version')}:${tr.getAttribute('data-standing')}`));
      expect(rows).toEqual(['1.0.0:superseded', `${first}:in_force`]);
      expect(await m.textContent('[data-testid=timeline-cancelled]')).toContain(scheduled);
      expect(await dayLookup(m, when.day)).toBe(first);
      expect(await m.getAttribute(`[data-testid=versions] tr[data-version="${scheduled}"] [data-testid=status-badge]`, 'data-cancelled')).toBe('true');
    });
    const auditor = await signIn(base, 'auditor');
    const verified = await api(base, auditor, 'POST', '/api/audit/verify', {});
    expect(verified.body['ok']).toBe(true);

    // 4. Two scheduled versions in conflict: the cancelled one is scheduled again (as the next number),
    //    then a version drafted from the one in force, scheduled later, needs the explicit confirmation.
    const again = await api(base, managerApi, 'POST', `${P}/versions/${scheduled}/publish`, { effectiveFrom: when.nine, revision: await revisionOf(scheduled) });
    expect(again.status).toBe(200);
    const republished = (again.body['version'] as { version: string; standing: string; effectiveFrom: string });
    expect(republished).toMatchObject({ standing: 'scheduled', effectiveFrom: when.nine });
    const later = await draft(first, (c) => {
      c.rules.F2.fineFen = 4000;
    });
    expect((await api(base, managerApi, 'POST', `${P}/versions/${later}/approve`, { comment: 'ok', revision: await revisionOf(later) })).status).toBe(200);
    const unconfirmed = await api(base, managerApi, 'POST', `${P}/versions/${later}/publish`, { effectiveFrom: beijingDay(18).nine, revision: await revisionOf(later) });
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body['error']).toBe('confirm_undo');
    expect((unconfirmed.body['message'] as { zh: string }).zh).toContain(republished.version);
    await step('conflict-needs-confirmation', [manager], async () => {
      await m.goto(`${base}/policies/sales-resource/${later}`);
      await m.check('[data-testid=publish-scheduled]');
      await m.fill('[data-testid=publish-at]', `${beijingDay(18).day}T09:00`);
      await m.click('[data-testid=publish-button]');
      expect(await m.textContent('[data-testid=publish-undo]')).toContain(republished.version);
      expect(await m.isDisabled('[data-testid=publish-confirm-button]')).toBe(true);
      await m.check(`[data-testid="undo-${republished.version}"]`);
      await m.click('[data-testid=publish-confirm-button]');
      await m.waitForSelector('[data-testid=workflow-success]');
      await m.goto(`${base}/policies`);
      expect(await dayLookup(m, when.day)).toBe(republished.version);
      expect(await dayLookup(m, beijingDay(18).day)).toBe(later);
      expect(await dayLookup(m, before)).toBe(first);
    });
    const trail = (await api(base, hr, 'GET', `${P}/versions/${later}`)).body['audit'] as { action: string; note: string }[];
    expect(trail[0]?.note).toContain(`confirmed undoing ${republished.version}`);

    // 5. A rejection needs a reason, and HR sees it; the header counts what waits.
    const rejected = await draft(first, (c) => {
      c.rules.F2.fineFen = 100;
    });
    expect((await api(base, managerApi, 'POST', `${P}/versions/${rejected}/reject`, { comment: '  ', revision: await revisionOf(rejected) })).status).toBe(422);
    await step('reject-with-a-reason', [manager], async () => {
      await m.goto(`${base}/policies/sales-resource/${rejected}`);
      expect(Number(await m.getAttribute('[data-testid=count-to-approve]', 'data-count'))).toBeGreaterThanOrEqual(1);
      await m.click('[data-testid=reject-button]');
      expect(await m.textContent('[data-testid=workflow-error]')).toContain('退回时必须写明原因');
      expect(((await api(base, hr, 'GET', `${P}/versions/${rejected}`)).body['version'] as { status: string }).status).toBe('submitted');
      await m.fill('[data-testid=approve-comment]', '1元罚款没有意义，请按制度原文');
      await m.click('[data-testid=reject-button]');
      await m.waitForSelector('[data-testid=rejection-banner]');
    });
    const hrSession = await openSession(browser);
    sessions.push(hrSession);
    await step('hr-sees-the-reason', [hrSession], async () => {
      const h = hrSession.page;
      await signInUi(h, base, 'hr');
      expect(await h.getAttribute('[data-testid=count-returned]', 'data-count')).toBe('1');
      await h.click('[data-testid=count-returned]');
      await h.waitForURL('**/inbox');
      expect(await h.textContent('[data-testid=inbox-returned]')).toContain('1元罚款没有意义');
      await h.click(`[data-testid=inbox-returned] a[href$="/${rejected}"]`);
      await h.waitForURL(`**/policies/sales-resource/${rejected}`);
      const banner = await h.textContent('[data-testid=rejection-banner]');
      expect(banner).toContain('manager');
      expect(banner).toContain('1元罚款没有意义，请按制度原文');
    });

    for (const s of sessions) expect(s.errors).toEqual([]);
  }, 600_000);
});
