import { mkdirSync, readFileSync } from 'node:fs';
import readXlsxFile from 'read-excel-file/node';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { signIn, startAdmin } from './admin-server.js';
import type { AdminServer } from './admin-server.js';
import { hasChromium, launchChromium, openSession, SCREENSHOTS, signInUi, step } from './browser.js';
import type { Session } from './browser.js';
import { csvOf, gbk, xlsxOf } from '../../packages/sheets/test/fixtures.js';

/**
 * The import wizard in Chromium: HR uploads a roster (.xlsx) and a GBK CSV of late entries with
 * one bad row, maps and saves the mapping, sees every row with the bad cell marked, downloads the
 * error file, dry-runs to go-live (fines recorded vs the engine's), imports, and a second import
 * of the same books stores nothing.
 */

let server: AdminServer;
let browser: Browser;
const sessions: Session[] = [];

const ROSTER = [
  { 工号: 's9001', 姓名: '周一', 岗位: '销售员', 级别: 'B', 入职日期: '2026-11-02 09:00' },
  { 工号: 's9002', 姓名: '吴二', 岗位: '销售员', 级别: 'A', 入职日期: '2026-11-02 09:00' },
];
// Late entries: 周一 twice (the company recorded 20 and 50 元), 吴二 once, and a row with a day/month ambiguity.
const LATE = [
  { 日期: '2026-11-10 18:30', 员工: '周一', 表单: 'ABCD客户统筹管理表', 罚款: '20' },
  { 日期: '2026-11-12 18:30', 员工: '周一', 表单: 'ABCD客户统筹管理表', 罚款: '50' },
  { 日期: '2026-11-13 18:30', 员工: 's9002', 表单: '客户来访登记', 罚款: '20' },
  { 日期: '11/04/2026', 员工: 's9002', 表单: '客户来访登记', 罚款: '20' },
];

