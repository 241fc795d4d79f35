import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { api, signIn, startAdmin } from './admin-server.js';
import type { AdminServer } from './admin-server.js';
import { hasChromium, launchChromium, openSession, signInUi, step } from './browser.js';
import type { Session } from './browser.js';

/**
 * The people pages and the weekly report in a real browser (Debian's Chromium): a manager opens
 * the people list, one person's status, decisions and place in the allocation ring, then the
 * weekly report, and downloads its CSV. The numbers on the pages are those of the JSON API.
 */

let server: AdminServer;
let browser: Browser;
const sessions: Session[] = [];

describe.skipIf(!hasChromium() && process.env['CI'] === undefined)('people pages and the weekly report in Chromium', () => {
  beforeAll(async () => {
    server = await startAdmin();
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a manager reads the people list, a person, the ring and the weekly report, and downloads the CSV', async () => {
    const base = server.baseUrl;
    const manager = await openSession(browser);
    sessions.push(manager);
    const { page } = manager;
    const cookie = await signIn(base, 'manager');
    const people = (await api(base, cookie, 'GET', '/api/people')).body as { people: { staffId: string; role: string; finesThisMonth: { fen: number } }[]; ring: { rings: { preview: { next: string | null } }[] } };
    expect(people.people).toHaveLength(34);

    await step('manager-opens-people', sessions, async () => {
      await signInUi(page, base, 'manager');
      await Promise.all([page.waitForURL('**/people'), page.click('header a[href="/people"]')]);
      expect(await page.locator('[data-testid=people] tbody tr').count()).toBe(34);
      // The ring names who is next, as the API does.
      const next = people.ring.rings[0]?.preview.next ?? '';
      expect(next).not.toBe('');
      expect(await page.getAttribute('[data-testid=ring-next]', 'data-next')).toBe(next);
      expect(await page.getAttribute(`[data-testid=ring] tr[data-seat="${next}"]`, 'data-turn')).toBe('next');
    });

    await step('manager-filters-and-sorts', sessions, async () => {
      await page.selectOption('[data-testid=role-filter]', 'rep');
      await Promise.all([page.waitForURL('**/people?role=rep*'), page.click('main form button[type=submit]')]);
      const reps = people.people.filter((p) => p.role === 'rep');
      expect(await page.locator('[data-testid=people] tbody tr').count()).toBe(reps.length);
      await Promise.all([page.waitForURL('**sort=fines**'), page.click('[data-sort=fines]')]);
      await Promise.all([page.waitForURL('**dir=desc**'), page.click('[data-sort=fines]')]);
      const top = [...reps].sort((a, b) => b.finesThisMonth.fen - a.finesThisMonth.fen)[0];
      expect(await page.getAttribute('[data-testid=people] tbody tr:first-child', 'data-staff')).toBe(top?.staffId);
    });

    // The person with the most decisions: s0025 (袁玉秀, 47 of them: two pages).
    await step('manager-opens-a-person', sessions, async () => {
      await Promise.all([page.waitForURL('**/people/s0025'), page.click('[data-testid=people] a[href="/people/s0025"]')]);
      expect(await page.textContent('[data-testid=person-name]')).toContain('袁玉秀');
      await page.waitForSelector('[data-testid=status-card] [data-testid=status] [data-status]');
      const person = (await api(base, cookie, 'GET', '/api/people/s0025')).body as { timeline: { total: number; items: { seq: number; decision: { id: string; explain: { zh: string } } }[] } };
      expect(person.timeline.total).toBe(47);
      const rows = page.locator('[data-testid=timeline] tbody tr');
      expect(await rows.count()).toBe(25);
      const first = person.timeline.items[0]?.decision;
      expect(await rows.first().getAttribute('data-decision')).toBe(first?.id);
      expect(await rows.first().textContent()).toContain(first?.explain.zh ?? '?');
      expect(await rows.first().locator('[data-testid=audit-link]').getAttribute('href')).toBe(`/audit/decisions/${encodeURIComponent(first?.id ?? '')}`);
      expect(await page.textContent('[data-testid=ring-seat]')).toMatch(/第 \d+ 位/);
      expect(await page.locator('[data-testid=ring] tr[data-seat=s0025]').count()).toBe(1);
      // The next page starts after the 25th decision.
      await Promise.all([page.waitForURL('**/people/s0025?before=*'), page.click('[data-testid=older]')]);
      const before = new URL(page.url()).searchParams.get('before');
      expect(before).toBe(String(person.timeline.items[24]?.seq));
      const older = (await api(base, cookie, 'GET', `/api/people/s0025?before=${before ?? ''}`)).body as { timeline: { items: { decision: { id: string } }[] } };
      expect(await page.getAttribute('[data-testid=timeline] tbody tr:first-child', 'data-decision')).toBe(older.timeline.items[0]?.decision.id);
    });

    await step('manager-opens-the-weekly-report', sessions, async () => {
      await Promise.all([page.waitForURL('**/reports/weekly'), page.click('header a[href="/reports/weekly"]')]);
      // The last complete week before the runtime's time (the history ends Tuesday 2026-03-31).
      expect(await page.getAttribute('[data-week]', 'data-week')).toBe('2026-03-23');
      expect(await page.inputValue('[data-testid=week]')).toBe('2026-03-23');
      const report = (await api(base, cookie, 'GET', '/api/reports/weekly')).body as { rows: { staffId: string; allocations: number }[]; totals: { allocations: number }; weeks: { key: string }[] };
      expect(report.weeks).toHaveLength(14);
      expect(await page.locator('[data-testid=weekly] tbody tr[data-staff]').count()).toBe(report.rows.length);
      expect(await page.textContent('[data-testid=weekly-total] [data-field=allocations]')).toBe(String(report.totals.allocations));
      await page.selectOption('[data-testid=week]', '2026-03-16');
      await Promise.all([page.waitForURL('**/reports/weekly?week=2026-03-16'), page.click('main form button[type=submit]')]);
      expect(await page.getAttribute('[data-week]', 'data-week')).toBe('2026-03-16');
    });

    await step('manager-downloads-the-csv', sessions, async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=csv]')]);
      expect(download.suggestedFilename()).toBe('weekly-report-2026-03-16.csv');
      const text = readFileSync(await download.path(), 'utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
      const report = (await api(base, cookie, 'GET', '/api/reports/weekly?week=2026-03-16')).body as { rows: { staffId: string; allocations: number }[] };
      expect(parsed.data[0]?.[0]).toBe('工号');
      expect(parsed.data.slice(1, -1).map((r) => r[0])).toEqual(report.rows.map((r) => r.staffId));
      expect(parsed.data[parsed.data.length - 1]?.[0]).toBe('合计');
    });

    expect(manager.errors).toEqual([]);
  }, 300_000);
});