describe.skipIf(!hasChromium() && process.env['CI'] === undefined)('the import wizard in Chromium', () => {
  beforeAll(async () => {
    server = await startAdmin();
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('HR imports a roster and a GBK CSV: mapping, preview with errors, error file, dry run, import, re-import no-op', async () => {
    const base = server.baseUrl;
    const rosterBytes = Buffer.from(await xlsxOf('员工名册', ROSTER, '2026 年 11 月员工名册'));
    const lateBytes = Buffer.from(gbk(csvOf(LATE)));
    const hr = await openSession(browser);
    sessions.push(hr);
    const p = hr.page;
    await p.setViewportSize({ width: 1440, height: 900 });
    mkdirSync(SCREENSHOTS, { recursive: true });

    await step('imports-upload', sessions, async () => {
      await signInUi(p, base, 'hr');
      await p.goto(`${base}/imports`);
      await p.fill('[data-testid=go-live]', '2026-11-30T00:00');
      await p.setInputFiles('[data-testid=file-input]', [
        { name: '员工名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: rosterBytes },
        { name: '未按时录入.csv', mimeType: 'text/csv', buffer: lateBytes },
      ]);
      expect(await p.inputValue('[data-testid="kind-员工名册.xlsx"]')).toBe('staff');
      expect(await p.inputValue('[data-testid="kind-未按时录入.csv"]')).toBe('late-entries');
      await p.click('[data-testid=to-mapping]');
      await p.waitForSelector('[data-testid="mapping-未按时录入.csv"]');
    });

    await step('imports-mapping', sessions, async () => {
      const card = p.locator('[data-testid="mapping-未按时录入.csv"]');
      await expect(card.textContent()).resolves.toContain('gb18030');
      // 罚款 is found as the recorded fine; the form column by its header.
      expect(await card.locator('[data-testid=map-recordedFineFen]').inputValue()).toBe('罚款');
      expect(await card.locator('[data-testid=map-form]').inputValue()).toBe('表单');
      const roster = p.locator('[data-testid="mapping-员工名册.xlsx"]');
      await expect(roster.textContent()).resolves.toContain('2');
      await card.locator('[data-testid=mapping-name]').fill('考勤表');
      await card.locator('[data-testid=save-mapping]').click();
      await p.waitForSelector('text=映射已保存');
      await p.click('[data-testid=to-preview]');
      await p.waitForSelector('[data-testid="preview-未按时录入.csv"]');
    });

    await step('imports-preview', sessions, async () => {
      const card = p.locator('[data-testid="preview-未按时录入.csv"]');
      await expect(card.locator('[data-testid=counts]').textContent()).resolves.toContain('4 行:3 行有效,1 行有错误');
      const bad = card.locator('tr[data-bad=yes]');
      expect(await bad.count()).toBe(1);
      expect(await bad.getAttribute('data-row')).toBe('5');
      await expect(bad.textContent()).resolves.toContain('A5');
      await expect(bad.textContent()).resolves.toContain('日/月不明确');
      expect(await bad.locator('td.bad-cell').count()).toBe(1);
      await p.screenshot({ path: join(SCREENSHOTS, 'imports-preview-1440.png'), fullPage: true });
      const [download] = await Promise.all([p.waitForEvent('download'), p.click('[data-testid=error-file]')]);
      const text = readFileSync((await download.path()) ?? '', 'utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      expect(text).toContain('5,A,未按时录入.csv · 日期');
      await p.click('[data-testid=to-dry-run]');
      await p.waitForSelector('[data-testid=dry-run]');
    });

    await step('imports-dry-run', sessions, async () => {
      const standings = p.locator('[data-testid=standings]');
      // The fifth column is the fines in 元.
      await expect(standings.locator('tr[data-staff=s9001] td').nth(4).textContent()).resolves.toBe('40');
      await expect(standings.locator('tr[data-staff=s9002] td').nth(4).textContent()).resolves.toBe('20');
      // Recorded 90 元 against the engine's 60 元: one record differs.
      await expect(p.locator('[data-testid=fine-totals]').textContent()).resolves.toBe('合计:你们记录 90 元,引擎计算 60 元,1 条不一致');
      await p.screenshot({ path: join(SCREENSHOTS, 'imports-dry-run-1440.png'), fullPage: true });
      await p.setViewportSize({ width: 390, height: 844 });
      await p.screenshot({ path: join(SCREENSHOTS, 'imports-dry-run-390.png'), fullPage: true });
      await p.setViewportSize({ width: 1440, height: 900 });
      await p.click('[data-testid=commit]');
      await p.waitForSelector('[data-testid=done]');
      // 2 joins + 3 good late entries.
      await expect(p.locator('[data-testid=done]').textContent()).resolves.toContain('接受 5 个事件,0 个已存在');
    });

    await step('imports-again', sessions, async () => {
      const cookie = await signIn(base, 'hr');
      const form = new FormData();
      form.append('file', new Blob([rosterBytes]), '员工名册.xlsx');
      form.append('kind', 'staff');
      form.append('mapping', '{}');
      form.append('file', new Blob([lateBytes]), '未按时录入.csv');
      form.append('kind', 'late-entries');
      form.append('mapping', '{}');
      form.append('goLive', '2026-11-30T00:00');
      const res = await fetch(`${base}/api/imports/commit`, { method: 'POST', headers: { cookie, origin: base }, body: form });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ events: 5, accepted: 0, duplicates: 5, rejected: [] });
      const mappings = (await (await fetch(`${base}/api/imports/mappings`, { headers: { cookie } })).json()) as { mappings: Array<{ kind: string; name: string; mapping: Record<string, string> }> };
      expect(mappings.mappings.find((m) => m.name === '考勤表')).toMatchObject({ kind: 'late-entries' });
    });
    expect(hr.errors).toEqual([]);
  }, 240_000);

  it('the weekly report downloads as an .xlsx whose cells read back as the page’s numbers', async () => {
    const base = server.baseUrl;
    const manager = await openSession(browser);
    sessions.push(manager);
    const p = manager.page;
    await step('weekly-xlsx', sessions, async () => {
      await signInUi(p, base, 'manager');
      await p.goto(`${base}/reports/weekly?week=2026-03-23`);
      const shown = await p.locator('[data-testid=weekly] tbody tr[data-staff]').evaluateAll((rows) =>
        rows.map((r) => ({
          staffId: r.getAttribute('data-staff') ?? '',
          cells: [...r.querySelectorAll('td[data-field]')].map((td) => [td.getAttribute('data-field') ?? '', (td.textContent ?? '').replace(/,/g, '')] as const),
        })),
      );
      expect(shown.length).toBeGreaterThan(0);
      const [download] = await Promise.all([p.waitForEvent('download'), p.click('[data-testid=xlsx]')]);
      expect(download.suggestedFilename()).toBe('weekly-report-2026-03-23.xlsx');
      const [sheet] = await readXlsxFile(readFileSync((await download.path()) ?? ''));
      const [head, ...rows] = sheet?.data ?? [];
      expect(head?.[0]).toBe('工号');
      for (const [i, row] of shown.entries()) {
        expect(rows[i]?.[0]).toBe(row.staffId);
        // Column 3 onwards are the page's numbers in the same order; fines are 元 (the page shows 20.00).
        row.cells.forEach(([field, text], j) => expect(rows[i]?.[3 + j], `${row.staffId} ${field}`).toBe(Number(text)));
      }
    });
    expect(manager.errors).toEqual([]);
  }, 120_000);
});
